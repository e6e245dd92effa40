#!/usr/bin/env node
// Integration-events benchmark: the platform's outbox, relay and consumer (compiled, from dist) on throw-away
// databases of the machine's PostgreSQL and the machine's Redis (Redis Streams, as in production).
//   1. relay, backlog   — rows already committed in the outbox, drained to the stream by one relay (events/s);
//   2. consumer, backlog — that stream applied by one consumer: processed_events row + an effect, one transaction
//      each, then XACK (events/s);
//   3. live, open loop  — writers commit one event per transaction (recordEvent in a Prisma transaction, with a
//      versioned aggregate row, as a context does) at a fixed rate; the relay publishes and a consumer applies
//      them; lag = the writer's commit returned → in the stream, and → effect committed at the receiver (p50 / p99);
//      the figure in brackets starts earlier, when the event was recorded inside the writer's transaction;
//   4. live, 16 writers as fast as they can commit: what the whole path sustains on this machine.
// The machine's load average is printed first and last: on a shared machine the figures move with it.
// Usage: npm run build && npm run bench:events [-- seconds per live run, default 10]
// Server: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres; REDIS_URL.
// BENCH_EVENTS_SCENARIOS=backlog,200,max picks scenarios (default all); BENCH_EVENTS_RATE sets the open-loop rate
// (default 200); BENCH_EVENTS_CONCURRENCY the consumer's parallel transactions (default 4, as the consumer's);
// BENCH_PLATFORM_DIST runs another build of the platform (to compare before and after a change).
/* global URL, setTimeout */
const { AsyncLocalStorage } = require('node:async_hooks');
const { spawn } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { Client } = require('pg');
const { z } = require('zod');

const root = path.resolve(__dirname, '..');
const platform = require(process.env.BENCH_PLATFORM_DIST ? path.resolve(process.env.BENCH_PLATFORM_DIST, 'index.js') : path.join(root, 'packages/platform/dist/index.js'));
// Any context's generated client serves: the events core only runs raw SQL through it.
const { PrismaClient } = require(path.join(root, 'subgraphs/order/dist/generated/prisma/client.js'));

const seconds = Number(process.argv[2] ?? 10);
const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BACKLOG = Number(process.env.BENCH_EVENTS_BACKLOG ?? 10_000);
const AGGREGATES = 1_000;
const SCENARIOS = new Set((process.env.BENCH_EVENTS_SCENARIOS ?? 'backlog,200,max').split(','));
const RATE = Number(process.env.BENCH_EVENTS_RATE ?? 200);
const CONCURRENCY = Number(process.env.BENCH_EVENTS_CONCURRENCY ?? 4); // the consumer's default
const run = `bench${process.pid}`;

const withDatabase = (url, name) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** The load average, and Linux's CPU pressure (share of time something waited for a CPU) where the kernel has it. */
function machineLoad() {
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  let pressure = '';
  try {
    const some = /some avg10=([\d.]+) avg60=([\d.]+)/.exec(require('node:fs').readFileSync('/proc/pressure/cpu', 'utf8'));
    if (some) pressure = `, CPU pressure ${some[1]}% (10 s) ${some[2]}% (60 s)`;
  } catch {
    // no PSI here
  }
  return `load ${load}${pressure}`;
}
const databases = [];
const streams = [];

async function admin(sql) {
  const client = new Client({ connectionString: withDatabase(server, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new database with `setup` applied, and a Prisma client (pool of 8) with the platform's transaction helper. */
async function database(label, setup) {
  const name = `${run}_${label}`;
  await admin(`CREATE DATABASE "${name}"`);
  databases.push(name);
  const url = withDatabase(server, name);
  const sql = new Client({ connectionString: url });
  await sql.connect();
  await sql.query(setup);
  const { createDb, inTransaction } = platform.contextDatabase(PrismaClient, { maxWait: 20_000, timeout: 20_000 });
  const db = createDb({ connectionString: url, poolSize: 8 });
  return {
    url, sql, db,
    inTransaction: (work) => inTransaction(db, work),
    async close() {
      await db.$disconnect();
      await sql.end();
    },
  };
}

/** A publishing context: the conventional outbox with its NOTIFY trigger, and a versioned aggregate to change. */
const publisher = (label) => database(label, `${platform.OUTBOX_TABLE_SQL} ${platform.OUTBOX_TRIGGER_SQL}
  CREATE TABLE items (id UUID PRIMARY KEY, version BIGINT NOT NULL);`);

/** A receiving context: processed_events and the table its handler writes. */
const receiver = () => database('receiver', `${platform.PROCESSED_EVENTS_SQL}
  CREATE TABLE effects (event_id UUID PRIMARY KEY, aggregate_id UUID NOT NULL, version BIGINT NOT NULL, sent_at BIGINT NOT NULL);`);

const itemChanged = z.object({ itemId: z.uuid(), version: z.number().int().positive(), t: z.number() });
const aggregateIds = Array.from({ length: AGGREGATES }, () => randomUUID());

/** One change as a context makes it: the aggregate's version bumped and its event recorded, in one transaction. */
async function changeItem(pub, id) {
  return pub.inTransaction(async (tx) => {
    const [row] = await tx.$queryRaw`INSERT INTO items (id, version) VALUES (${id}::uuid, 1)
      ON CONFLICT (id) DO UPDATE SET version = items.version + 1 RETURNING version`;
    return platform.recordEvent(tx, { aggregateType: 'Item', aggregateId: id, type: 'ItemChanged', version: row.version, data: { itemId: id, version: Number(row.version), t: Date.now() } });
  });
}

/**
 * The receiver's consumer. Lag is taken after the receiver's transaction committed: the handler notes the event's
 * commit time in the transaction's scope, and the wrapper measures once `inTransaction` has returned.
 */
function consume(source, rec, transport, lags) {
  const scope = new AsyncLocalStorage();
  const handler = platform.on(source, 'ItemChanged', itemChanged, async (event, tx) => {
    await tx.$executeRaw`INSERT INTO effects (event_id, aggregate_id, version, sent_at) VALUES (${event.id}::uuid, ${event.aggregateId}::uuid, ${event.data.version}, ${event.data.t})`;
    scope.getStore().push(event);
  });
  const receiverName = `${source}r`;
  streams.push(platform.deadLetterStream(receiverName));
  return platform.startConsumer({
    receiver: receiverName,
    transport,
    handlers: [handler],
    concurrency: CONCURRENCY,
    inTransaction: async (work) => {
      const sent = [];
      const begun = Date.now();
      const result = await scope.run(sent, () => rec.inTransaction(work));
      const now = Date.now();
      for (const event of sent) lags.push({ id: event.id, t: event.data.t, at: now, begun });
      return result;
    },
  });
}

async function until(check, what, limitMs = 120_000) {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(5);
  }
}

/** When each entry reached the stream: the stream id's milliseconds are Redis's clock when the relay appended it. */
async function streamTimes(redis, stream) {
  const lags = [];
  let after = '-';
  for (;;) {
    const entries = await redis.xrange(stream, after, '+', 'COUNT', 5000);
    for (const [id, fields] of entries) {
      const event = JSON.parse(fields[fields.indexOf('e') + 1]);
      lags.push({ id: event.id, t: event.data.t, at: Number(id.split('-')[0]) });
    }
    if (entries.length < 5000) return lags;
    after = `(${entries[entries.length - 1][0]}`;
  }
}

function row(scenario, events, perSecond, lags, extra = '') {
  const sorted = lags ? [...lags].sort((a, b) => a - b) : null;
  const lag = (p) => (sorted ? String(Math.max(0, percentile(sorted, p)).toFixed(0)) : '—').padStart(9);
  console.log(`${scenario.padEnd(52)} ${String(events).padStart(7)} ${perSecond.toFixed(0).padStart(9)} ${lag(50)} ${lag(99)}  ${extra}`);
}

/** 1 and 2: a committed backlog drained by one relay, then applied by one consumer. */
async function backlog(redis, transport, rec) {
  const source = `${run}backlog`;
  const pub = await publisher('backlog');
  streams.push(platform.eventStream(source));
  try {
    await pub.sql.query(
      `INSERT INTO domain_events (aggregate_id, aggregate_type, event_type, event_data, version)
       SELECT a, 'Item', 'ItemChanged', jsonb_build_object('itemId', a, 'version', v, 't', 0), v
         FROM (SELECT ($1::uuid[])[1 + (n % $2)] AS a, 1 + n / $2 AS v FROM generate_series(0, $3 - 1) AS n) s`,
      [aggregateIds, AGGREGATES, BACKLOG],
    );
    let started = performance.now();
    const relay = platform.startRelay({ context: source, databaseUrl: pub.url, transport });
    await until(() => relay.published >= BACKLOG, 'the relay to drain the backlog');
    const relaySeconds = (performance.now() - started) / 1000;
    await relay.stop();
    row('relay: committed backlog → stream', BACKLOG, BACKLOG / relaySeconds, null, `(${(relaySeconds * 1000).toFixed(0)} ms, batches of 500)`);

    const lags = [];
    started = performance.now();
    const consumer = consume(source, rec, transport, lags);
    await until(() => consumer.applied >= BACKLOG, 'the consumer to apply the backlog');
    const consumerSeconds = (performance.now() - started) / 1000;
    await consumer.stop();
    row(`consumer: stream backlog → effects (${CONCURRENCY} in parallel)`, BACKLOG, BACKLOG / consumerSeconds, null, `(${(consumerSeconds * 1000).toFixed(0)} ms)`);
  } finally {
    await pub.close();
    await rec.sql.query('TRUNCATE effects, processed_events');
  }
}

/**
 * The publishing service of 3 and 4, in its own process as in production: writers commit at `rate` events/s
 * (Infinity: as fast as `writers` can) while its relay publishes; it reports what it committed, and keeps
 * relaying until it is told to stop.
 */
async function publisherProcess() {
  const { BENCH_PUB_URL: url, BENCH_SOURCE: source } = process.env;
  const rate = Number(process.env.BENCH_RATE);
  const writers = Number(process.env.BENCH_WRITERS);
  const { createDb, inTransaction } = platform.contextDatabase(PrismaClient, { maxWait: 20_000, timeout: 20_000 });
  const db = createDb({ connectionString: url, poolSize: 8 });
  const pub = { inTransaction: (work) => inTransaction(db, work) };
  const redis = platform.connectRedis(REDIS_URL);
  const relay = platform.startRelay({ context: source, databaseUrl: url, transport: platform.redisTransport(redis) });
  let committed = 0;
  let errors = 0;
  let firstError;
  await sleep(300); // LISTEN in place
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const pick = () => aggregateIds[Math.floor(Math.random() * AGGREGATES)];
  const commits = [];
  const once = () => changeItem(pub, pick()).then((id) => {
    committed++;
    commits.push([id, Date.now()]);
  }, (error) => {
    errors++;
    firstError ??= String(error.message).replace(/\s+/g, ' ').slice(0, 200);
  });
  if (Number.isFinite(rate)) {
    // Open loop: the i-th change starts at i / rate seconds, however long the others take.
    const inFlight = new Set();
    for (let i = 0; performance.now() < deadline; i++) {
      const wait = started + (i * 1000) / rate - performance.now();
      if (wait > 1) await sleep(wait);
      const p = once().finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
  } else {
    await Promise.all(Array.from({ length: writers }, async () => {
      while (performance.now() < deadline) await once();
    }));
  }
  const commitSeconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ committed, errors, firstError, commitSeconds, commits })}\n`);
  await new Promise((resolve) => process.once('SIGTERM', resolve));
  await relay.stop();
  await db.$disconnect();
  await redis.quit();
}

/** 3 and 4: the publisher in a child process, the receiver's consumer here; lag measured at both ends. */
async function live(redis, transport, rec, label, rate, writers = 0) {
  const source = `${run}live${label}`;
  const pub = await publisher(`live${label}`);
  await pub.close();
  streams.push(platform.eventStream(source));
  const lags = [];
  const consumer = consume(source, rec, transport, lags);
  const child = spawn(process.execPath, [path.join(root, 'bench/events.js'), String(seconds)], {
    env: { ...process.env, BENCH_EVENTS_PUBLISHER: '1', BENCH_PUB_URL: pub.url, BENCH_SOURCE: source, BENCH_RATE: String(rate), BENCH_WRITERS: String(writers) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const started = performance.now();
    const report = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const line = out.split('\n').slice(0, -1).find((l) => l.startsWith('{"committed"')); // complete lines only
        if (line) resolve(JSON.parse(line));
      });
      child.once('exit', (code) => reject(new Error(`the publisher exited with ${code}`)));
    });
    await until(() => consumer.applied >= report.committed, 'the consumer to apply every committed event');
    const allSeconds = (performance.now() - started) / 1000;
    const toStream = await streamTimes(redis, platform.eventStream(source));
    const committedAt = new Map(report.commits);
    const fromCommit = (times) => times.map(({ id, at }) => at - committedAt.get(id));
    const fromRecord = (times) => {
      const sorted = times.map(({ t, at }) => at - t).sort((a, b) => a - b);
      return `(from recordEvent: p50 ${percentile(sorted, 50)}, p99 ${percentile(sorted, 99)})`;
    };
    const what = Number.isFinite(rate) ? `${rate} events/s offered` : `${writers} writers, flat out`;
    row(`live (${what}): commit → stream`, toStream.length, toStream.length / report.commitSeconds, fromCommit(toStream), fromRecord(toStream));
    row(`live (${what}): commit → effect at receiver`, lags.length, lags.length / allSeconds, fromCommit(lags),
      `${fromRecord(lags)}${report.errors ? ` ${report.errors} writer errors, first: ${report.firstError}` : ''}`);
    // Where the receiver's share goes: from the stream to its transaction's start, and the transaction itself.
    const streamedAt = new Map(toStream.map(({ id, at }) => [id, at]));
    const p = (values) => {
      const sorted = values.sort((a, b) => a - b);
      return `p50 ${percentile(sorted, 50)}, p99 ${percentile(sorted, 99)}`;
    };
    console.log(`${''.padEnd(12)}receiver: stream → its transaction begins ${p(lags.map((l) => l.begun - streamedAt.get(l.id)))}; transaction ${p(lags.map((l) => l.at - l.begun))}`);
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    await consumer.stop();
    await rec.sql.query('TRUNCATE effects, processed_events');
  }
}

async function main() {
  const redis = platform.connectRedis(REDIS_URL); // as a service connects: auto-pipelining on
  const transport = platform.redisTransport(redis);
  const rec = await receiver();
  try {
    console.log(`\nintegration events: ${os.cpus().length} cores (${machineLoad()}), PostgreSQL ${new URL(server).host}, Redis ${new URL(REDIS_URL).host}, ${seconds} s per live run`);
    console.log(`one relay, one consumer (concurrency ${CONCURRENCY}), Prisma transactions at both ends; live runs: the publisher (writers + relay) in a child process, the consumer here; lag in ms\n`);
    console.log(`${'scenario'.padEnd(52)} ${'events'.padStart(7)} ${'events/s'.padStart(9)} ${'lag p50'.padStart(9)} ${'lag p99'.padStart(9)}`);
    if (SCENARIOS.has('backlog')) await backlog(redis, transport, rec);
    if (SCENARIOS.has('200')) await live(redis, transport, rec, String(RATE), RATE);
    if (SCENARIOS.has('max')) await live(redis, transport, rec, 'max', Infinity, 16);
    console.log(`\nat the end: ${machineLoad()}`);
    console.log('targets: relay ≥ 2,000 events/s; commit → effect p99 ≤ 200 ms at 200 events/s');
  } finally {
    await rec.close();
    if (streams.length) await redis.del(...streams);
    await redis.quit();
    for (const name of databases) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

(process.env.BENCH_EVENTS_PUBLISHER ? publisherProcess() : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
