#!/usr/bin/env node
// Load benchmark of the storefront's product page (queries/product-page.graphql, exactly as written) through the
// gateway, in the production shape: one process per service from the built dist (catalog, inventory, cart,
// customer for sign-in, gateway), each on its own database on this machine's PostgreSQL, carts in its Redis.
// The same query less the fields other subgraphs answer goes straight to the catalog subgraph, for the gateway's
// (and federation's) overhead. autocannon runs here, in its own process.
// Usage: npm run build && npm run bench:product-page [seconds per run, default 8]
// Settings: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres), BENCH_REDIS_URL (redis://127.0.0.1:6379).
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, readFileSync, rmSync, existsSync } = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const { parse, print, TypeInfo, visit, visitWithTypeInfo } = require('graphql');

const root = path.resolve(__dirname, '..');
const seconds = Number(process.argv[2] ?? 8);
const CONNECTIONS = [1, 16, 64];
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const dist = (...parts) => require(path.join(root, ...parts));
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

function storefrontQuery(file) {
  const shared = path.join(root, '..', 'shared', 'queries', file);
  return readFileSync(existsSync(shared) ? shared : path.join(root, 'queries', file), 'utf8');
}

/** The query less what the catalog subgraph does not own (availability, cartQuantity, cart). */
function catalogOnly(source) {
  const { buildSubgraphSchema } = require(require.resolve('@apollo/subgraph', { paths: [path.join(root, 'packages/platform')] }));
  const schema = buildSubgraphSchema({ typeDefs: parse(readFileSync(path.join(root, 'subgraphs/catalog/schema.graphql'), 'utf8')) });
  const info = new TypeInfo(schema);
  const stripped = [];
  const doc = visit(parse(source), visitWithTypeInfo(info, { Field: (node) => (info.getFieldDef() ? undefined : (stripped.push(node.name.value), null)) }));
  return { query: print(doc), stripped };
}

function run(url, body, headers, connections, duration = seconds) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections, duration },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

const withoutAuth = (env) => Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('AUTH_')));

/** Starts `node <script>` and resolves when its /ready answers. */
async function startService(name, script, env, port, children) {
  const child = spawn(process.execPath, [path.join(root, script)], { env: { ...withoutAuth(process.env), ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false);
    if (ok) return `http://127.0.0.1:${port}/graphql`;
  }
  throw new Error(`${name} was not ready within 60 s`);
}

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
    // The page to load: the demo product with the most variants that has reviews and cross-sells.
    const products = await catalog.product.findMany({
      where: { status: 'active', reviews: { some: { isApproved: true } }, relations: { some: { relationType: 'cross_sell' } } },
      select: { slug: true, _count: { select: { variants: true } } },
    });
    products.sort((a, b) => b._count.variants - a._count.variants);
    return { slug: products[0].slug, variants: products[0]._count.variants };
  } finally {
    await Promise.all([catalog.$disconnect(), inventory.$disconnect()]);
  }
}

async function dropDatabases(names) {
  const { Client } = require(require.resolve('pg', { paths: [path.join(root, 'packages/platform')] }));
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  for (const name of names) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

async function main() {
  const tag = `bench_${process.pid}`;
  const contexts = ['catalog', 'inventory', 'cart', 'customer'];
  const databases = Object.fromEntries(contexts.map((c) => [c, `${tag}_${c}`]));
  const urls = Object.fromEntries(contexts.map((c) => [c, withDatabase(serverUrl, databases[c])]));
  const [gatewayPort, catalogPort, inventoryPort, cartPort, customerPort] = await Promise.all(Array.from({ length: 5 }, freePort));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shop-bench-'));
  const children = [];
  /** Cart keys this run made in the shared Redis, removed at the end. */
  const redisKeys = { sessions: [], customers: [] };
  // Ctrl-C mid-run still stops the services and drops the databases.
  const interrupted = new Promise((_, reject) => {
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => reject(new Error(`interrupted by ${signal}`)));
  });
  interrupted.catch(() => undefined);
  try {
    await Promise.race([measure(), interrupted]);
  } finally {
    for (const child of children.reverse()) {
      if (child.exitCode !== null) continue;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await dropDatabases(Object.values(databases)).catch((error) => console.error(`could not drop the bench databases: ${error.message}`));
    await forgetCarts(redisKeys).catch((error) => console.error(`could not remove the bench carts from Redis: ${error.message}`));
    rmSync(dataDir, { recursive: true, force: true });
  }

  async function measure() {
    console.log('Migrating and seeding the demo catalog…');
    const page = await migrateAndSeed(urls);
    const common = {
      NODE_ENV: 'production', LOG_LEVEL: 'warn', REDIS_URL: redisUrl, AUTH_JWKS_URL: `http://127.0.0.1:${customerPort}/.well-known/jwks.json`,
      GATEWAY_SIGNING_SECRET: randomBytes(32).toString('base64url'), // one per run, shared by the gateway and the subgraphs
    };
    const { AUTH_JWKS_URL: _ownKeys, ...customerCommon } = common; // the built-in issuer verifies with its own key
    const customer = await startService('customer', 'subgraphs/customer/dist/main.js', {
      ...customerCommon, CUSTOMER_DATABASE_URL: urls.customer, CUSTOMER_PORT: String(customerPort), AUTH_SIGNING_KEY_FILE: path.join(dataDir, 'key.json'),
    }, customerPort, children);
    const catalog = await startService('catalog', 'subgraphs/catalog/dist/main.js', { ...common, CATALOG_DATABASE_URL: urls.catalog, CATALOG_PORT: String(catalogPort) }, catalogPort, children);
    const inventory = await startService('inventory', 'subgraphs/inventory/dist/main.js', {
      ...common, INVENTORY_DATABASE_URL: urls.inventory, INVENTORY_PORT: String(inventoryPort),
    }, inventoryPort, children);
    const cart = await startService('cart', 'subgraphs/cart/dist/main.js', {
      ...common, CART_DATABASE_URL: urls.cart, CART_PORT: String(cartPort), CATALOG_URL: catalog, INVENTORY_URL: inventory, CART_ABANDONED_INTERVAL_MS: '0',
    }, cartPort, children);
    const gateway = await startService('gateway', 'gateway/dist/main.js', {
      ...common, GATEWAY_PORT: String(gatewayPort), CATALOG_URL: catalog, INVENTORY_URL: inventory, CART_URL: cart, CUSTOMER_URL: customer,
    }, gatewayPort, children);

    const productPage = storefrontQuery('product-page.graphql');
    const direct = catalogOnly(productPage);
    const { product } = await post(gateway, productPage, { slug: page.slug });
    const [first, second] = product.variants;
    // A guest with two lines in the cart, and a signed-in customer with the same.
    const guestCart = await post(gateway, 'mutation($v: ID!) { addToCart(variantId: $v, quantity: 1) { sessionToken } }', { v: first.id });
    const guest = { 'x-cart-session': guestCart.addToCart.sessionToken };
    redisKeys.sessions.push(guestCart.addToCart.sessionToken);
    await post(gateway, 'mutation($v: ID!) { addToCart(variantId: $v, quantity: 2) { id } }', { v: (second ?? first).id }, guest);
    const registered = await post(gateway, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken customer { id } } }', {
      i: { email: `bench-${process.pid}@example.com`, password: 'correct horse battery', firstName: 'Bench', lastName: 'Mark' },
    });
    const signedIn = { authorization: `Bearer ${registered.register.accessToken}` };
    redisKeys.customers.push(registered.register.customer.id);
    await post(gateway, 'mutation($v: ID!) { addToCart(variantId: $v, quantity: 1) { id } }', { v: first.id }, signedIn);
    await post(gateway, 'mutation($v: ID!) { addToCart(variantId: $v, quantity: 2) { id } }', { v: (second ?? first).id }, signedIn);

    const scenarios = [
      ['product page, anonymous → gateway', gateway, productPage, {}],
      ['product page, guest → gateway', gateway, productPage, guest],
      ['product page, customer → gateway', gateway, productPage, signedIn],
      ['product page, catalog fields → catalog', catalog, direct.query, {}],
    ];
    console.log(`\nproduct "${page.slug}" (${page.variants} variants, reviews, cross-sells); guest and customer carts of 2 lines (anonymous: none)`);
    console.log(`straight to the catalog, the query less what other subgraphs answer: ${direct.stripped.join(', ')}`);
    console.log(`${seconds} s per run, ${os.cpus().length} cores; gateway, 4 subgraphs, PostgreSQL, Redis and autocannon all on this machine\n`);
    console.log('scenario                                   conns    req/s    p50 ms   p99 ms   errors');
    for (const [name, url, query, headers] of scenarios) {
      const body = JSON.stringify({ query, variables: { slug: page.slug } });
      await post(url, query, { slug: page.slug }, headers); // the query plan, and any error, before load
      await run(url, body, headers, 16, 3); // untimed: JIT and connection pools warm for every scenario alike
      for (const connections of CONNECTIONS) {
        const r = await run(url, body, headers, connections);
        const errors = r.errors + r.non2xx;
        console.log(
          `${name.padEnd(42)} ${String(connections).padStart(5)} ${r.requests.average.toFixed(0).padStart(8)} ${r.latency.p50.toFixed(1).padStart(9)} ${r.latency.p99.toFixed(1).padStart(8)} ${String(errors).padStart(8)}`,
        );
      }
    }
  }
}

/** Leaves nothing behind in the shared Redis: the guest's session, and the customer's mapping and cart copy. */
async function forgetCarts({ sessions, customers }) {
  if (!sessions.length && !customers.length) return;
  const { Redis } = require(require.resolve('ioredis', { paths: [path.join(root, 'packages/platform')] }));
  const redis = new Redis(redisUrl);
  for (const customerId of customers) {
    const sessionId = await redis.get(`cart:customer:${customerId}`);
    if (sessionId) sessions.push(sessionId);
    await redis.del(`cart:customer:${customerId}`);
  }
  if (sessions.length) await redis.del(...sessions.map((id) => `cart:session:${id}`));
  await redis.quit();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
