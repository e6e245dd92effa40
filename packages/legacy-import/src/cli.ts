#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { withDatabase } from '@shop/platform';
import { DEFAULT_BATCH_SIZE, formatSummary, importLegacyProducts, ImportStopped } from './import';

const USAGE = `npm run migrate:legacy -- --from <legacy database URL> [options]

Imports the base service's products table into the catalog, and its stock into the inventory.

  --from URL           the base service's PostgreSQL database (read only)
  --schema NAME        schema of its products table (default public)
  --catalog-url URL    the catalog database (default CATALOG_DATABASE_URL, else DATABASE_URL with database
                       "catalog", else the embedded shop's: postgresql://postgres:postgres@127.0.0.1:EMBEDDED_PG_PORT/catalog)
  --inventory-url URL  the inventory database (same defaults with "inventory")
  --no-stock           leave the inventory alone
  --dry-run            report what would change and write nothing
  --batch-size N       rows per committed batch (default ${DEFAULT_BATCH_SIZE})
  --currency CODE      the currency of the catalog's events (default USD, as the catalog's)
  --quiet              print only skipped rows and the summary`;

/** The database of a context: its own variable, else DATABASE_URL's server, else the embedded `npm start` server. */
function contextUrl(context: string): string {
  const own = process.env[`${context.toUpperCase()}_DATABASE_URL`];
  if (own) return own;
  if (process.env.DATABASE_URL) return withDatabase(process.env.DATABASE_URL, context);
  return `postgresql://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54329}/${context}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      schema: { type: 'string' },
      'catalog-url': { type: 'string' },
      'inventory-url': { type: 'string' },
      'no-stock': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'batch-size': { type: 'string' },
      currency: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.from) throw new Error(`--from is required.\n\n${USAGE}`);
  const batchSize = values['batch-size'] === undefined ? DEFAULT_BATCH_SIZE : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new Error('--batch-size must be a whole number from 1 to 10000.');
  }
  if (values.currency !== undefined && !/^[A-Z]{3}$/.test(values.currency)) throw new Error('--currency must be an ISO 4217 code such as USD.');
  const quiet = values.quiet ?? false;
  const summary = await importLegacyProducts({
    legacyUrl: values.from,
    legacySchema: values.schema,
    catalogUrl: values['catalog-url'] ?? contextUrl('catalog'),
    inventoryUrl: values['no-stock'] ? null : (values['inventory-url'] ?? contextUrl('inventory')),
    dryRun: values['dry-run'] ?? false,
    batchSize,
    currency: values.currency,
    report: (line) => {
      if (!quiet || line.startsWith('skipped') || line.startsWith('stock of')) console.log(line);
    },
  });
  console.log(formatSummary(summary));
  return 0;
}

/** What the operator reads when the import stops: what is already committed and what to do next. */
function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`migrate:legacy stopped: ${message}`];
  if (error instanceof ImportStopped && !error.dryRun) {
    lines.push(error.batch > 1
      ? `Batches 1 to ${error.batch - 1} are committed, batch ${error.batch} is not. ` +
        'Run the same command again to continue: committed rows come out unchanged.'
      : 'Nothing was committed.');
  }
  if (/reach database server|ECONNREFUSED/.test(message) && !process.env.CATALOG_DATABASE_URL && !process.env.DATABASE_URL) {
    lines.push(
      'Without --catalog-url / --inventory-url (or CATALOG_DATABASE_URL, DATABASE_URL) the import writes to the embedded shop: ' +
        'start it with `npm start` first.',
    );
  }
  return lines.join('\n');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(explain(error));
    process.exit(1);
  },
);
