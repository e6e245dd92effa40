import { createCatalogDb } from '@shop/catalog';
import { createInventoryDb } from '@shop/inventory';
import { CatalogWriter, type CatalogBatch, type ProductOutcome } from './catalog-writer';
import { writeStock, type StockLine, type StockOutcome } from './inventory-writer';
import { LegacySource } from './legacy-source';
import { isSkip, planProduct, type ProductPlan, type Skip, type SkipCode } from './rules';

export interface ImportOptions {
  /** The base service's database (read only). */
  legacyUrl: string;
  /** Schema of its `products` table (default public). */
  legacySchema?: string;
  catalogUrl: string;
  /** The inventory database; without it stock is not taken over. */
  inventoryUrl?: string | null;
  /** Do everything inside transactions that are rolled back: report what would change, write nothing. */
  dryRun?: boolean;
  /** Legacy rows per batch; each batch commits on its own, so a crash loses at most the batch in flight. */
  batchSize?: number;
  currency?: string;
  /** Progress lines (the CLI prints them). */
  report?: (line: string) => void;
  /** Called inside each batch's transaction just before it commits; the crash tests throw from here. */
  beforeCommit?: (stage: 'catalog' | 'inventory', batch: number) => void | Promise<void>;
}

export interface ImportSummary {
  dryRun: boolean;
  rows: number;
  products: Record<ProductOutcome, number>;
  skipped: Skip[];
  skippedByReason: Partial<Record<SkipCode, number>>;
  categoriesCreated: string[];
  brandsCreated: string[];
  /** null when no inventory database was given. */
  stock: { set: number; unchanged: number; skipped: Array<{ legacyId: string; reason: string }> } | null;
}

export const DEFAULT_BATCH_SIZE = 200;
/** A batch's transaction may take this long (the catalog's default 15 s is for one shopper's request). */
const BATCH_TIMEOUT_MS = 120_000;

/** Carries a dry run's results out of the transaction it rolls back. */
class DryRunRollback<T> extends Error {
  constructor(readonly result: T) {
    super('dry run: rolled back');
  }
}

async function inBatchTransaction<Tx, T>(
  db: { $transaction<R>(work: (tx: Tx) => Promise<R>, options: { maxWait: number; timeout: number }): Promise<R> },
  dryRun: boolean,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await db.$transaction(async (tx) => {
      const result = await work(tx);
      if (dryRun) throw new DryRunRollback(result);
      return result;
    }, { maxWait: 10_000, timeout: BATCH_TIMEOUT_MS });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result as T;
    throw error;
  }
}

/**
 * Imports the base service's products into the catalog (and their stock into the inventory), batch by batch in id
 * order. Idempotent: product ids are the legacy ids (or derived from them, ids.ts), so a re-run compares and finds
 * nothing to change; after a crash, a re-run finds the committed batches unchanged and finishes the rest.
 */
export async function importLegacyProducts(options: ImportOptions): Promise<ImportSummary> {
  const report = options.report ?? (() => undefined);
  const dryRun = options.dryRun ?? false;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const source = await LegacySource.open(options.legacyUrl, options.legacySchema);
  const catalogDb = createCatalogDb({ connectionString: options.catalogUrl, poolSize: 2 });
  const inventoryDb = options.inventoryUrl ? createInventoryDb({ connectionString: options.inventoryUrl, poolSize: 2 }) : null;
  const summary: ImportSummary = {
    dryRun, rows: 0, products: { imported: 0, updated: 0, unchanged: 0 }, skipped: [], skippedByReason: {},
    categoriesCreated: [], brandsCreated: [], stock: inventoryDb ? { set: 0, unchanged: 0, skipped: [] } : null,
  };
  const wouldOrDid = (past: string) => (dryRun ? `would be ${past}` : past);
  try {
    report(`Legacy columns used: ${Object.values(source.shape.columns).join(', ')}; ${await source.count()} rows.`);
    // One connection to the legacy database: its queries run one after another.
    const sharedSkus = await source.sharedSkus();
    const categories = await source.references('categories');
    const brands = await source.references('brands');
    const writer = new CatalogWriter(categories, brands, options.currency ?? 'USD');
    let afterId: string | null = null;
    for (let batchNo = 1; ; batchNo++) {
      const rows = await source.batch(afterId, batchSize);
      if (rows.length === 0) break;
      afterId = rows[rows.length - 1].id;
      summary.rows += rows.length;
      const planned = rows.map((row) => planProduct(row, sharedSkus));
      const plans = planned.filter((p): p is ProductPlan => !isSkip(p));
      planned.filter(isSkip).forEach((s) => recordSkip(summary, s, report));

      const catalog: CatalogBatch = await inBatchTransaction(catalogDb, dryRun, async (tx) => {
        const written = await writer.writeBatch(tx, plans);
        await options.beforeCommit?.('catalog', batchNo);
        return written;
      });
      const inCatalog: ProductPlan[] = [];
      for (const outcome of catalog.outcomes) {
        if (isSkip(outcome)) {
          recordSkip(summary, outcome, report);
          continue;
        }
        summary.products[outcome.outcome]++;
        inCatalog.push(outcome.plan);
        if (outcome.outcome !== 'unchanged') report(`${outcome.plan.sku}: ${wouldOrDid(outcome.outcome)} (legacy ${outcome.plan.legacyId})`);
      }
      addNew(summary.categoriesCreated, catalog.categoriesCreated);
      addNew(summary.brandsCreated, catalog.brandsCreated);

      if (inventoryDb && summary.stock) {
        const stock = summary.stock;
        const stockSkip = (legacyId: string, reason: string) => {
          stock.skipped.push({ legacyId, reason });
          report(`stock of legacy ${legacyId} not taken over: ${reason}`);
        };
        for (const plan of inCatalog.filter((p) => p.stockProblem)) stockSkip(plan.legacyId, plan.stockProblem as string);
        const lines: StockLine[] = inCatalog
          .filter((p) => p.stock !== null)
          .map((p) => ({ legacyId: p.legacyId, productId: p.productId, variantId: p.variantId, sku: p.sku, units: p.stock as number }));
        const outcomes: StockOutcome[] = await inBatchTransaction(inventoryDb, dryRun, async (tx) => {
          const written = await writeStock(tx, lines);
          await options.beforeCommit?.('inventory', batchNo);
          return written;
        });
        for (const o of outcomes) {
          if ('reason' in o) stockSkip(o.legacyId, o.reason);
          else stock[o.outcome]++;
        }
      }
      report(`batch ${batchNo}: ${summary.rows} rows read${dryRun ? ' (dry run: nothing written)' : ', committed'}`);
    }
    return summary;
  } finally {
    await Promise.allSettled([source.close(), catalogDb.$disconnect(), inventoryDb?.$disconnect()]);
  }
}

function recordSkip(summary: ImportSummary, skip: Skip, report: (line: string) => void): void {
  summary.skipped.push(skip);
  summary.skippedByReason[skip.code] = (summary.skippedByReason[skip.code] ?? 0) + 1;
  report(`skipped legacy ${skip.legacyId} (${skip.code}): ${skip.reason}`);
}

/** A dry run rolls each batch back, so a category "created" in one batch is created again in the next: count it once. */
function addNew(into: string[], names: string[]): void {
  for (const name of names) if (!into.includes(name)) into.push(name);
}

/** The summary as the CLI prints it. */
export function formatSummary(s: ImportSummary): string {
  const lines = [
    s.dryRun ? 'Dry run: nothing was written. Had it run:' : 'Import finished.',
    `  rows read       ${s.rows}`,
    `  imported        ${s.products.imported}`,
    `  updated         ${s.products.updated}`,
    `  unchanged       ${s.products.unchanged}`,
    `  skipped         ${s.skipped.length}`,
    ...Object.entries(s.skippedByReason).map(([code, n]) => `    ${code.padEnd(26)}${n}`),
    `  categories created ${s.categoriesCreated.length}${s.categoriesCreated.length ? `: ${s.categoriesCreated.join(', ')}` : ''}`,
    `  brands created     ${s.brandsCreated.length}${s.brandsCreated.length ? `: ${s.brandsCreated.join(', ')}` : ''}`,
  ];
  if (s.stock) lines.push(`  stock: ${s.stock.set} set, ${s.stock.unchanged} unchanged, ${s.stock.skipped.length} skipped`);
  else lines.push('  stock: not taken over (no inventory database given)');
  return lines.join('\n');
}
