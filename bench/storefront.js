#!/usr/bin/env node
// Load benchmark of the storefront queries through the gateway, and straight to the catalog subgraph for the
// gateway's overhead. Starts the shop exactly as `npm start` does (embedded PostgreSQL, demo catalog) in a child
// process, on its own ports and data folder, so autocannon here does not share an event loop with the servers.
// Usage: npm run build && node bench/storefront.js [seconds per run, default 8]
const { spawn } = require('node:child_process');
const { chmodSync, mkdtempSync, readFileSync, rmSync, existsSync } = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const { buildSubgraphSchema } = require('@apollo/subgraph');
const { buildClientSchema, getIntrospectionQuery, parse, print, TypeInfo, visit, visitWithTypeInfo } = require('graphql');

const root = path.resolve(__dirname, '..');
const seconds = Number(process.argv[2] ?? 8);
const CONNECTIONS = [1, 16, 64];

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function post(url, query, variables) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors) throw new Error(`${url}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The storefront query as written, less fields of contexts not in the graph yet. */
function storefrontQuery(file, schema) {
  const shared = path.join(root, '..', 'shared', 'queries', file);
  const source = readFileSync(existsSync(shared) ? shared : path.join(root, 'queries', file), 'utf8');
  const info = new TypeInfo(schema);
  const stripped = [];
  const doc = visit(parse(source), visitWithTypeInfo(info, { Field: (node) => (info.getFieldDef() ? undefined : (stripped.push(node.name.value), null)) }));
  return { query: print(doc), stripped };
}

function run(url, body, connections) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, duration: seconds },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function main() {
  const [gatewayPort, catalogPort, inventoryPort, pgPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shop-bench-'));
  chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as the user "postgres", which must reach this folder
  // Embedded PostgreSQL whatever the caller has set: an empty DATABASE_URL is not "unset" to the config check.
  const { DATABASE_URL: _ignored, ...callerEnv } = process.env;
  const child = spawn(process.execPath, [path.join(root, 'embedded/dist/start.js')], {
    env: { ...callerEnv, GATEWAY_PORT: String(gatewayPort), CATALOG_PORT: String(catalogPort), INVENTORY_PORT: String(inventoryPort), EMBEDDED_PG_PORT: String(pgPort), EMBEDDED_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => chunk.toString().includes('Shop ready') && resolve());
    child.on('exit', (code) => reject(new Error(`shop exited with ${code}`)));
    setTimeout(() => reject(new Error('shop did not start in 180 s')), 180_000);
  });
  try {
    const gateway = `http://127.0.0.1:${gatewayPort}/graphql`;
    const catalog = `http://127.0.0.1:${catalogPort}/graphql`;
    const schema = buildClientSchema(await post(gateway, getIntrospectionQuery()));
    const category = (await post(gateway, '{ categories { slug } }')).categories[0].slug;
    const product = (await post(gateway, `{ products(first: 1, sort: RATING_DESC) { edges { node { slug } } } }`)).products.edges[0].node.slug;
    const categoryPage = storefrontQuery('category-page.graphql', schema);
    const productPage = storefrontQuery('product-page.graphql', schema);
    // Straight to the catalog, the query loses what other subgraphs answer (availability from inventory), so the
    // gateway rows do more work than the catalog rows: the difference is the federation's cost, not the gateway's alone.
    // (From its SDL: introspecting the catalog subgraph itself fails on its enum input defaults.)
    const catalogSchema = buildSubgraphSchema({ typeDefs: parse(readFileSync(path.join(root, 'subgraphs/catalog/schema.graphql'), 'utf8')) });
    const categoryDirect = storefrontQuery('category-page.graphql', catalogSchema);
    const productDirect = storefrontQuery('product-page.graphql', catalogSchema);
    console.log(`Fields not in the graph yet (stripped): ${[...new Set([...categoryPage.stripped, ...productPage.stripped])].join(', ') || 'none'}`);
    const scenarios = [
      ['product page → gateway', gateway, productPage.query, { slug: product }],
      ['product page → catalog directly', catalog, productDirect.query, { slug: product }],
      ['category page (50) → gateway', gateway, categoryPage.query, { category, first: 50 }],
      ['category page (50) → catalog directly', catalog, categoryDirect.query, { category, first: 50 }],
    ];
    console.log(`\n${seconds} s per run, ${os.cpus().length} cores, everything on this machine\n`);
    console.log('scenario                                  conns    req/s    p50 ms   p99 ms   errors');
    for (const [name, url, query, variables] of scenarios) {
      await post(url, query, variables); // warm the query plan and caches
      for (const connections of CONNECTIONS) {
        const r = await run(url, JSON.stringify({ query, variables }), connections);
        const errors = r.errors + r.non2xx;
        console.log(
          `${name.padEnd(40)} ${String(connections).padStart(5)} ${r.requests.average.toFixed(0).padStart(8)} ${r.latency.p50.toFixed(1).padStart(9)} ${r.latency.p99.toFixed(1).padStart(8)} ${String(errors).padStart(8)}`,
        );
      }
    }
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
