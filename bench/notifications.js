#!/usr/bin/env node
// Notification benchmark: the notification subgraph (compiled, from dist) on a throw-away database of the machine's
// PostgreSQL, with its real sending worker delivering over SMTP (nodemailer's pool) to a real SMTP server in this
// process (the test sink: smtp-server + mailparser, accepting everything).
//   1. render only   — renderTemplate of the order confirmation (two lines, HTML + text part), messages/s;
//   2. end to end    — N orders placed and confirmed, published on the event stream: each OrderConfirmed is applied
//      by the consumer (processed_events + the message rendered and stored, one per event), then claimed by the
//      worker (SKIP LOCKED batches) and delivered; messages/s from the first event to the last mail accepted,
//      with one worker and with two (a second replica on the same database);
//   3. stored only   — the same events with the worker off: applied, rendered and stored (messages/s);
//   4. delivery only — those N pending messages drained by one worker: what SMTP delivery alone sustains.
// The sink parses every mail in this same process, so the figures are a floor for a real SMTP relay.
// Usage: npm run build && npm run bench:notifications [-- messages per run, default 2000]
// Server: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres.
/* global setTimeout */
const { randomUUID } = require('node:crypto');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const root = path.resolve(__dirname, '..');
if (!process.env.TEST_DATABASE_URL && process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const dist = (file) => require(path.join(root, 'subgraphs/notification/dist', file));
const platform = require(path.join(root, 'packages/platform/dist/index.js'));
const { createTestDatabase } = require(path.join(root, 'packages/platform/dist/testing/index.js'));
const { startNotificationSubgraph, createNotificationDb } = dist('index.js');
const { smtpEmailChannel } = dist('channels/index.js');
const { startSmtpSink } = dist('testing/smtp-sink.js');
const { loadTemplateSources, renderTemplate, sampleValues } = dist('templates/index.js');

const N = Number(process.argv[2] ?? 2000);
const SENDING = { pollMs: 20, batchSize: 50, backoffBaseMs: 1000, backoffMaxMs: 10_000, sendTimeoutMs: 30_000 };
const log = platform.createLogger('notification-bench', 'error');

const rate = (count, ms) => `${Math.round((count * 1000) / ms).toLocaleString('en-US')} messages/s`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function renderOnly() {
  const source = loadTemplateSources().find((s) => s.name === 'order_confirmation' && s.channel === 'email' && s.locale === 'en-US');
  const values = sampleValues('order_confirmation');
  for (let i = 0; i < 200; i++) renderTemplate(source, values); // warm-up (compiles once)
  const count = Math.max(N * 5, 5000);
  const started = performance.now();
  for (let i = 0; i < count; i++) renderTemplate(source, { ...values, order: { ...values.order, number: `ORD-${i}` } });
  return rate(count, performance.now() - started);
}

function envelope(type, orderId, data) {
  return { id: randomUUID(), source: 'order', type, aggregateType: 'Order', aggregateId: orderId, version: type === 'OrderPlaced' ? 1 : 2, schemaVersion: 1, occurredAt: new Date().toISOString(), data };
}

function orderEvents(orderId, i) {
  const orderNumber = `BENCH-${String(i).padStart(6, '0')}`;
  const base = { schema: 1, orderId, orderNumber, customerId: null, changedBy: null, occurredAt: new Date().toISOString(), currency: 'USD', total: '48.71' };
  return [
    envelope('OrderPlaced', orderId, {
      ...base, status: 'pending', previousStatus: null, email: `buyer${i}@example.com`, subtotal: '45.00', discount: '0.00', shipping: '0.00', tax: '3.71',
      discountCode: null, loyaltyPointsRedeemed: 0,
      items: [
        { variantId: randomUUID(), productId: null, sku: 'MUG-1', quantity: 2, unitPrice: '12.50', name: 'Blue mug', lineTotal: '25.00' },
        { variantId: randomUUID(), productId: null, sku: 'TEA-1', quantity: 1, unitPrice: '20.00', name: 'Earl Grey', lineTotal: '20.00' },
      ],
    }),
    envelope('OrderConfirmed', orderId, { ...base, status: 'confirmed', previousStatus: 'pending', notes: null, refundedTotal: '0.00' }),
  ];
}

async function run(label, { replicas, pending }) {
  const database = await createTestDatabase('notification');
  const sink = await startSmtpSink();
  const transport = platform.inProcessTransport();
  const options = {
    databaseUrl: database.url, port: 0, host: '127.0.0.1', production: false, identity: { viewerFor: async () => platform.anonymousViewer }, eventTransport: transport, log,
    webhookSecret: 'b'.repeat(40), unsubscribeSecret: 'b'.repeat(40),
  };
  const channel = () => ({ email: smtpEmailChannel({ url: sink.url, from: 'shop@example.com', maxConnections: 5 }) });
  const services = [];
  const db = createNotificationDb({ connectionString: database.url });
  try {
    if (pending) {
      // The messages are made with the worker off, then one worker drains them.
      const maker = await startNotificationSubgraph({ ...options, channels: channel(), sending: false });
      services.push(maker);
      const storing = performance.now();
      await publishOrders(transport, N);
      await waitFor(() => db.notification.count({ where: { status: 'pending' } }), N, 'messages stored');
      const stored = rate(N, performance.now() - storing);
      await maker.stop();
      services.pop();
      const started = performance.now();
      services.push(await startNotificationSubgraph({ ...options, channels: channel(), sending: SENDING }));
      await waitFor(async () => sink.messages().length, N, 'mails accepted');
      return `events applied, messages rendered and stored (worker off): ${stored}\n${label}: ${rate(N, performance.now() - started)}`;
    }
    for (let i = 0; i < replicas; i++) services.push(await startNotificationSubgraph({ ...options, channels: channel(), sending: SENDING }));
    const started = performance.now();
    await publishOrders(transport, N);
    await waitFor(async () => sink.messages().length, N, 'mails accepted');
    const elapsed = performance.now() - started;
    const duplicates = sink.messages().length - new Set(sink.messages().map((m) => m.to[0])).size;
    return `${label}: ${rate(N, elapsed)} (${N} orders, ${(elapsed / 1000).toFixed(1)} s, ${duplicates} duplicates)`;
  } finally {
    for (const s of services.reverse()) await s.stop();
    await db.$disconnect();
    await sink.close();
    await database.drop();
  }
}

async function publishOrders(transport, count) {
  for (let i = 0; i < count; i += 100) {
    const entries = [];
    for (let j = i; j < Math.min(count, i + 100); j++) {
      for (const event of orderEvents(randomUUID(), j)) entries.push({ aggregateKey: `Order:${event.aggregateId}`, previous: null, payload: platform.encodeEnvelope(event) });
    }
    await transport.append('events:order', entries, 1_000_000, null);
  }
}

async function waitFor(read, target, what) {
  const deadline = Date.now() + 600_000;
  while ((await read()) < target) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${target} ${what}`);
    await sleep(20);
  }
}

(async () => {
  console.log(`notification bench: ${N} messages per run, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`render only (order confirmation, HTML + text): ${renderOnly()}`);
  console.log(await run('end to end, 1 replica (event → rendered, stored → delivered over SMTP)', { replicas: 1 }));
  console.log(await run('end to end, 2 replicas on one database', { replicas: 2 }));
  console.log(await run('delivery only, 1 worker (pending → delivered over SMTP)', { pending: true }));
  console.log(`load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
