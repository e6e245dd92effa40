import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  baseConfigSchema, ConfigError, createLogger, envBoolean, envPort, loadConfig, postgresUrl, stopOnSignals, withDatabase,
  type Logger, type RunningService,
} from '@shop/platform';
import { applyMigrations, ensureDatabase } from '@shop/platform/db/migrations';
import { createCatalogDb, startCatalogSubgraph } from '@shop/catalog';
import { seedDemoCatalog } from '@shop/catalog/seed/demo-catalog';
import { createInventoryDb, seedDemoInventory, startInventorySubgraph } from '@shop/inventory';
import { startGateway } from '@shop/gateway';
import { startEmbeddedPostgres } from './postgres';

/** embedded/dist → repository root. */
const repoRoot = path.resolve(__dirname, '..', '..');

const configSchema = baseConfigSchema.extend({
  /** Use this PostgreSQL server instead of the embedded one: one database per context on it. */
  DATABASE_URL: postgresUrl.optional(),
  REDIS_URL: z.url().optional(),
  GATEWAY_PORT: envPort(4000),
  CATALOG_PORT: envPort(4001),
  INVENTORY_PORT: envPort(4003),
  EMBEDDED_PG_PORT: envPort(54329),
  EMBEDDED_DATA_DIR: z.string().min(1).default(path.join(repoRoot, '.data')),
  UNSAFE_DEV_IDENTITY_HEADERS: envBoolean(false),
});
type Config = z.infer<typeof configSchema>;

interface SubgraphStart {
  databaseUrl: string;
  port: number;
  host: string;
  log: Logger;
  production: boolean;
  devIdentityHeaders: boolean;
}

interface Context {
  name: string;
  port: (config: Config) => number;
  start: (options: SubgraphStart) => Promise<RunningService>;
  /** Demo data, written once the contexts named in `after` are migrated and seeded. */
  seed?: (databaseUrl: string, log: Logger) => Promise<void>;
  after?: string[];
}

/** Every bounded context, in start order: its database is `<name>` on the server, its migrations prisma/<name>/. */
const contexts: Context[] = [
  { name: 'catalog', port: (c) => c.CATALOG_PORT, start: startCatalogSubgraph, seed: seedCatalog },
  { name: 'inventory', port: (c) => c.INVENTORY_PORT, start: startInventorySubgraph, seed: seedInventory, after: ['catalog'] },
];

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig(configSchema);
  const logFor = (service: string) => createLogger(service, config.LOG_LEVEL);
  const log = logFor('shop');
  const production = config.NODE_ENV === 'production';
  // Filled as things start; registered first so Ctrl-C during start-up still stops what already runs.
  const services: RunningService[] = [];
  stopOnSignals(services, log);
  if (!config.REDIS_URL) {
    log.warn('No REDIS_URL: cache, cart sessions and events use in-process adapters, which only works while all subgraphs share this one process.');
  }

  try {
    const serverUrl = config.DATABASE_URL ?? (await startPostgres(config, logFor('postgres'), services));
    const subgraphUrls: Record<string, string> = {};
    const prepared = new Map<string, Promise<void>>();
    for (const context of contexts) {
      const after = () => Promise.all((context.after ?? []).map((name) => prepared.get(name)));
      prepared.set(context.name, prepareDatabase(context, withDatabase(serverUrl, context.name), logFor(context.name), after));
    }
    await Promise.all(
      contexts.map(async (context) => {
        const databaseUrl = withDatabase(serverUrl, context.name);
        await prepared.get(context.name);
        const service = await context.start({
          databaseUrl, port: context.port(config), host: '127.0.0.1', log: logFor(context.name), production,
          devIdentityHeaders: config.UNSAFE_DEV_IDENTITY_HEADERS,
        });
        services.push(service);
        subgraphUrls[context.name] = service.url;
      }),
    );
    const gateway = await startGateway({
      port: config.GATEWAY_PORT,
      supergraphSdl: await readFile(path.join(repoRoot, 'supergraph.graphql'), 'utf8'),
      subgraphUrls,
      log: logFor('gateway'),
      production,
    });
    services.push(gateway);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`Shop ready: Apollo Sandbox at http://localhost:${gateway.port}/graphql (started in ${seconds} s; Ctrl-C stops)`);
  } catch (error) {
    for (const service of [...services].reverse()) await service.stop().catch((err) => log.error({ err }, 'stop failed'));
    throw error;
  }
}

async function startPostgres(config: Config, log: Logger, services: RunningService[]): Promise<string> {
  const dataDir = path.join(path.resolve(config.EMBEDDED_DATA_DIR), 'postgres');
  const postgres = await startEmbeddedPostgres({ dataDir, port: config.EMBEDDED_PG_PORT, log });
  services.push(postgres);
  return postgres.url;
}

async function prepareDatabase(context: Context, databaseUrl: string, log: Logger, after: () => Promise<unknown>): Promise<void> {
  await ensureDatabase(databaseUrl);
  const dir = path.join(repoRoot, 'prisma', context.name);
  const applied = await applyMigrations({
    connectionString: databaseUrl, migrationsDir: path.join(dir, 'migrations'), schemaPath: path.join(dir, 'schema.prisma'),
  });
  if (applied.length) log.info({ migrations: applied }, 'applied migrations');
  await after();
  await context.seed?.(databaseUrl, log);
}

async function seedCatalog(databaseUrl: string, log: Logger): Promise<void> {
  const db = createCatalogDb({ connectionString: databaseUrl });
  try {
    await seedDemoCatalog(db, log);
  } finally {
    await db.$disconnect();
  }
}

/**
 * Demo stock for every demo variant. The starter reads the variants through the catalog's own client (it runs
 * both contexts); the inventory subgraph itself never reads catalog tables.
 */
async function seedInventory(databaseUrl: string, log: Logger): Promise<void> {
  const catalog = createCatalogDb({ connectionString: withDatabase(databaseUrl, 'catalog') });
  const inventory = createInventoryDb({ connectionString: databaseUrl });
  try {
    const variants = await catalog.productVariant.findMany({ select: { id: true, productId: true, sku: true }, orderBy: { sku: 'asc' } });
    await seedDemoInventory(inventory, variants, log);
  } finally {
    await Promise.all([catalog.$disconnect(), inventory.$disconnect()]);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
