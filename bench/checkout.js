#!/usr/bin/env node
// End-to-end checkout benchmark: guests add a product to a cart and check out with the test card, through the
// gateway, against every real subgraph (catalog, inventory, cart, order saga, payment), real PostgreSQL and the
// machine's Redis. Two shapes of the same shop:
//   in-process  `npm start` (embedded/dist/start.js): every service in one child process, embedded PostgreSQL;
//   production  one process per service from the built dist (customer for sign-in and service tokens, catalog,
//               inventory, cart, order, payment, gateway), each on a fresh database on this machine's PostgreSQL.
// For each: checkouts/s, p50/p99 and errors at 1, 8 and 32 buyers; then, counted in the servers themselves, the
// HTTP requests and SQL statements one checkout costs (the shopper's request to the gateway included); then a
// rush of 32 buyers on a scarce variant and the stock books afterwards: no unit sold twice, none lost.
// Usage: npm run build && node bench/checkout.js [seconds per run, default 10] [in-process|production|both, default both]
const { spawn } = require('node:child_process');
const { randomBytes, randomUUID } = require('node:crypto');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { setTimeout: sleep } = require('node:timers/promises');
const { URL } = require('node:url');
const { Agent, fetch } = require('undici');
const { roundTrips } = require('./lib/machine');
const { claimRedisDatabase, freePort, serverUrl, shopPackage } = require('./lib/shop');

const root = path.resolve(__dirname, '..');
const seconds = Number(process.argv[2] ?? 10);
const shapes = (process.argv[3] ?? 'both') === 'both' ? ['in-process', 'production'] : [process.argv[3]];
const CONCURRENCY = [1, 8, 32];
const agent = new Agent({ connections: 128 });

/**
 * Loaded into every server process (node --require): counts the HTTP requests it serves and the SQL statements
 * its pg clients send, and answers them on GET /__bench/io (not counted) on any of its ports.
 */
const IO_COUNTER = `
const http = require('node:http');
const io = { http: 0, sql: 0 };
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, res) {
  if (event === 'request') {
    if (req.url === '/__bench/io') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(io));
      return true;
    }
    io.http += 1;
  }
  return emit.apply(this, arguments);
};
const pg = require(require.resolve('pg', { paths: [${JSON.stringify(path.join(root, 'packages/platform'))}] }));
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function () {
  io.sql += 1;
  return query.apply(this, arguments);
};
`;

async function gql(url, query, variables, headers = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }), dispatcher: agent });
  const body = await response.json();
  if (body.errors) throw Object.assign(new Error(JSON.stringify(body.errors[0])), { code: body.errors[0].extensions?.code });
  return body.data;
}

const ADD = `mutation($v: ID!, $q: Int!) { addToCart(variantId: $v, quantity: $q) { sessionToken subtotal { amount } } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { number status } }`;
const ADDRESS = { firstName: 'Bench', lastName: 'Buyer', streetLine1: '1 Main St', city: 'Springfield', stateProvince: 'IL', postalCode: '62701', countryCode: 'US' };
const STOCK = `query($v: ID!) { inventoryItem(variantId: $v) { quantityAvailable quantityReserved quantityCommitted } }`;

/** A guest's cart with `quantity` of the variant: what the checkout needs. */
async function guestCart(url, variantId, quantity = 1) {
  const { addToCart } = await gql(url, ADD, { v: variantId, q: quantity });
  return addToCart;
}

/** The checkout of a prepared cart. Returns its latency in ms. */
async function checkout(url, cart) {
  const started = performance.now();
  const { checkout: order } = await gql(
    url,
    CHECKOUT,
    { input: { idempotencyKey: `bench-${randomUUID()}`, expectedSubtotal: cart.subtotal.amount, email: 'bench@example.com', shippingAddress: ADDRESS, card: { number: '4242424242424242', expMonth: 12, expYear: 2035, cvc: '123' } } },
    { 'x-cart-session': cart.sessionToken },
  );
  if (order.status !== 'CONFIRMED') throw new Error(`checkout ended ${order.status}`);
  return performance.now() - started;
}

async function closedLoop(url, variantId, workers) {
  const latencies = [];
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < deadline) {
        try {
          latencies.push(await checkout(url, await guestCart(url, variantId)));
        } catch (error) {
          if (errors++ === 0) console.error(`  first error: ${error.message.slice(0, 300)}`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { perSecond: latencies.length / elapsed, p50: at(50), p99: at(99), count: latencies.length, errors };
}

/** Each server process's counts so far (`ioUrls`: name → counter URL), in the order of `ioUrls`. */
const ioCounts = (ioUrls) => Promise.all(Object.values(ioUrls).map((u) => fetch(u, { dispatcher: agent }).then((r) => r.json())));

/** What one checkout costs in each server process (`ioUrls`: name → counter URL): carts are filled first, then 20 checkouts in a row. */
async function ioPerCheckout(url, variantId, ioUrls) {
  const n = 20;
  const carts = [];
  for (let i = 0; i < n; i += 1) carts.push(await guestCart(url, variantId));
  const before = await ioCounts(ioUrls);
  for (const cart of carts) await checkout(url, cart);
  const after = await ioCounts(ioUrls);
  const each = Object.keys(ioUrls).map((name, i) => ({ name, http: (after[i].http - before[i].http) / n, sql: (after[i].sql - before[i].sql) / n }));
  return { http: each.reduce((sum, e) => sum + e.http, 0), sql: each.reduce((sum, e) => sum + e.sql, 0), each };
}

/**
 * 32 buyers race for a variant's last units (each buys `quantity` at a time) until it is sold out. Passes when
 * the units sold never exceed the stock there was, and the books hold exactly the rest: nothing held, nothing lost.
 */
async function rush(url, variantId, staff) {
  const { inventoryItem: start } = await gql(url, STOCK, { v: variantId }, staff);
  const quantity = Math.max(1, Math.ceil(start.quantityAvailable / 64));
  let sold = 0;
  let refused = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      for (;;) {
        try {
          await checkout(url, await guestCart(url, variantId, quantity));
          sold += 1;
        } catch (error) {
          if (error.code === 'OUT_OF_STOCK' || /OUT_OF_STOCK|stock/i.test(error.message)) {
            refused += 1;
            return;
          }
          if (errors++ === 0) console.error(`  first rush error: ${error.message.slice(0, 300)}`);
          if (errors > 100) return;
        }
      }
    }),
  );
  const { inventoryItem: end } = await gql(url, STOCK, { v: variantId }, staff);
  const { inventoryReconciliation } = await gql(url, `{ inventoryReconciliation { __typename } }`, {}, staff);
  const ok =
    sold * quantity <= start.quantityAvailable &&
    end.quantityAvailable === start.quantityAvailable - sold * quantity &&
    end.quantityCommitted === start.quantityCommitted + sold * quantity &&
    end.quantityReserved === start.quantityReserved &&
    inventoryReconciliation.length === 0;
  return { stock: start.quantityAvailable, quantity, sold, refused, errors, left: end.quantityAvailable, ok };
}

/** The measurements, the same for both shapes. */
async function measure(shape, { url, staff, ioUrls }) {
  const { products } = await gql(url, `{ products(first: 2, sort: PRICE_ASC) { edges { node { name variants { id sku price { amount } } } } } }`);
  const [product, scarce] = products.edges.map((e) => e.node);
  const variant = product.variants[0];
  await gql(url, `mutation($v: ID!) { restockInventory(input: { variantId: $v, quantity: 1000000, reason: "bench" }) { id } }`, { v: variant.id }, staff);
  console.log(`\n[${shape}] ${product.name} (${variant.sku}, ${variant.price.amount}): a fresh guest cart + checkout with the test card, ${seconds} s per run`);
  console.log(`${'concurrent buyers'.padEnd(18)} ${'checkouts/s'.padStart(12)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'done'.padStart(6)} ${'errors'.padStart(7)} ${'SQL/purchase'.padStart(13)}`);
  await closedLoop(url, variant.id, 4); // warm-up: query plans, connections, JIT
  const ioSoFar = async () => (await ioCounts(ioUrls)).reduce((sum, io) => ({ http: sum.http + io.http, sql: sum.sql + io.sql }), { http: 0, sql: 0 });
  let perPurchase;
  for (const workers of CONCURRENCY) {
    const before = await ioSoFar();
    const r = await closedLoop(url, variant.id, workers);
    const after = await ioSoFar();
    perPurchase = { workers, perSecond: r.perSecond, http: (after.http - before.http) / r.count, sql: (after.sql - before.sql) / r.count };
    console.log(
      `${String(workers).padEnd(18)} ${r.perSecond.toFixed(1).padStart(12)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${String(r.count).padStart(6)} ${String(r.errors).padStart(7)} ${perPurchase.sql.toFixed(1).padStart(13)}`,
    );
  }
  console.log('(p50/p99: the checkout mutation alone; each purchase also adds to a fresh guest cart first; SQL/purchase: both, the event relays included)');
  const floorMs = perPurchase.http * machine.httpMs + perPurchase.sql * machine.sqlMs;
  console.log(
    `round trips alone: at ${perPurchase.workers} buyers a purchase made ${perPurchase.http.toFixed(1)} HTTP requests and ${perPurchase.sql.toFixed(1)} SQL statements, ` +
      `${floorMs.toFixed(1)} ms of CPU at this machine's bare cost: at most ${((machine.cores * 1000) / floorMs).toFixed(0)} purchases/s on ${machine.cores} cores ` +
      `before any GraphQL, ORM or SQL work (measured: ${perPurchase.perSecond.toFixed(1)}/s)`,
  );
  const io = await ioPerCheckout(url, variant.id, ioUrls);
  console.log(`per checkout: ${io.http.toFixed(1)} HTTP requests served (the shopper's one included), ${io.sql.toFixed(1)} SQL statements`);
  if (io.each.length > 1) console.log(`  by process: ${io.each.map((e) => `${e.name} ${e.http.toFixed(1)} HTTP / ${e.sql.toFixed(1)} SQL`).join(', ')}`);
  const r = await rush(url, scarce.variants[0].id, staff);
  console.log(
    `rush on ${scarce.variants[0].sku}: ${r.stock} in stock, ${r.sold} checkouts of ${r.quantity} confirmed, ${r.refused} buyers refused OUT_OF_STOCK, ` +
      `${r.errors} other errors, ${r.left} left — ${r.ok ? 'oversold: none, books sound' : 'OVERSOLD OR BOOKS WRONG'}`,
  );
  if (!r.ok) process.exitCode = 1;
}

/** `npm start` in a child process with its own ports and data folder. */
async function inProcess(run) {
  const names = ['GATEWAY_PORT', 'EMBEDDED_PG_PORT', 'CATALOG_PORT', 'CUSTOMER_PORT', 'INVENTORY_PORT', 'CART_PORT', 'ORDER_PORT', 'PAYMENT_PORT', 'NOTIFICATION_PORT', 'SEARCH_PORT', 'MAILBOX_PORT', 'MAILBOX_SMTP_PORT'];
  const ports = await Promise.all(names.map(() => freePort()));
  const env = Object.fromEntries(names.map((name, i) => [name, String(ports[i])]));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shop-bench-checkout-'));
  const counter = path.join(dataDir, 'io-counter.js');
  writeFileSync(counter, IO_COUNTER);
  const redis = await claimRedisDatabase();
  const childEnv = { ...process.env, ...env, EMBEDDED_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', REDIS_URL: redis.url };
  delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--require', counter, path.join(root, 'embedded/dist/start.js')], { env: childEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => chunk.toString().includes('Shop ready') && resolve());
      child.once('exit', (code) => reject(new Error(`start.js exited with ${code}`)));
    });
    const url = `http://127.0.0.1:${env.GATEWAY_PORT}/graphql`;
    const password = readFileSync(path.join(dataDir, 'identity', 'staff-password.txt'), 'utf8').trim();
    const { login } = await gql(url, `mutation($p: String!) { login(email: "staff@shop.local", password: $p) { accessToken } }`, { p: password });
    await run({ url, staff: { authorization: `Bearer ${login.accessToken}` }, ioUrls: { shop: `http://127.0.0.1:${env.GATEWAY_PORT}/__bench/io` } });
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => child.exitCode !== null || child.once('exit', resolve));
    await redis.release();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A module of a built workspace. */
const dist = (...parts) => require(path.join(root, ...parts));

/**
 * The shop as production runs it: one process per service from the built dist, each on a fresh database on this
 * machine's PostgreSQL (BENCH_DATABASE_URL), carts and events in a Redis database of the run's own. The customer service is the token issuer; the order service gets its service
 * tokens through the client-credentials grant, answered here with tokens signed by the issuer's key. Staff calls
 * carry an admin token signed the same way.
 */
async function production(run) {
  const { withDatabase, BUILTIN_ISSUER, API_AUDIENCE, signedServiceTokens } = dist('packages/platform/dist/index.js');
  const redis = await claimRedisDatabase();
  const contexts = ['catalog', 'inventory', 'cart', 'customer', 'order', 'payment'];
  const urls = Object.fromEntries(contexts.map((c) => [c, withDatabase(serverUrl, `bench_checkout_${process.pid}_${c}`)]));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shop-bench-checkout-'));
  const counter = path.join(dataDir, 'io-counter.js');
  writeFileSync(counter, IO_COUNTER);
  const children = [];
  const http = require('node:http');
  let tokenServer;

  async function start(name, script, env, port, nodeFlags = []) {
    port ??= await freePort();
    const child = spawn(process.execPath, ['--require', counter, ...nodeFlags, path.join(root, script)], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env, [`${name.toUpperCase()}_PORT`]: String(port) },
      stdio: ['ignore', process.env.BENCH_LOGS ? 'inherit' : 'ignore', 'inherit'], // BENCH_LOGS=1: the services' logs too
    });
    children.push(child);
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
      if (await fetch(`http://127.0.0.1:${port}/ready`, { dispatcher: agent }).then((r) => r.ok, () => false)) {
        return { url: `http://127.0.0.1:${port}/graphql`, io: `http://127.0.0.1:${port}/__bench/io` };
      }
    }
    throw new Error(`${name} was not ready within 60 s`);
  }

  try {
    await new Promise((resolve, reject) => {
      const env = { ...process.env, ...Object.fromEntries(contexts.map((c) => [`${c.toUpperCase()}_DATABASE_URL`, urls[c]])) };
      const child = spawn(process.execPath, [path.join(root, 'packages/platform/dist/db/migrate-cli.js'), 'deploy', ...contexts], { env, stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`migrations failed (${code})`))));
    });
    const log = shopPackage('pino')({ level: 'warn' });
    const catalogDb = dist('subgraphs/catalog/dist/index.js').createCatalogDb({ connectionString: urls.catalog });
    const inventoryDb = dist('subgraphs/inventory/dist/index.js').createInventoryDb({ connectionString: urls.inventory });
    await dist('subgraphs/catalog/dist/seed/demo-catalog.js').seedDemoCatalog(catalogDb, log);
    const variants = await catalogDb.productVariant.findMany({ select: { id: true, productId: true, sku: true }, orderBy: { sku: 'asc' } });
    await dist('subgraphs/inventory/dist/index.js').seedDemoInventory(inventoryDb, variants, log);
    await Promise.all([catalogDb.$disconnect(), inventoryDb.$disconnect()]);

    const keyFile = path.join(dataDir, 'key.json');
    const customerPort = await freePort();
    const jwks = `http://127.0.0.1:${customerPort}/.well-known/jwks.json`;
    const common = { REDIS_URL: redis.url, AUTH_JWKS_URL: jwks, GATEWAY_SIGNING_SECRET: randomBytes(32).toString('base64url') };
    const { AUTH_JWKS_URL: _ownKeys, ...customerEnv } = common; // the issuer verifies with its own key
    const customer = await start('customer', 'subgraphs/customer/dist/main.js', { ...customerEnv, CUSTOMER_DATABASE_URL: urls.customer, AUTH_SIGNING_KEY_FILE: keyFile }, customerPort);
    const key = await dist('subgraphs/customer/dist/index.js').loadOrCreateSigningKey(keyFile);
    const serviceTokens = signedServiceTokens({ privateKey: key.privateKey, kid: key.kid, issuer: BUILTIN_ISSUER, audience: API_AUDIENCE, service: 'order' });
    tokenServer = http.createServer(async (req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ access_token: await serviceTokens.token(), token_type: 'Bearer', expires_in: 300 }));
    });
    const tokenPort = await freePort();
    await new Promise((resolve) => tokenServer.listen(tokenPort, '127.0.0.1', resolve));

    const catalog = await start('catalog', 'subgraphs/catalog/dist/main.js', { ...common, CATALOG_DATABASE_URL: urls.catalog });
    const inventory = await start('inventory', 'subgraphs/inventory/dist/main.js', { ...common, INVENTORY_DATABASE_URL: urls.inventory });
    const cart = await start('cart', 'subgraphs/cart/dist/main.js', { ...common, CART_DATABASE_URL: urls.cart, CATALOG_URL: catalog.url, INVENTORY_URL: inventory.url, CART_ABANDONED_INTERVAL_MS: '0' });
    const payment = await start('payment', 'subgraphs/payment/dist/main.js', { ...common, PAYMENT_DATABASE_URL: urls.payment, PAYMENT_WEBHOOK_SECRET: randomBytes(32).toString('base64url') });
    const order = await start('order', 'subgraphs/order/dist/main.js', {
      ...common, ORDER_DATABASE_URL: urls.order, CART_URL: cart.url, INVENTORY_URL: inventory.url, PAYMENT_URL: payment.url, CUSTOMER_URL: customer.url,
      SERVICE_TOKEN_URL: `http://127.0.0.1:${tokenPort}/token`, SERVICE_CLIENT_ID: 'order', SERVICE_CLIENT_SECRET: 'bench',
    });
    const gateway = await start('gateway', 'gateway/dist/main.js', {
      ...common, CATALOG_URL: catalog.url, INVENTORY_URL: inventory.url, CART_URL: cart.url, CUSTOMER_URL: customer.url, ORDER_URL: order.url, PAYMENT_URL: payment.url,
    }, undefined, ['--max-semi-space-size=32']); // as Compose and Kubernetes run it
    const { SignJWT } = shopPackage('jose');
    const adminToken = await new SignJWT({ roles: ['customer', 'admin'] })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
      .setSubject(randomUUID()).setIssuer(BUILTIN_ISSUER).setAudience(API_AUDIENCE).setIssuedAt().setExpirationTime('2h')
      .sign(key.privateKey);
    await run({ url: gateway.url, staff: { authorization: `Bearer ${adminToken}` }, ioUrls: Object.fromEntries(Object.entries({ gateway, order, cart, inventory, payment, catalog, customer }).map(([name, s]) => [name, s.io])) });
  } finally {
    for (const child of children.reverse()) {
      if (child.exitCode !== null) continue;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    tokenServer?.close();
    const { Client } = shopPackage('pg');
    const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
    await admin.connect();
    for (const url of Object.values(urls)) await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
    await redis.release();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** What a bare round trip costs on this machine now (bench/lib/machine.js): the floor each shape's figures sit on. */
let machine;

async function main() {
  machine = await roundTrips(serverUrl);
  console.log(machine.line);
  for (const shape of shapes) {
    if (shape === 'in-process') await inProcess((shop) => measure(shape, shop));
    else if (shape === 'production') await production((shop) => measure(shape, shop));
    else throw new Error(`unknown shape ${shape}: in-process, production or both`);
  }
  await agent.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
