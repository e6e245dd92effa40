#!/usr/bin/env node
// End-to-end checkout benchmark: guests add a product to a cart and check out with the test card, through the
// gateway, against every real subgraph (catalog, inventory, cart, order saga, payment), real PostgreSQL and (when
// reachable) the machine's Redis. The shop runs as `npm start` does, in a child process with its own ports and
// data folder, so the load generator here does not share an event loop with the servers.
// Usage: npm run build && node bench/checkout.js [seconds per run, default 10]
const { spawn } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { Redis } = require('ioredis');
const { Agent, fetch } = require('undici');

const root = path.resolve(__dirname, '..');
const seconds = Number(process.argv[2] ?? 10);
const CONCURRENCY = [1, 8, 32];
const PORTS = ['GATEWAY_PORT', 'EMBEDDED_PG_PORT', 'CATALOG_PORT', 'CUSTOMER_PORT', 'INVENTORY_PORT', 'CART_PORT', 'ORDER_PORT', 'PAYMENT_PORT'];
const agent = new Agent({ connections: 128 });
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Guest cart sessions this run made, removed from the shared Redis at the end (the carts are empty by then). */
const sessions = [];

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function gql(url, query, variables, headers = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }), dispatcher: agent });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors[0]));
  return body.data;
}

const ADD = `mutation($v: ID!) { addToCart(variantId: $v, quantity: 1) { sessionToken subtotal { amount } } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { number status } }`;
const ADDRESS = { firstName: 'Bench', lastName: 'Buyer', streetLine1: '1 Main St', city: 'Springfield', stateProvince: 'IL', postalCode: '62701', countryCode: 'US' };

/** One guest purchase: a new cart with one item, then the checkout. Returns the checkout's latency in ms. */
async function purchase(url, variantId) {
  const { addToCart } = await gql(url, ADD, { v: variantId });
  sessions.push(addToCart.sessionToken);
  const started = performance.now();
  const { checkout } = await gql(
    url,
    CHECKOUT,
    { input: { idempotencyKey: `bench-${randomUUID()}`, expectedSubtotal: addToCart.subtotal.amount, email: 'bench@example.com', shippingAddress: ADDRESS, card: { number: '4242424242424242', expMonth: 12, expYear: 2035, cvc: '123' } } },
    { 'x-cart-session': addToCart.sessionToken },
  );
  if (checkout.status !== 'CONFIRMED') throw new Error(`checkout ended ${checkout.status}`);
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
          latencies.push(await purchase(url, variantId));
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

async function main() {
  const ports = await Promise.all(PORTS.map(() => freePort()));
  const env = Object.fromEntries(PORTS.map((name, i) => [name, String(ports[i])]));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shop-bench-checkout-'));
  const childEnv = { ...process.env, ...env, EMBEDDED_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', REDIS_URL };
  delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(root, 'embedded/dist/start.js')], { env: childEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => chunk.toString().includes('Shop ready') && resolve());
      child.once('exit', (code) => reject(new Error(`start.js exited with ${code}`)));
    });
    const url = `http://127.0.0.1:${env.GATEWAY_PORT}/graphql`;
    const password = readFileSync(path.join(dataDir, 'identity', 'staff-password.txt'), 'utf8').trim();
    const { login } = await gql(url, `mutation($p: String!) { login(email: "staff@shop.local", password: $p) { accessToken } }`, { p: password });
    const staff = { authorization: `Bearer ${login.accessToken}` };
    const { products } = await gql(url, `{ products(first: 1, sort: PRICE_ASC) { edges { node { name variants { id sku price { amount } } } } } }`);
    const product = products.edges[0].node;
    const variant = product.variants[0];
    await gql(url, `mutation($v: ID!) { restockInventory(input: { variantId: $v, quantity: 1000000, reason: "bench" }) { id } }`, { v: variant.id }, staff);
    console.log(`checkout benchmark: ${product.name} (${variant.sku}, ${variant.price.amount}), guest cart + checkout with the test card, ${seconds} s per run`);
    console.log(`${'concurrent buyers'.padEnd(18)} ${'checkouts/s'.padStart(12)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'done'.padStart(6)} ${'errors'.padStart(7)}`);
    await closedLoop(url, variant.id, 4); // warm-up: query plans, connections, JIT
    for (const workers of CONCURRENCY) {
      const r = await closedLoop(url, variant.id, workers);
      console.log(`${String(workers).padEnd(18)} ${r.perSecond.toFixed(1).padStart(12)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${String(r.count).padStart(6)} ${String(r.errors).padStart(7)}`);
    }
    console.log('(p50/p99: the checkout mutation alone; each purchase also adds to a fresh guest cart first)');
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
    await agent.close();
    const redis = new Redis(REDIS_URL);
    for (let i = 0; i < sessions.length; i += 500) await redis.del(...sessions.slice(i, i + 500).map((s) => `cart:session:${s}`));
    await redis.quit();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
