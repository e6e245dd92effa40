// The shop as production runs it, for benchmarks: one process per service from the built dist (customer for
// sign-in, catalog, inventory, cart), each on a fresh database on this machine's PostgreSQL, carts, events and the
// gateway's cache in a logical database of the run's own on its Redis, the demo catalog (200+ products) and its
// stock seeded. Everything a run made is removed at the end, Ctrl-C too.
// Settings: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres), BENCH_REDIS_URL (the server,
// default redis://127.0.0.1:6379; the run claims a free database 1–15 on it).
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, readFileSync, rmSync, existsSync } = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');

const root = path.resolve(__dirname, '..', '..');
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisServer = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const dist = (...parts) => require(path.join(root, ...parts));
/** A package of the shop's own tree (the bench's peers folder may hold other copies). */
const shopPackage = (name) => require(require.resolve(name, { paths: [path.join(root, 'packages/platform')] }));
const { withDatabase, createLogger } = dist('packages/platform/dist/index.js');

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function post(url, query, variables, headers = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors) throw new Error(`${url}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** A storefront query exactly as written: the shared copy if there is one, else the repository's queries/. */
function storefrontQuery(file) {
  const shared = path.join(root, '..', 'shared', 'queries', file);
  return readFileSync(existsSync(shared) ? shared : path.join(root, 'queries', file), 'utf8');
}

/** One autocannon run; `requests` (autocannon's own option) varies the request per call. */
function load({ url, body, headers = {}, requests, connections, seconds }) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, requests, connections, duration: seconds },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

const withoutAuth = (env) => Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('AUTH_')));

/** Asks a GraphQL endpoint for `{ __typename }`: readiness for servers without a /ready route. */
const answersGraphql = (url) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }).then((r) => r.ok, () => false);

async function migrateAndSeed(urls) {
  const env = { ...process.env };
  for (const [context, url] of Object.entries(urls)) env[`${context.toUpperCase()}_DATABASE_URL`] = url;
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'packages/platform/dist/db/migrate-cli.js'), 'deploy', ...Object.keys(urls)], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`migrations failed (${code})`))));
  });
  const log = createLogger('bench', 'warn');
  const catalog = dist('subgraphs/catalog/dist/index.js').createCatalogDb({ connectionString: urls.catalog });
  const inventory = dist('subgraphs/inventory/dist/index.js').createInventoryDb({ connectionString: urls.inventory });
  try {
    await dist('subgraphs/catalog/dist/seed/demo-catalog.js').seedDemoCatalog(catalog, log);
    const variants = await catalog.productVariant.findMany({ select: { id: true, productId: true, sku: true }, orderBy: { sku: 'asc' } });
    await dist('subgraphs/inventory/dist/index.js').seedDemoInventory(inventory, variants, log);
    // The product page to load: the demo product with the most variants that has reviews and cross-sells.
    const featured = await catalog.product.findMany({
      where: { status: 'active', reviews: { some: { isApproved: true } }, relations: { some: { relationType: 'cross_sell' } } },
      select: { slug: true, _count: { select: { variants: true } } },
    });
    featured.sort((a, b) => b._count.variants - a._count.variants);
    const products = await catalog.product.findMany({
      where: { status: 'active' },
      select: { slug: true, variants: { select: { id: true }, orderBy: { sku: 'asc' } } },
      orderBy: { slug: 'asc' },
    });
    const topCategories = await catalog.category.findMany({ where: { parentId: null }, select: { slug: true }, orderBy: { slug: 'asc' } });
    return {
      page: { slug: featured[0].slug, variants: featured[0]._count.variants },
      products: products.map((p) => ({ slug: p.slug, variantIds: p.variants.map((v) => v.id) })),
      topCategories: topCategories.map((c) => c.slug),
    };
  } finally {
    await Promise.all([catalog.$disconnect(), inventory.$disconnect()]);
  }
}

async function dropDatabases(names) {
  const { Client } = shopPackage('pg');
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  for (const name of names) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

/**
 * A logical Redis database of the run's own, emptied at the end. Other runs and tests seed the same demo ids, so in
 * a shared database one gateway would answer from another's entity cache and hear another shop's events.
 */
async function claimRedisDatabase() {
  const { Redis } = shopPackage('ioredis');
  for (let db = 1; db < 16; db += 1) {
    const redis = new Redis(redisServer, { db, lazyConnect: true });
    await redis.connect();
    if ((await redis.set('bench:run', String(process.pid), 'NX')) && (await redis.dbsize()) === 1) {
      const url = new URL(redisServer);
      url.pathname = `/${db}`;
      return { url: url.href, release: () => redis.flushdb().then(() => redis.quit()) };
    }
    if ((await redis.get('bench:run')) === String(process.pid)) await redis.del('bench:run'); // someone else's keys there
    await redis.quit();
  }
  throw new Error(`no free database (1–15) on the Redis at ${redisServer} for this run`);
}

/**
 * Starts the shop's subgraphs, hands `measure` the shop, and tears everything down afterwards. The shop:
 * `services` (subgraph URLs), `page` (the featured product), `products` (every active product with its variant ids),
 * `topCategories`, `start` (any further process), `startGateway` (ours), `guestCart` and `customer` (a shopper with
 * lines in the cart, as request headers), `staff` (a signed-in staff member's headers), `dataDir` (a scratch folder).
 */
async function withShop(measure) {
  const tag = `bench_${process.pid}`;
  const contexts = ['catalog', 'inventory', 'cart', 'customer'];
  const databases = Object.fromEntries(contexts.map((c) => [c, `${tag}_${c}`]));
  const urls = Object.fromEntries(contexts.map((c) => [c, withDatabase(serverUrl, databases[c])]));
  const [catalogPort, inventoryPort, cartPort, customerPort] = await Promise.all(Array.from({ length: 4 }, freePort));
  const redis = await claimRedisDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shop-bench-'));
  const children = [];

  /** Starts `node <args>`; once it is ready (its /ready, or a GraphQL answer) resolves with its GraphQL URL and pid. */
  async function start(name, args, env, port, { ready = '/ready', cwd = root } = {}) {
    const child = spawn(process.execPath, args, { cwd, env: { ...withoutAuth(process.env), ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(child);
    const url = `http://127.0.0.1:${port}/graphql`;
    const isReady = ready === 'graphql' ? () => answersGraphql(url) : () => fetch(`http://127.0.0.1:${port}${ready}`).then((r) => r.ok, () => false);
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
      if (await isReady()) return { url, pid: child.pid };
    }
    throw new Error(`${name} was not ready within 60 s`);
  }

  // Ctrl-C mid-run still stops the services and drops the databases.
  const interrupted = new Promise((_, reject) => {
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => reject(new Error(`interrupted by ${signal}`)));
  });
  interrupted.catch(() => undefined);
  try {
    await Promise.race([startAndMeasure(), interrupted]);
  } finally {
    for (const child of children.reverse()) {
      if (child.exitCode !== null) continue;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await dropDatabases(Object.values(databases)).catch((error) => console.error(`could not drop the bench databases: ${error.message}`));
    await redis.release().catch((error) => console.error(`could not empty the bench's Redis database: ${error.message}`));
    rmSync(dataDir, { recursive: true, force: true });
  }

  async function startAndMeasure() {
    console.log('Migrating and seeding the demo catalog…');
    const seeded = await migrateAndSeed(urls);
    const common = {
      NODE_ENV: 'production', LOG_LEVEL: 'warn', REDIS_URL: redis.url, AUTH_JWKS_URL: `http://127.0.0.1:${customerPort}/.well-known/jwks.json`,
      GATEWAY_SIGNING_SECRET: randomBytes(32).toString('base64url'), // one per run, shared by the gateway and the subgraphs
    };
    const node = (script) => [path.join(root, script)];
    const { AUTH_JWKS_URL: _ownKeys, ...customerCommon } = common; // the built-in issuer verifies with its own key
    const customer = await start('customer', node('subgraphs/customer/dist/main.js'), {
      ...customerCommon, CUSTOMER_DATABASE_URL: urls.customer, CUSTOMER_PORT: String(customerPort), AUTH_SIGNING_KEY_FILE: path.join(dataDir, 'key.json'),
    }, customerPort);
    const catalog = await start('catalog', node('subgraphs/catalog/dist/main.js'), { ...common, CATALOG_DATABASE_URL: urls.catalog, CATALOG_PORT: String(catalogPort) }, catalogPort);
    const inventory = await start('inventory', node('subgraphs/inventory/dist/main.js'), {
      ...common, INVENTORY_DATABASE_URL: urls.inventory, INVENTORY_PORT: String(inventoryPort),
    }, inventoryPort);
    const cart = await start('cart', node('subgraphs/cart/dist/main.js'), {
      ...common, CART_DATABASE_URL: urls.cart, CART_PORT: String(cartPort), CATALOG_URL: catalog.url, INVENTORY_URL: inventory.url, CART_ABANDONED_INTERVAL_MS: '0',
    }, cartPort);
    const services = { catalog: catalog.url, inventory: inventory.url, cart: cart.url, customer: customer.url };

    /** This shop's gateway (gateway/dist/main.js) in front of the subgraphs; `env` adds or overrides its settings. */
    async function startGateway(env = {}) {
      const port = await freePort();
      // As Compose and Kubernetes run it (README: Production).
      return start('gateway', ['--max-semi-space-size=32', ...node('gateway/dist/main.js')], {
        ...common, GATEWAY_PORT: String(port), CATALOG_URL: catalog.url, INVENTORY_URL: inventory.url, CART_URL: cart.url, CUSTOMER_URL: customer.url, ...env,
      }, port);
    }

    /** Adds one of each variant to the cart, skipping any the shop refuses (e.g. out of stock); the quantities are 1, 2, 1, 2… */
    async function fill(gateway, variantIds, headers) {
      let lines = 0;
      let sessionToken;
      for (const variantId of variantIds) {
        const sent = sessionToken && !headers.authorization ? { ...headers, 'x-cart-session': sessionToken } : headers; // a customer's cart follows the sign-in
        const added = await post(gateway, 'mutation($v: ID!, $q: Int!) { addToCart(variantId: $v, quantity: $q) { sessionToken } }', { v: variantId, q: 1 + (lines % 2) }, sent).catch(() => null);
        if (!added) continue;
        lines += 1;
        sessionToken ??= added.addToCart.sessionToken;
      }
      if (!lines) throw new Error(`the shop took none of the variants ${variantIds.join(', ')} into a cart`);
      return sessionToken;
    }

    /** A guest whose cart holds these variants: the request headers that shopper sends. */
    async function guestCart(gateway, variantIds) {
      const sessionToken = await fill(gateway, variantIds, {});
      return { 'x-cart-session': sessionToken };
    }

    let customers = 0;
    /** A newly registered customer whose cart holds these variants: the request headers that shopper sends. */
    async function customerWithCart(gateway, variantIds) {
      const registered = await post(gateway, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', {
        i: { email: `bench-${process.pid}-${(customers += 1)}@example.com`, password: 'correct horse battery', firstName: 'Bench', lastName: 'Mark' },
      });
      const headers = { authorization: `Bearer ${registered.register.accessToken}` };
      await fill(gateway, variantIds, headers);
      return headers;
    }

    /** A staff member signed in through `gateway`: the request headers staff send. */
    async function staff(gateway) {
      const customer = dist('subgraphs/customer/dist/index.js');
      const db = customer.createCustomerDb({ connectionString: urls.customer });
      const email = `staff-${process.pid}@example.com`;
      const password = randomBytes(12).toString('base64url');
      try {
        await customer.ensureStaffAccount({ db }, email, password);
      } finally {
        await db.$disconnect();
      }
      const signedIn = await post(gateway, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', { e: email, p: password });
      return { authorization: `Bearer ${signedIn.login.accessToken}` };
    }

    const pids = { catalog: catalog.pid, inventory: inventory.pid, cart: cart.pid, customer: customer.pid };
    await measure({ ...seeded, services, pids, dataDir, start, startGateway, guestCart, customer: customerWithCart, staff });
  }
}

module.exports = { root, serverUrl, shopPackage, freePort, post, storefrontQuery, load, withShop, claimRedisDatabase };
