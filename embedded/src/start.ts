import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  API_AUDIENCE, baseConfigSchema, signedServiceTokens, BUILTIN_ISSUER, ConfigError, connectRedis, createIdentity, createLogger, envPort, eventTransport, inProcessSuspendedAccounts,
  loadConfig, newGatewaySecret, postgresUrl, redisSuspendedAccounts, stopOnSignals, withDatabase, type Logger, type ProcessServices, type RunningService,
} from '@shop/platform';
import { applyMigrations, ensureDatabase } from '@shop/platform/db/migrations';
import { createCatalogDb, startCatalogSubgraph } from '@shop/catalog';
import { createCustomerDb, ensureStaffAccount, loadOrCreateSigningKey, startCustomerSubgraph, type SigningKey } from '@shop/customer';
import { httpCheckoutPorts, httpLoyalty, startOrderSubgraph } from '@shop/order';
import { startPaymentSubgraph } from '@shop/payment';
import { DEFAULT_ABANDONMENT, startCartSubgraph } from '@shop/cart';
import { seedDemoCatalog } from '@shop/catalog/seed/demo-catalog';
import { createInventoryDb, seedDemoInventory, startInventorySubgraph } from '@shop/inventory';
import { entityCacheStore, shopWebApps, startGateway } from '@shop/gateway';
import { startSearchSubgraph } from '@shop/search';
import { startNotificationSubgraph } from '@shop/notification';
import { smtpEmailChannel } from '@shop/notification/channels/index';
import { startDevMailbox } from '@shop/notification/mailbox/index';
import { startEmbeddedPostgres } from './postgres';

/** embedded/dist → repository root. */
const repoRoot = path.resolve(__dirname, '..', '..');

const configSchema = baseConfigSchema.extend({
  /** Use this PostgreSQL server instead of the embedded one: one database per context on it. */
  DATABASE_URL: postgresUrl.optional(),
  REDIS_URL: z.url().optional(),
  GATEWAY_PORT: envPort(4000),
  CATALOG_PORT: envPort(4001),
  CUSTOMER_PORT: envPort(4002),
  ORDER_PORT: envPort(4005),
  PAYMENT_PORT: envPort(4006),
  /** Signs the built-in test provider's webhooks to the payment subgraph; generated per start when unset. */
  PAYMENT_WEBHOOK_SECRET: z.string().min(32).optional(),
  /** The built-in issuer's staff account; its password is generated on first start and kept in the data folder. */
  SHOP_STAFF_EMAIL: z.email().default('staff@shop.local'),
  INVENTORY_PORT: envPort(4003),
  CART_PORT: envPort(4004),
  NOTIFICATION_PORT: envPort(4007),
  SEARCH_PORT: envPort(4008),
  /** Search in Elasticsearch (the seed's product_index) instead of PostgreSQL full-text search in the search database. */
  ELASTICSEARCH_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Where the shop's email goes; unset: the dev mailbox of this process (SMTP on MAILBOX_SMTP_PORT, page on MAILBOX_PORT). */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  SMTP_FROM: z.string().min(3).max(200).default('"Shop" <no-reply@shop.localhost>'),
  MAILBOX_PORT: envPort(4100),
  MAILBOX_SMTP_PORT: envPort(2525),
  /** `confirmation` captures payments as soon as an order is confirmed; `shipment` when staff ship it. */
  ORDER_CAPTURE: z.enum(['confirmation', 'shipment']).default('shipment'),
  EMBEDDED_PG_PORT: envPort(54329),
  EMBEDDED_DATA_DIR: z.string().min(1).default(path.join(repoRoot, '.data')),
});
type Config = z.infer<typeof configSchema>;

/** `eventTransport` is one for every service of this process: Redis Streams with REDIS_URL, else in-process. */
interface SubgraphStart extends ProcessServices {
  databaseUrl: string;
  port: number;
  host: string;
  signingKey: SigningKey;
  config: Config;
  /** The GraphQL URL of another context of this process, once it has started. */
  urlOf: (name: string) => Promise<string>;
  /** Services a context starts beside itself (the dev mailbox), stopped with the shop. */
  alongside: (service: RunningService) => void;
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
  {
    name: 'customer',
    port: (c) => c.CUSTOMER_PORT,
    // The built-in issuer: register / login / refresh, signing with the key kept in the data folder.
    start: (o) => startCustomerSubgraph({
      ...o, issuer: { key: o.signingKey, issuer: BUILTIN_ISSUER, audience: API_AUDIENCE, accessTokenSeconds: 900, refreshTokenDays: 30 },
    }),
  },
  {
    name: 'order',
    port: (c) => c.ORDER_PORT,
    // The checkout saga calls cart, inventory, payment and customer (loyalty) over HTTP, as in production, with
    // service tokens signed by the built-in issuer.
    start: async (o) => {
      const credentials = signedServiceTokens({ privateKey: o.signingKey.privateKey, kid: o.signingKey.kid, issuer: BUILTIN_ISSUER, audience: API_AUDIENCE, service: 'order' });
      const [cart, inventory, payment, customer] = await Promise.all(['cart', 'inventory', 'payment', 'customer'].map(o.urlOf));
      return startOrderSubgraph({
        ...o,
        loyalty: httpLoyalty(customer, credentials),
        checkout: {
          ports: httpCheckoutPorts({ cart, inventory, payment }, credentials),
          settings: { reservationTtlSeconds: 900, captureOnConfirm: o.config.ORDER_CAPTURE === 'confirmation' },
        },
      });
    },
  },
  { name: 'inventory', port: (c) => c.INVENTORY_PORT, start: startInventorySubgraph, seed: seedInventory, after: ['catalog'] },
  {
    name: 'cart',
    port: (c) => c.CART_PORT,
    // Asks the catalog and inventory of this process over HTTP, as in production; carts in Redis when REDIS_URL
    // is set, in this process otherwise (it logs which). Records abandoned carts as production does.
    start: async (o) => startCartSubgraph({
      ...o, catalogUrl: await o.urlOf('catalog'), inventoryUrl: await o.urlOf('inventory'), abandonment: DEFAULT_ABANDONMENT,
    }),
  },
  {
    name: 'payment',
    port: (c) => c.PAYMENT_PORT,
    // The built-in test provider (test card numbers) runs in this process and sends its webhooks to the subgraph.
    start: (o) => startPaymentSubgraph({ ...o, webhookSecret: o.config.PAYMENT_WEBHOOK_SECRET ?? randomBytes(32).toString('hex') }),
  },
  {
    name: 'notification',
    port: (c) => c.NOTIFICATION_PORT,
    // Email goes over real SMTP: to SMTP_URL when set, else to the dev mailbox this process runs (a page on localhost).
    start: async (o) => {
      const smtpUrl = o.config.SMTP_URL ?? (await startMailbox(o));
      return startNotificationSubgraph({
        ...o,
        channels: { email: smtpEmailChannel({ url: smtpUrl, from: o.config.SMTP_FROM }) },
        staffEmails: [o.config.SHOP_STAFF_EMAIL],
        shopUrl: `http://localhost:${o.config.GATEWAY_PORT}`,
        // Kept across restarts (unsubscribe links in sent mail keep working): derived from the data folder's key.
        unsubscribeSecret: secretFrom(o.signingKey, 'notification:unsubscribe'),
        webhookSecret: secretFrom(o.signingKey, 'notification:delivery-webhook'),
      });
    },
  },
  {
    name: 'search',
    port: (c) => c.SEARCH_PORT,
    // Its read model follows catalog, inventory and review events; a full rebuild reads the catalog and inventory
    // of this process over HTTP. The demo catalog is seeded before the relays start, so a first start rebuilds.
    start: async (o) => startSearchSubgraph({
      ...o, catalogUrl: await o.urlOf('catalog'), inventoryUrl: await o.urlOf('inventory'), elasticsearchUrl: o.config.ELASTICSEARCH_URL,
    }),
    after: ['catalog', 'inventory'],
  },
];

function secretFrom(key: SigningKey, purpose: string): string {
  return createHmac('sha256', key.privateKey.export({ format: 'der', type: 'pkcs8' })).update(purpose).digest('hex');
}

async function startMailbox(o: SubgraphStart): Promise<string> {
  const mailbox = await startDevMailbox({ smtpPort: o.config.MAILBOX_SMTP_PORT, httpPort: o.config.MAILBOX_PORT, log: o.log.child({ mailbox: true }) });
  o.alongside({ name: 'mailbox', url: mailbox.url, port: o.config.MAILBOX_PORT, stop: mailbox.stop });
  console.log(`Dev mailbox: the shop's email at ${mailbox.url}`);
  return mailbox.smtpUrl;
}

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
    log.warn('No REDIS_URL: cache, cart sessions and account suspensions use in-process adapters, which only works while all subgraphs share this one process.');
    log.warn('No REDIS_URL: integration events go through one in-process transport shared by every service here; like carts, they only work while all services share this process; after a restart the outbox republishes, and dead letters are lost.');
  }
  const dataDir = path.resolve(config.EMBEDDED_DATA_DIR);
  const signingKey = await loadOrCreateSigningKey(path.join(dataDir, 'identity', 'signing-key.json'));
  const redis = config.REDIS_URL ? connectRedis(config.REDIS_URL) : undefined;
  const suspended = redis ? redisSuspendedAccounts(redis) : inProcessSuspendedAccounts();
  const events = eventTransport(redis ?? null);
  // Every service in this process verifies the built-in issuer's tokens with its public key, no HTTP needed,
  // and trusts the gateway's signed headers (the client's address) with a secret made for this run.
  const identity = createIdentity({
    tokens: { issuer: BUILTIN_ISSUER, audience: API_AUDIENCE, jwks: signingKey.jwks }, suspended, gatewaySecret: newGatewaySecret(),
  });
  services.push({ name: 'redis', url: config.REDIS_URL ?? '', port: 0, stop: async () => void (await redis?.quit()) });

  try {
    const serverUrl = config.DATABASE_URL ?? (await startPostgres(config, logFor('postgres'), services));
    const subgraphUrls: Record<string, string> = {};
    const running = new Map<string, { promise: Promise<string>; resolve: (url: string) => void }>();
    for (const context of contexts) {
      let resolve!: (url: string) => void;
      const promise = new Promise<string>((r) => (resolve = r));
      running.set(context.name, { promise, resolve });
    }
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
          identity, suspended, redis, eventTransport: events, signingKey, config, urlOf: (name) => running.get(name)!.promise,
          alongside: (s) => services.push(s),
        });
        services.push(service);
        subgraphUrls[context.name] = service.url;
        running.get(context.name)!.resolve(service.url);
      }),
    );
    const staff = await ensureStaff(withDatabase(serverUrl, 'customer'), config.SHOP_STAFF_EMAIL, dataDir);
    const gateway = await startGateway({
      identity,
      events, // order events for live order tracking, from the same transport the services publish to
      port: config.GATEWAY_PORT,
      supergraphSdl: await readFile(path.join(repoRoot, 'supergraph.graphql'), 'utf8'),
      subgraphUrls,
      log: logFor('gateway'),
      production,
      // The storefront and the admin app, built by `npm start`'s build step, on the API's own origin.
      webApps: shopWebApps(),
      // Public catalog answers and stock levels kept between requests, evicted by the events of this process.
      entityCache: { store: entityCacheStore(redis) },
    });
    services.push(gateway);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`Staff sign-in: login(email: "${staff.email}", password: "${staff.password}") (kept in ${staff.file})`);
    console.log(`Storefront: http://localhost:${gateway.port}/ · Admin: http://localhost:${gateway.port}/admin`);
    console.log(`Shop ready: Apollo Sandbox at http://localhost:${gateway.port}/graphql (started in ${seconds} s; Ctrl-C stops)`);
  } catch (error) {
    for (const service of [...services].reverse()) await service.stop().catch((err) => log.error({ err }, 'stop failed'));
    throw error;
  }
}

/** A staff account for the built-in issuer, its password generated once and kept beside the database. */
async function ensureStaff(databaseUrl: string, email: string, dataDir: string): Promise<{ email: string; password: string; file: string }> {
  const file = path.join(dataDir, 'identity', 'staff-password.txt');
  if (!existsSync(file)) {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, `${randomBytes(12).toString('base64url')}\n`, { mode: 0o600 });
  }
  const password = (await readFile(file, 'utf8')).trim();
  const db = createCustomerDb({ connectionString: databaseUrl });
  try {
    await ensureStaffAccount({ db }, email, password);
  } finally {
    await db.$disconnect();
  }
  return { email, password, file };
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
