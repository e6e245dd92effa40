#!/usr/bin/env node
// Search benchmark on the PostgreSQL backend: generates 100,000 products straight into a fresh search database's
// read model, times a full rebuild of the index from it (the same code as `npm run search:reindex` without the
// catalog read), then p50/p95 of a faceted search (words + a category and a price filter, every facet counted)
// and of autocomplete suggestions, one request at a time. Targets: rebuild ≤ 60 s, faceted p95 ≤ 50 ms,
// suggestions p95 ≤ 15 ms.
// Usage: npm run build && npm run bench:search [products, default 100000]
// The database server: SEARCH_BENCH_DATABASE_URL, else DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres.
// SEARCH_BENCH_KEEP_DATABASE=1 keeps the generated database (to EXPLAIN queries); drop it by hand afterwards.
const { execFileSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { URL } = require('node:url');
const { Client } = require('pg');

const root = path.resolve(__dirname, '..');
const PRODUCTS = Number(process.argv[2] ?? 100_000);
const FACETED_RUNS = 300;
const SUGGEST_RUNS = 1_000;
const WARMUP = 30;
const CHUNK = 5_000;

const serverUrl = process.env.SEARCH_BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const withDatabase = (url, name) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

// A deterministic generator, so every run searches the same corpus.
let seed = 42;
const random = () => {
  // mulberry32: consecutive draws are independent enough that a product's category does not follow from its noun
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = (list) => list[Math.floor(random() * list.length)];

const ROOTS = ['Electronics', 'Clothing', 'Home', 'Kitchen', 'Sports', 'Toys', 'Garden', 'Beauty', 'Books', 'Office'];
const KINDS = ['Essentials', 'Premium', 'Outdoor', 'Classic', 'Compact'];
const BRANDS = Array.from({ length: 200 }, (_, i) => `${pick(['Nova', 'Acme', 'Sonic', 'Terra', 'Polar', 'Zen', 'Apex', 'Luna', 'Orbit', 'Vivid'])}${pick(['tek', 'works', 'line', 'craft', 'co', 'labs', 'wear', 'home'])} ${i}`);
const NOUNS = ['headphones', 'speaker', 'mouse', 'keyboard', 'monitor', 'lamp', 'chair', 'table', 'jacket', 'shirt', 't-shirt', 'sneakers',
  'boots', 'backpack', 'bottle', 'mug', 'kettle', 'blender', 'knife', 'pan', 'tent', 'ball', 'racket', 'bike', 'helmet', 'puzzle', 'robot',
  'doll', 'blocks', 'shovel', 'hose', 'planter', 'cream', 'brush', 'mirror', 'novel', 'notebook', 'pen', 'stapler', 'desk', 'camera',
  'charger', 'cable', 'watch', 'scarf', 'gloves', 'socks', 'hoodie', 'sofa', 'pillow', 'blanket', 'towel', 'grinder', 'toaster', 'router',
  'tablet', 'laptop', 'drone', 'scooter', 'umbrella'];
const ADJECTIVES = ['wireless', 'portable', 'ergonomic', 'waterproof', 'lightweight', 'heavy', 'smart', 'vintage', 'modern', 'classic',
  'compact', 'foldable', 'organic', 'recycled', 'premium', 'budget', 'quiet', 'fast', 'soft', 'sturdy', 'bright', 'dark', 'slim', 'large',
  'mini', 'pro', 'ultra', 'eco', 'rugged', 'elegant', 'cozy', 'bold', 'sleek', 'retro', 'handmade', 'digital', 'analog', 'thermal', 'solar', 'magnetic'];
const MATERIALS = ['steel', 'bamboo', 'cotton', 'leather', 'wool', 'glass', 'ceramic', 'oak', 'aluminium', 'silicone', 'linen', 'denim',
  'carbon', 'copper', 'stone', 'rubber', 'nylon', 'canvas', 'walnut', 'velvet'];
const FILLER = ['with', 'for', 'your', 'daily', 'use', 'made', 'from', 'and', 'a', 'great', 'gift', 'built', 'to', 'last', 'easy', 'clean',
  'perfect', 'travel', 'office', 'home', 'outdoor', 'weekend', 'family', 'kids', 'adults', 'long', 'battery', 'warranty', 'design', 'finish'];
const COLORS = ['black', 'white', 'red', 'blue', 'green', 'grey', 'yellow', 'pink', 'brown', 'navy'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];

function categories() {
  const list = [];
  for (const rootName of ROOTS) {
    const parent = { id: randomUUID(), name: rootName, slug: rootName.toLowerCase() };
    for (const kind of KINDS) {
      const child = { id: randomUUID(), name: `${kind} ${rootName}`, slug: `${kind}-${rootName}`.toLowerCase() };
      list.push({ ...child, path: [parent, child] });
    }
  }
  return list;
}

function generate(count, cats, brands) {
  const products = [];
  const variants = [];
  const stock = [];
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const brand = pick(brands);
    const category = pick(cats);
    const noun = pick(NOUNS);
    const name = `${brand.name.split(' ')[0]} ${pick(ADJECTIVES)} ${pick(MATERIALS)} ${noun}`.replace(/^\w/, (c) => c.toUpperCase());
    // A description talks about its own product: filler, a few adjectives and materials, its noun once.
    const words = Array.from({ length: 12 + Math.floor(random() * 8) }, () => (random() < 0.7 ? pick(FILLER) : random() < 0.6 ? pick(ADJECTIVES) : pick(MATERIALS)));
    words.splice(Math.floor(random() * words.length), 0, noun);
    const rated = random() < 0.7;
    const at = new Date(start + Math.floor(random() * 600 * 86_400_000)).toISOString();
    products.push({
      id, sku: `B-${i}`, name, slug: `b-${i}`, description: `${words.join(' ')}.`, status: 'active', category_id: category.id, category,
      brand_id: brand.id, brand_name: brand.name, rating: rated ? (1 + random() * 4).toFixed(2) : null, review_count: rated ? 1 + Math.floor(random() * 200) : 0,
      created_at: at, updated_at: at,
    });
    const variantCount = 1 + Math.floor(random() * 3);
    const base = 5 + random() * 495;
    for (let v = 0; v < variantCount; v++) {
      const variantId = randomUUID();
      variants.push({
        id: variantId, product_id: id, sku: `B-${i}-${v}`, price: (base * (1 + v * 0.1)).toFixed(2), compare_price: random() < 0.2 ? (base * 1.3).toFixed(2) : null,
        currency: 'USD', is_active: true, attributes: [{ name: 'color', value: pick(COLORS) }, { name: 'size', value: pick(SIZES) }],
      });
      stock.push({ variant_id: variantId, product_id: id, available: random() < 0.85 ? Math.floor(random() * 50) : 0 });
    }
  }
  return { products, variants, stock };
}

async function insertChunks(client, table, columns, rows) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await client.query(
      `INSERT INTO ${table} (${columns.map((c) => c.split(' ')[0]).join(', ')})
       SELECT ${columns.map((c) => c.split(' ')[0]).join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${columns.join(', ')})`,
      [JSON.stringify(rows.slice(i, i + CHUNK))],
    );
  }
}

function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { p50: at(0.5).toFixed(1), p95: at(0.95).toFixed(1), max: sorted[sorted.length - 1].toFixed(1) };
}

async function timed(runs, work) {
  for (let i = 0; i < WARMUP; i++) await work(i);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work(i);
    samples.push(performance.now() - started);
  }
  return percentiles(samples);
}

async function main() {
  const { createSearchDb, postgresBackend, rebuildSearchIndex } = require(path.join(root, 'subgraphs/search/dist/index.js'));
  const name = `bench_search_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  admin.on('error', (e) => console.warn('admin connection:', e.message));
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabase(serverUrl, name);
  const log = { info() {}, warn: console.warn, error: console.error, debug() {}, child() { return log; } };
  try {
    execFileSync(process.execPath, [path.join(root, 'packages/platform/dist/db/migrate-cli.js'), 'deploy', 'search'], { env: { ...process.env, SEARCH_DATABASE_URL: url } });
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${os.cpus().length} cores`);

    const cats = categories();
    const brands = BRANDS.map((b) => ({ id: randomUUID(), name: b }));
    let t = performance.now();
    const { products, variants, stock } = generate(PRODUCTS, cats, brands);
    const client = new Client({ connectionString: url });
    client.on('error', (e) => console.warn('bench connection:', e.message));
    await client.connect();
    await insertChunks(client, 'search_products', ['id uuid', 'sku text', 'name text', 'slug text', 'description text', 'status text', 'category_id uuid',
      'category jsonb', 'brand_id uuid', 'brand_name text', 'rating numeric', 'review_count int', 'created_at timestamp', 'updated_at timestamp'], products);
    await insertChunks(client, 'search_variants', ['id uuid', 'product_id uuid', 'sku text', 'price numeric', 'compare_price numeric', 'currency text',
      'is_active boolean', 'attributes jsonb'], variants);
    await insertChunks(client, 'search_stock', ['variant_id uuid', 'product_id uuid', 'available int', 'version bigint'], stock.map((s) => ({ ...s, version: 0 })));
    await client.query('ANALYZE');
    console.log(`generated ${products.length} products, ${variants.length} variants into the read model in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const db = createSearchDb({ connectionString: url, poolSize: 2 });
    const backend = postgresBackend({ connectionString: url, poolSize: 2 });
    t = performance.now();
    const outcome = await rebuildSearchIndex({ db, backend, catalog: null, log }, { fromCatalog: false });
    const rebuildSeconds = (performance.now() - t) / 1000;
    console.log(`full rebuild: ${outcome.indexed} products in ${rebuildSeconds.toFixed(1)} s (target ≤ 60 s)`);
    await client.query('ANALYZE');

    const roots = cats.map((c) => c.path[0].id);
    const faceted = await timed(FACETED_RUNS, (i) =>
      backend.search({
        text: i % 3 === 0 ? `${pick(ADJECTIVES)} ${pick(NOUNS)}` : pick(NOUNS),
        filter: { categoryId: pick(roots), maxPrice: pick(['50', '100', '200', '300']) },
        sort: 'RELEVANCE', offset: 0, limit: 20,
      }));
    console.log(`faceted search (words + category + max price, all facets): p50 ${faceted.p50} ms, p95 ${faceted.p95} ms, max ${faceted.max} ms (target p95 ≤ 50 ms)`);
    const example = async (text, filter) => (await backend.search({ text, filter, sort: 'RELEVANCE', offset: 0, limit: 20 })).total;
    console.log(`  e.g. "headphones": ${await example('headphones', {})} hits, ${await example('headphones', { categoryId: roots[0], maxPrice: '200' })} in ${ROOTS[0]} under 200;`
      + ` "wireless headphones": ${await example('wireless headphones', {})} hits (any word matches, both words rank first)`);

    const browse = await timed(100, () =>
      backend.search({ text: null, filter: { categoryId: pick(roots), maxPrice: '200' }, sort: 'NEWEST', offset: 0, limit: 20 }));
    console.log(`browsing without words (category + max price, all facets): p50 ${browse.p50} ms, p95 ${browse.p95} ms (no target)`);

    const prefixes = products.slice(0, 2_000).map((p) => p.name.split(' ')[1 + Math.floor(random() * 3)]).map((w) => w.slice(0, 3 + Math.floor(random() * 4)));
    const suggest = await timed(SUGGEST_RUNS, (i) => backend.suggest(prefixes[i % prefixes.length], 8));
    console.log(`suggestions (3-6 letter prefixes, 8 each): p50 ${suggest.p50} ms, p95 ${suggest.p95} ms, max ${suggest.max} ms (target p95 ≤ 15 ms)`);
    console.log(`load average after ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    await client.end();
    await backend.close();
    await db.$disconnect();
  } finally {
    if (process.env.SEARCH_BENCH_KEEP_DATABASE) console.log(`kept ${url}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
