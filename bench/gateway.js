#!/usr/bin/env node
// This shop's gateway against stock Apollo Gateway and Hive Gateway, the same subgraphs behind all three
// (bench/lib/shop.js: one process per service from the built dist, fresh databases, demo catalog and stock).
// The load: the storefront's product page exactly as written, as a guest with a cart (x-cart-session), in two
// scenarios — "hot" (every shopper on the same product and cart) and "mixed" (~200 products × 40 guest carts, one
// picked at random per request) — at 16 and 64 connections. Rounds alternate gateways (ours, Apollo, Hive, ours, …)
// so the machine's noise hits all alike; each round follows 2 s of the same load, untimed, on the same gateway.
// Gateway CPU per request is the gateway process's CPU time (utime + stime
// in /proc, its children included) over a round, divided by the requests answered; the catalog's, inventory's and
// cart's CPU per request likewise (the same subgraph processes serve every gateway).
// A correctness guard runs beside it: the same request through each gateway must get the same answer, compared
// after sorting object keys and nothing else; every product of the mix is checked before the load and a few
// random requests after every round.
// The peers are not shop dependencies: bench/peers has its own package.json and lockfile, installed on first use.
// Usage: npm run build && npm run bench:gateway [seconds per round, default 10] [rounds, default 3]
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { cpuMs, roundTrips } = require('./lib/machine');
const { root, freePort, post, storefrontQuery, load, withShop, serverUrl } = require('./lib/shop');

const seconds = Number(process.argv[2] ?? 10);
const rounds = Number(process.argv[3] ?? 3);
const CONNECTIONS = [16, 64];
const MIXED_PRODUCTS = 200;
const MIXED_CARTS = 40;
const GUARD_SAMPLES_PER_ROUND = 5;
const WARM_SECONDS = 2;
const peersDir = path.join(__dirname, 'peers');
const hiveBin = path.join(peersDir, 'node_modules/@graphql-hive/gateway/dist/bin.js');

/**
 * Extra environment per gateway, on top of what each needs to run: the place for our gateway's own switches
 * (entity cache, in-flight merging; e.g. GATEWAY_ENTITY_CACHE: 'false' to measure without it). The peers run as
 * documented, untuned.
 */
const GATEWAY_ENV = {
  ours: {},
  apollo: {},
  hive: {},
};

function installPeersIfMissing() {
  if (existsSync(hiveBin)) return;
  console.log('Installing the peer gateways into bench/peers (npm ci, once)…');
  const npm = spawnSync('npm', ['ci', '--prefix', peersDir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (npm.status !== 0) throw new Error(`npm ci --prefix bench/peers failed (${npm.status})`);
}

/** The supergraph as composed, with each running subgraph's URL written in (how the peers learn where they are). */
function supergraphFor(services) {
  const sdl = readFileSync(path.join(root, 'supergraph.graphql'), 'utf8');
  return sdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name) => (services[name] ? `@join__graph(name: "${name}", url: "${services[name]}")` : whole));
}

/** JSON with object keys sorted: equal answers print equal, whatever order each gateway wrote the keys in. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  return JSON.stringify(value);
}

/** Sends each request through every gateway and fails unless all answers are equal and free of errors. */
async function guard(gateways, query, requests) {
  for (const { variables, headers } of requests) {
    const answers = await Promise.all(
      gateways.map(async ({ name, url }) => {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
        const answer = await response.json();
        return { name, status: response.status, failed: response.status !== 200 || Boolean(answer.errors), body: canonical(answer) };
      }),
    );
    const [reference] = answers;
    const broken = answers.find((a) => a.failed);
    const different = answers.find((a) => a.body !== reference.body);
    if (broken || different) {
      const shown = answers.map((a) => `  ${a.name} (HTTP ${a.status}): ${a.body.slice(0, 2000)}`).join('\n');
      throw new Error(`correctness guard: ${broken ? 'an error' : 'different answers'} for ${JSON.stringify(variables)} ${JSON.stringify(headers)}\n${shown}`);
    }
  }
  return requests.length;
}

const pick = (list) => list[Math.floor(Math.random() * list.length)];

/** A small seeded random source, so every run fills the same carts. */
function seededRandom(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function startPeers(shop) {
  const supergraphPath = path.join(shop.dataDir, 'supergraph.graphql');
  writeFileSync(supergraphPath, supergraphFor(shop.services));
  const env = { NODE_ENV: 'production' };
  const apolloPort = await freePort();
  const apollo = await shop.start('Apollo Gateway', [path.join(peersDir, 'apollo-gateway.js')], {
    ...env, SUPERGRAPH_PATH: supergraphPath, PORT: String(apolloPort), ...GATEWAY_ENV.apollo,
  }, apolloPort, { ready: 'graphql' });
  const hivePort = await freePort();
  const hive = await shop.start('Hive Gateway', [
    hiveBin, 'supergraph', supergraphPath, '--host', '127.0.0.1', '--port', String(hivePort), '--fork', '1', '--config-path', path.join(peersDir, 'hive-gateway.config.mjs'),
  ], { ...env, ...GATEWAY_ENV.hive }, hivePort, { ready: 'graphql', cwd: peersDir });
  return { apollo, hive };
}

/** The subgraphs whose CPU per page is reported beside the gateway's (the same processes behind every gateway). */
const PAGE_SUBGRAPHS = ['catalog', 'inventory', 'cart'];

/**
 * One round on one gateway: throughput, latency, and the gateway's and each subgraph's CPU per answered request.
 * Each round is preceded by WARM_SECONDS of the same load, untimed: the gateway has sat idle while its peers had
 * their rounds, and a shop under steady traffic never does (its caches and pools stay warm; entries expire idle).
 */
async function round(gateway, scenario, connections, subgraphPids) {
  await load({ url: gateway.url, ...scenario.load, connections, seconds: WARM_SECONDS });
  const cpuBefore = cpuMs(gateway.pid);
  const subgraphsBefore = PAGE_SUBGRAPHS.map((name) => cpuMs(subgraphPids[name]));
  const r = await load({ url: gateway.url, ...scenario.load, connections, seconds });
  const cpu = cpuMs(gateway.pid) - cpuBefore;
  const subgraphCpu = PAGE_SUBGRAPHS.map((name, i) => cpuMs(subgraphPids[name]) - subgraphsBefore[i]);
  return { requests: r.requests.total, seconds: r.duration, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts, cpu, subgraphCpu };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Rounds of one gateway summed: req/s over all rounds, the median round's p50 and p99, CPU over all requests. */
function summary(results) {
  const requests = results.reduce((sum, r) => sum + r.requests, 0);
  return {
    rps: requests / results.reduce((sum, r) => sum + r.seconds, 0),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    cpuPerRequest: requests ? results.reduce((sum, r) => sum + r.cpu, 0) / requests : NaN,
    subgraphCpuPerRequest: PAGE_SUBGRAPHS.map((_name, i) => (requests ? results.reduce((sum, r) => sum + r.subgraphCpu[i], 0) / requests : NaN)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    silentRounds: results.filter((r) => !r.requests).length,
  };
}

/** A figure for the table, or a dash where there is none (a gateway that answered nothing in a round). */
const figure = (value, digits, width) => (Number.isFinite(value) && value > 0 ? value.toFixed(digits) : '—').padStart(width);

function printTable(title, cells, names) {
  console.log(`\n${title}`);
  console.log(`conns  gateway      req/s   p50 ms   p99 ms  CPU ms/req  errors  subgraph CPU ms/req (${PAGE_SUBGRAPHS.join(' / ')})`);
  for (const { connections, byGateway } of cells) {
    for (const name of names) {
      const s = byGateway[name];
      console.log(
        `${String(connections).padStart(5)}  ${name.padEnd(8)} ${figure(s.rps, 0, 9)} ${figure(s.p50, 1, 8)} ${figure(s.p99, 1, 8)} ${figure(s.cpuPerRequest, 2, 11)} ${String(s.errors).padStart(7)}  ` +
          s.subgraphCpuPerRequest.map((ms) => figure(ms, 2, 0)).join(' / '),
      );
    }
    const ours = byGateway.ours;
    const ratio = (peer) => {
      const other = byGateway[peer];
      return `req/s ×${figure(ours.rps / other.rps, 2, 0)}, p99 ×${figure(ours.p99 / other.p99, 2, 0)}, CPU/req ×${figure(ours.cpuPerRequest / other.cpuPerRequest, 2, 0)}`;
    };
    console.log(`       ours ÷ apollo: ${ratio('apollo')}`);
    console.log(`       ours ÷ hive:   ${ratio('hive')}`);
  }
}

/**
 * Nobody sees another shopper's cart through our gateway's cache and merging: 400 product pages at once, each
 * shopper's cart id must be the one that shopper's session always gets.
 */
async function cartsStayPrivate(gateway, query, products, carts) {
  const ask = (slug, session) => post(gateway.url, query, { slug }, { 'x-cart-session': session });
  const own = new Map();
  for (const session of carts) own.set(session, (await ask(products[0], session)).cart.id);
  const asked = Array.from({ length: 400 }, (_, i) => [products[i % products.length], carts[(i * 7) % carts.length]]);
  const answers = await Promise.all(asked.map(([slug, session]) => ask(slug, session)));
  const wrong = answers.filter((answer, i) => answer.cart.id !== own.get(asked[i][1])).length;
  if (wrong) throw new Error(`correctness guard: ${wrong} of 400 concurrent product pages showed another shopper's cart`);
  console.log(`correctness guard: 400 concurrent product pages over ${carts.length} carts, each with its own shopper's cart`);
}

/** A price staff change shows on the product page through our gateway (entity cache on) within a second. */
async function priceChangeShows(gateway, query, slug, staff) {
  const page = () => post(gateway.url, query, { slug });
  await page(); // held in the cache
  const { product } = await post(gateway.url, 'query($s: String!) { product(slug: $s) { version variants { id price { amount } } } }', { s: slug }, staff);
  const [variant] = product.variants;
  const price = (Number(variant.price.amount) + 1).toFixed(2);
  await post(gateway.url, 'mutation($id: ID!, $v: Int!, $p: String!) { updateVariant(id: $id, expectedVersion: $v, input: { price: $p }) { id } }', { id: variant.id, v: product.version, p: price }, staff);
  const changed = Date.now();
  for (;;) {
    const shown = (await page()).product.variants.find((v) => v.id === variant.id).price.amount;
    const ms = Date.now() - changed;
    if (shown === price) return console.log(`correctness guard: a price change showed on the cached product page ${ms} ms after the commit`);
    if (ms > 1_000) throw new Error(`correctness guard: the product page still showed ${shown}, not ${price}, ${ms} ms after the change`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function main() {
  installPeersIfMissing();
  await withShop(async (shop) => {
    const ours = await shop.startGateway(GATEWAY_ENV.ours);
    const { apollo, hive } = await startPeers(shop);
    const gateways = [{ name: 'ours', ...ours }, { name: 'apollo', ...apollo }, { name: 'hive', ...hive }];

    const productPage = storefrontQuery('product-page.graphql');
    const products = shop.products.slice(0, MIXED_PRODUCTS).map((p) => p.slug);
    // Each guest cart holds two lines, variants drawn from the whole catalog.
    const random = seededRandom(14);
    const sellable = shop.products.filter((p) => p.variantIds.length);
    const anyVariant = () => {
      const { variantIds } = sellable[Math.floor(random() * sellable.length)];
      return variantIds[Math.floor(random() * variantIds.length)];
    };
    const carts = [];
    for (let i = 0; i < MIXED_CARTS; i += 1) carts.push((await shop.guestCart(ours.url, [anyVariant(), anyVariant()]))['x-cart-session']);

    const hot = { variables: { slug: shop.page.slug }, headers: { 'x-cart-session': carts[0] } };
    const mixedRequest = () => ({ variables: { slug: pick(products) }, headers: { 'x-cart-session': pick(carts) } });
    const scenarios = [
      { name: 'hot', title: `hot: every shopper on "${shop.page.slug}" with the same cart`, load: { body: JSON.stringify({ query: productPage, variables: hot.variables }), headers: hot.headers }, sample: () => hot },
      {
        name: 'mixed',
        title: `mixed: ${products.length} products × ${carts.length} guest carts, one picked at random per request`,
        load: {
          requests: [
            {
              setupRequest: (request) => {
                const { variables, headers } = mixedRequest();
                return { ...request, body: JSON.stringify({ query: productPage, variables }), headers: { ...request.headers, ...headers } };
              },
            },
          ],
        },
        sample: mixedRequest,
      },
    ];

    console.log(`Correctness guard: the product page for each of the ${products.length} products through all three gateways…`);
    let guarded = await guard(gateways, productPage, [hot, ...products.map((slug, i) => ({ variables: { slug }, headers: { 'x-cart-session': carts[i % carts.length] } }))]);
    // Untimed: JIT, query plans and connection pools warm on every gateway alike.
    for (const gateway of gateways) for (const scenario of scenarios) await load({ url: gateway.url, ...scenario.load, connections: 16, seconds: 2 });

    console.log(`${seconds} s rounds, ${rounds} per gateway and cell, alternating; ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const machine = (await roundTrips(serverUrl)).line;
    console.log(machine);
    const tables = [];
    for (const scenario of scenarios) {
      const cells = [];
      for (const connections of CONNECTIONS) {
        const results = Object.fromEntries(gateways.map((g) => [g.name, []]));
        for (let i = 0; i < rounds; i += 1) {
          for (const gateway of gateways) results[gateway.name].push(await round(gateway, scenario, connections, shop.pids));
          guarded += await guard(gateways, productPage, Array.from({ length: GUARD_SAMPLES_PER_ROUND }, scenario.sample));
          process.stdout.write('.');
        }
        cells.push({ connections, byGateway: Object.fromEntries(Object.entries(results).map(([name, rs]) => [name, summary(rs)])) });
      }
      tables.push([scenario.title, cells]);
    }
    console.log(`\n\nproduct page as a guest with a cart; gateway, 4 subgraphs, PostgreSQL, Redis and autocannon all on this machine`);
    console.log('req/s over all rounds; p50/p99 of the median round; gateway CPU (process and children) and each subgraph\'s CPU per answered request');
    console.log(machine);
    for (const [title, cells] of tables) printTable(title, cells, gateways.map((g) => g.name));
    const silent = tables.some(([, cells]) => cells.some(({ byGateway }) => Object.values(byGateway).some((s) => s.silentRounds)));
    if (silent) console.log('\nA gateway answered nothing within some round (—): rounds too short for this machine now; give more seconds per round.');
    console.log(`\ncorrectness guard: ${guarded} requests, the same answer from all three gateways (keys sorted, nothing else normalised)`);
    await cartsStayPrivate(ours, productPage, products, carts);
    await priceChangeShows(ours, productPage, shop.page.slug, await shop.staff(ours.url));
    console.log(`load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
