#!/usr/bin/env node
// Reservation benchmark: reservations/second and latency for one hot item and for items spread over 1,000,
// against the built inventory subgraph (a child process, so the load generator does not share its event loop)
// on a fresh database of the machine's PostgreSQL. For scale it first measures PostgreSQL alone taking the
// same hot row's lock and updating it (autocommit UPDATE; and BEGIN / SELECT … FOR UPDATE / UPDATE / COMMIT),
// then the reserveStock service function called in-process (no HTTP, no GraphQL), then the real thing.
// Usage: npm run build && npm run bench:reservations [-- seconds per run, default 8]
// Server: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres.
/* global URL, fetch, setTimeout */
const { spawn, execFileSync } = require('node:child_process');
const { generateKeyPairSync, randomBytes, randomUUID, sign } = require('node:crypto');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const { Client, Pool } = require('pg');

const root = path.resolve(__dirname, '..');
const seconds = Number(process.argv[2] ?? 8);
const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SPREAD_ITEMS = 1_000;
// The checkout saga's identity: a service token signed by a key whose JWKS this script serves to the subgraph.
const signer = (() => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = randomUUID();
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' }] };
  const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const input = `${b64({ alg: 'ES256', typ: 'JWT', kid })}.${b64({ sub: randomUUID(), roles: ['service'], iss: 'bench', aud: 'shop-api', iat: now, exp: now + 3600 })}`;
  const token = `${input}.${sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  return { jwks, headers: { authorization: `Bearer ${token}` } };
})();
const SERVICE = signer.headers;
const RESERVE = 'mutation ($input: ReserveStockInput!) { reserveStock(input: $input) { reservations { id } } }';

const withDatabase = (url, name) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const row = (name, conns, perSecond, p50, p99, errors) =>
  console.log(`${name.padEnd(48)} ${String(conns).padStart(5)} ${perSecond.toFixed(0).padStart(9)} ${p50.toFixed(2).padStart(8)} ${p99.toFixed(2).padStart(8)} ${String(errors).padStart(7)}`);

async function admin(sql) {
  const client = new Client({ connectionString: withDatabase(server, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Opening stock as restock ledger rows, so the books reconcile after the run. */
async function seed(pool) {
  const variants = Array.from({ length: SPREAD_ITEMS + 1 }, () => randomUUID());
  await pool.query(
    `WITH v AS (SELECT variant_id, n FROM unnest($1::uuid[]) WITH ORDINALITY AS v(variant_id, n)),
     items AS (
       INSERT INTO inventory_items (product_variant_id, product_id, sku, quantity_available, low_stock_threshold)
       SELECT variant_id, gen_random_uuid(), 'BENCH-' || n, CASE WHEN n = 1 THEN 100000000 ELSE 1000000 END, 10 FROM v
       RETURNING id, quantity_available)
     INSERT INTO inventory_transactions (inventory_item_id, transaction_type, quantity_change, reason)
     SELECT id, 'restock', quantity_available, 'Benchmark opening stock' FROM items`,
    [variants],
  );
  return { hot: variants[0], spread: variants.slice(1) };
}

/** A closed loop: `workers` callers each running `once` back to back for `seconds`. */
async function closedLoop(workers, once) {
  const latencies = [];
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < deadline) {
        const started = process.hrtime.bigint();
        await once().catch(() => errors++);
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { perSecond: (latencies.length - errors) / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

/** PostgreSQL alone on the hot row, one pooled client per caller. */
async function postgresAlone(pool, connections, statements) {
  const { rows } = await pool.query(`SELECT id FROM inventory_items WHERE sku = 'BENCH-1'`);
  const id = rows[0].id;
  const result = await closedLoop(connections, async () => {
    const client = await pool.connect();
    try {
      for (const sql of statements) await client.query(sql, sql.includes('$1') ? [id] : []);
    } finally {
      client.release();
    }
  });
  // Undo: the baseline moves stock without a ledger row.
  await pool.query(`UPDATE inventory_items SET quantity_available = 100000000 - quantity_reserved WHERE id = $1`, [id]);
  return result;
}

/** The reserveStock service function called in this process (the way the checkout saga can): no HTTP, no GraphQL. */
async function inProcess(url, connections, lineFor) {
  const inventory = require(path.join(root, 'subgraphs/inventory/dist/index.js'));
  const db = inventory.createInventoryDb({ connectionString: url });
  const log = { error: (...args) => console.error(...args) };
  const ctx = { db, log, viewer: { customerId: null, roles: ['service'] }, loaders: new inventory.InventoryLoaders(db) };
  try {
    return await closedLoop(connections, () => inventory.reserveStock(ctx, { orderId: randomUUID(), lines: [{ variantId: lineFor(), quantity: 1 }] }));
  } finally {
    await db.$disconnect();
  }
}

function reservations(url, connections, lineFor, duration = seconds) {
  let errors = 0;
  let firstError;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections,
        duration,
        headers: { 'content-type': 'application/json', ...SERVICE },
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({ query: RESERVE, variables: { input: { orderId: randomUUID(), lines: [{ variantId: lineFor(), quantity: 1 }] } } }),
            }),
            onResponse: (status, body) => {
              if (status !== 200 || body.includes('"errors"')) {
                errors++;
                firstError ??= body.slice(0, 300);
              }
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve({ result, errors, firstError })),
    );
  });
}

async function main() {
  const name = `bench_inventory_${process.pid}`;
  const url = withDatabase(server, name);
  await admin(`CREATE DATABASE "${name}"`);
  const pool = new Pool({ connectionString: url, max: 64 });
  let child;
  try {
    execFileSync(process.execPath, [path.join(root, 'packages/platform/dist/db/migrate-cli.js'), 'deploy', 'inventory'], {
      env: { ...process.env, INVENTORY_DATABASE_URL: url },
      stdio: 'ignore',
    });
    const { hot, spread } = await seed(pool);
    const port = await freePort();
    const jwksServer = http.createServer((_req, res) => res.end(JSON.stringify(signer.jwks)));
    await new Promise((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    jwksServer.unref();
    const jwksUrl = `http://127.0.0.1:${jwksServer.address().port}/jwks.json`;
    child = spawn(process.execPath, [path.join(root, 'subgraphs/inventory/dist/main.js')], {
      env: {
        ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', INVENTORY_DATABASE_URL: url, INVENTORY_PORT: String(port),
        INVENTORY_SWEEP_INTERVAL_MS: '0', AUTH_ISSUER: 'bench', AUTH_AUDIENCE: 'shop-api', AUTH_JWKS_URL: jwksUrl,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', INVENTORY_DB_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? '10',
        GATEWAY_SIGNING_SECRET: randomBytes(32).toString('base64url'),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const subgraph = `http://127.0.0.1:${port}/graphql`;
    for (let i = 0; ; i++) {
      if (await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false)) break;
      if (i > 200) throw new Error('the inventory subgraph did not become ready');
      await new Promise((r) => setTimeout(r, 50));
    }

    console.log(`\n${seconds} s per run, ${os.cpus().length} cores, PostgreSQL, subgraph and load generator all on this machine`);
    console.log(`subgraph pool: ${process.env.BENCH_POOL_SIZE ?? 10} connections; each reservation: 1 unit, a new order id\n`);
    console.log('scenario                                         conns  reserv/s   p50 ms   p99 ms  errors');
    const pickSpread = () => spread[Math.floor(Math.random() * spread.length)];
    for (const conns of [2, 16]) {
      const update = await postgresAlone(pool, conns, ['UPDATE inventory_items SET quantity_available = quantity_available - 1 WHERE id = $1']);
      row('PostgreSQL alone: UPDATE hot row (autocommit)', conns, update.perSecond, update.p50, update.p99, 0);
      const locked = await postgresAlone(pool, conns, [
        'BEGIN', 'SELECT quantity_available FROM inventory_items WHERE id = $1 FOR UPDATE',
        'UPDATE inventory_items SET quantity_available = quantity_available - 1 WHERE id = $1', 'COMMIT',
      ]);
      row('PostgreSQL alone: BEGIN/FOR UPDATE/UPDATE/COMMIT', conns, locked.perSecond, locked.p50, locked.p99, 0);
    }
    for (const [label, lineFor, conns] of [['in-process service, one hot item', () => hot, 2], ['in-process service, one hot item', () => hot, 16], ['in-process service, spread items', pickSpread, 16]]) {
      const r = await inProcess(url, conns, lineFor);
      row(label, conns, r.perSecond, r.p50, r.p99, r.errors);
    }
    const scenarios = [
      ['GraphQL over HTTP, one hot item', () => hot, [1, 16, 64]],
      [`GraphQL over HTTP, spread over ${SPREAD_ITEMS} items`, pickSpread, [16, 64]],
    ];
    const summary = [];
    for (const [label, lineFor, connectionCounts] of scenarios) {
      await reservations(subgraph, 4, lineFor, 2); // warm-up
      for (const conns of connectionCounts) {
        const { result, errors, firstError } = await reservations(subgraph, conns, lineFor);
        const perSecond = (result.requests.total - errors) / seconds;
        row(label, conns, perSecond, result.latency.p50, result.latency.p99, errors);
        if (firstError) console.log(`  first error: ${firstError}`);
        summary.push({ label, conns, perSecond });
      }
    }

    const { rows: check } = await pool.query(`
      SELECT count(*) FILTER (WHERE i.quantity_available <> l.a OR i.quantity_reserved <> l.r) AS mismatched,
             count(*) FILTER (WHERE i.quantity_available < 0 OR i.quantity_reserved < 0) AS negative,
             (SELECT count(*) FROM inventory_reservations) AS reservations
      FROM inventory_items i JOIN (SELECT inventory_item_id, sum(quantity_change) a, sum(reserved_change) r FROM inventory_transactions GROUP BY 1) l
        ON l.inventory_item_id = i.id`);
    console.log(`\nafter the runs: ${check[0].reservations} reservations held, ${check[0].mismatched} items out of line with their ledger, ${check[0].negative} negative quantities`);
  } finally {
    if (child) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await pool.end();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
