#!/usr/bin/env node
// Live order tracking benchmark: N concurrent graphql-ws subscribers on one gateway (each its own WebSocket,
// `orderUpdated` of one of the orders), then orders changing at a steady rate (staff moves through the gateway).
// Reports connect time, the gateway's memory per subscriber, and event-to-client latency p50/p99 (the event's
// occurredAt, written in the order's transaction, to the moment the client has the update).
// The gateway, the order subgraph and a redis-server of its own run in a child process (so the subscribers do
// not share its event loop), on a fresh database of the machine's PostgreSQL.
// Usage: npm run build && npm run bench:subscriptions [-- subscribers (5000) changesPerSecond (50) seconds (10)]
/* global fetch, setTimeout, __filename, Buffer */
const { fork } = require('node:child_process');
const path = require('node:path');
const { randomUUID } = require('node:crypto');

const root = path.resolve(__dirname, '..');

if (process.argv[2] === '--serve') serve();
else main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

/** The child: redis-server, order subgraph and one gateway whose subscriptions read the order stream. */
async function serve() {
  const { createLogger, eventTransport } = require(path.join(root, 'packages/platform/dist/index.js'));
  const { createTestDatabase, createTestIssuer, startRedisServer } = require(path.join(root, 'packages/platform/dist/testing/index.js'));
  const { startOrderSubgraph, typeDefs } = require(path.join(root, 'subgraphs/order/dist/index.js'));
  const { startTestGateway } = require(path.join(root, 'gateway/dist/testing.js'));
  // Never outlive the benchmark (a failed run would leave this process, its redis-server and database behind).
  process.on('disconnect', () => process.exit(1));
  const log = createLogger('bench', 'silent');
  const issuer = createTestIssuer();
  const redis = await startRedisServer();
  const database = await createTestDatabase('order');
  const order = await startOrderSubgraph({
    databaseUrl: database.url, port: 0, host: '127.0.0.1', log, production: false, identity: issuer.identity, eventTransport: eventTransport(redis.connect()),
  });
  const gateway = await startTestGateway([{ name: 'order', url: order.url, typeDefs }], issuer.identity, log, {
    events: eventTransport(redis.connect()),
    subscriptionLimits: { maxConnectionsPerIdentity: 1_000_000 },
  });
  const memory = () => {
    global.gc?.();
    return process.memoryUsage();
  };
  process.on('message', async (message) => {
    if (message.type === 'memory') process.send({ type: 'memory', memory: memory(), listeners: gateway.subscriptions.listenerCount() });
    if (message.type === 'stop') {
      await gateway.stop();
      await order.stop();
      await redis.close();
      await database.drop();
      process.send({ type: 'stopped' });
      process.exit(0);
    }
  });
  process.send({
    type: 'ready',
    url: gateway.url,
    wsUrl: gateway.url.replace(/^http/, 'ws'),
    admin: `Bearer ${issuer.tokenFor('00000000-0000-4000-8000-00000000a001', ['customer', 'admin'])}`,
    service: `Bearer ${issuer.tokenFor(randomUUID(), ['service'])}`,
    tokenFor: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [i, `Bearer ${issuer.tokenFor(randomUUID(), ['customer'])}`])),
  });
}

async function main() {
  const WebSocket = require(require.resolve('ws', { paths: [path.join(root, 'gateway')] }));
  const subscribers = Number(process.argv[2] ?? 5000);
  const rate = Number(process.argv[3] ?? 50);
  const seconds = Number(process.argv[4] ?? 10);
  const child = fork(__filename, ['--serve'], { execArgv: ['--expose-gc'], stdio: 'inherit' });
  process.once('exit', () => child.connected && child.kill());
  const next = (type) => new Promise((resolve) => child.on('message', function on(m) { if (m.type === type) { child.off('message', on); resolve(m); } }));
  const ready = await next('ready');
  const gql = async (query, variables, authorization) => {
    const response = await fetch(ready.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query, variables }) });
    const body = await response.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  // Enough orders for `rate` changes a second over the run (three moves each: processing, shipped, delivered).
  const orderCount = Math.min(200, Math.max(10, Math.ceil((rate * seconds) / 3)));
  const orders = [];
  for (let i = 0; i < orderCount; i++) {
    const token = ready.tokenFor[i];
    const customerId = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;
    const address = { firstName: 'Ada', lastName: 'Lovelace', streetLine1: '1 Main St', city: 'Springfield', postalCode: '62701', countryCode: 'US' };
    const line = { variantId: randomUUID(), productId: randomUUID(), productName: 'Shirt', sku: `S-${i}`, unitPrice: '20.00', quantity: 1 };
    const placed = await gql('mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id number } }',
      { input: { customerId, email: `c${i}@example.com`, lines: [line], shippingAddress: address } }, ready.service);
    await gql('mutation($id: ID!) { confirmOrder(orderId: $id) { version } }', { id: placed.placeOrder.id }, ready.service);
    orders.push({ ...placed.placeOrder, token, version: 2, next: ['PROCESSING', 'SHIPPED', 'DELIVERED'] });
  }
  const before = await ask('memory');
  const latencies = [];
  let received = 0;
  const sockets = [];
  const connectStarted = Date.now();
  const QUERY = 'subscription($n: String!) { orderUpdated(number: $n) { status version occurredAt } }';
  const open = (i) => new Promise((resolve, reject) => {
    const order = orders[i % orders.length];
    const socket = new WebSocket(ready.wsUrl, 'graphql-transport-ws');
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: order.token } })));
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw));
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY, variables: { n: order.number } } }));
        resolve(socket);
      } else if (message.type === 'next' && message.payload.data) {
        received += 1;
        latencies.push(Date.now() - Date.parse(message.payload.data.orderUpdated.occurredAt));
      }
    });
  });
  for (let i = 0; i < subscribers; i += 100) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(100, subscribers - i) }, (_, j) => open(i + j)))));
  }
  const connectMs = Date.now() - connectStarted;
  for (let waited = 0; waited < 30_000; waited += 100) {
    const state = await ask('memory');
    if (state.listeners >= subscribers) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const after = await ask('memory');
  // Changes at `rate` a second, spread over the orders; each reaches subscribers / orders subscribers.
  let expected = 0;
  let moves = 0;
  const started = Date.now();
  const moving = [];
  while (Date.now() - started < seconds * 1000) {
    const order = orders[moves % orders.length];
    moves += 1;
    const status = order.next.shift();
    if (status) {
      expected += Math.floor(subscribers / orders.length) + (orders.indexOf(order) < subscribers % orders.length ? 1 : 0);
      const version = order.version;
      order.version += 1;
      moving.push(gql(`mutation($id: ID!, $s: OrderStatus!, $v: Int!) { moveOrder(id: $id, status: $s, expectedVersion: $v, carrier: "DHL", trackingNumber: "JD1") { version } }`,
        { id: order.id, s: status, v: version }, ready.admin));
    }
    const due = started + (moves * 1000) / rate;
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
  }
  await Promise.all(moving);
  for (let waited = 0; received < expected && waited < 30_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  const mib = (bytes) => (bytes / 1024 / 1024).toFixed(1);
  console.log(`subscribers ${subscribers} (${orders.length} orders) connected and subscribed in ${(connectMs / 1000).toFixed(1)} s`);
  console.log(`gateway process heap ${mib(before.memory.heapUsed)} → ${mib(after.memory.heapUsed)} MiB, rss ${mib(before.memory.rss)} → ${mib(after.memory.rss)} MiB: ` +
    `${((after.memory.heapUsed - before.memory.heapUsed) / subscribers / 1024).toFixed(1)} KiB heap, ${((after.memory.rss - before.memory.rss) / subscribers / 1024).toFixed(1)} KiB rss per subscriber`);
  console.log(`${moves} changes at ${rate}/s over ${seconds} s: ${received} of ${expected} updates delivered; event-to-client latency p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${latencies.at(-1)} ms`);
  for (const socket of sockets) socket.terminate();
  child.send({ type: 'stop' });
  await next('stopped');

  async function ask(type) {
    const answer = next(type);
    child.send({ type });
    return answer;
  }
}
