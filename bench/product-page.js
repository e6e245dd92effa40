#!/usr/bin/env node
// Load benchmark of the storefront's product page and 50-product category page (queries/*.graphql, exactly as
// written) through the gateway, in the production shape (bench/lib/shop.js: one process per service from the built
// dist, fresh databases on this machine's PostgreSQL, carts in its Redis). The product page less the fields other
// subgraphs answer goes straight to the catalog subgraph, for the gateway's (and federation's) overhead.
// autocannon runs here, in its own process.
// Usage: npm run build && npm run bench:product-page [seconds per run, default 8]
// Settings: BENCH_DATABASE_URL, BENCH_REDIS_URL (see bench/lib/shop.js).
const os = require('node:os');
const path = require('node:path');
const { readFileSync } = require('node:fs');
const { parse, print, TypeInfo, visit, visitWithTypeInfo } = require('graphql');
const { root, post, storefrontQuery, load, withShop } = require('./lib/shop');

const seconds = Number(process.argv[2] ?? 8);
const CONNECTIONS = [1, 16, 64];
const CATEGORY_PAGE_SIZE = 50;

/** The query less what the catalog subgraph does not own (availability, cartQuantity, cart). */
function catalogOnly(source) {
  const { buildSubgraphSchema } = require(require.resolve('@apollo/subgraph', { paths: [path.join(root, 'packages/platform')] }));
  const schema = buildSubgraphSchema({ typeDefs: parse(readFileSync(path.join(root, 'subgraphs/catalog/schema.graphql'), 'utf8')) });
  const info = new TypeInfo(schema);
  const stripped = [];
  const doc = visit(parse(source), visitWithTypeInfo(info, { Field: (node) => (info.getFieldDef() ? undefined : (stripped.push(node.name.value), null)) }));
  return { query: print(doc), stripped };
}

/** The top-level category with the most products (sub-categories' included), for a full page of 50. */
async function fullestCategory(gateway, query, categories) {
  let best = { slug: categories[0], totalCount: -1 };
  for (const slug of categories) {
    const { products } = await post(gateway, query, { category: slug, first: 1 });
    if (products.totalCount > best.totalCount) best = { slug, totalCount: products.totalCount };
  }
  return best;
}

withShop(async (shop) => {
  const { url: gateway } = await shop.startGateway();
  const productPage = storefrontQuery('product-page.graphql');
  const categoryPage = storefrontQuery('category-page.graphql');
  const direct = catalogOnly(productPage);
  const { product } = await post(gateway, productPage, { slug: shop.page.slug });
  const [first, second] = product.variants;
  const lines = [first.id, (second ?? first).id];
  // A guest with two lines in the cart, and a signed-in customer with the same.
  const guest = await shop.guestCart(gateway, lines);
  const signedIn = await shop.customer(gateway, lines);
  const category = await fullestCategory(gateway, categoryPage, shop.topCategories);

  const pageOf = { slug: shop.page.slug };
  const listing = { category: category.slug, first: CATEGORY_PAGE_SIZE };
  const scenarios = [
    ['product page, anonymous → gateway', gateway, productPage, pageOf, {}],
    ['product page, guest → gateway', gateway, productPage, pageOf, guest],
    ['product page, customer → gateway', gateway, productPage, pageOf, signedIn],
    ['product page, catalog fields → catalog', shop.services.catalog, direct.query, pageOf, {}],
    [`category page (${CATEGORY_PAGE_SIZE}), guest → gateway`, gateway, categoryPage, listing, guest],
  ];
  console.log(`\nproduct "${shop.page.slug}" (${shop.page.variants} variants, reviews, cross-sells); guest and customer carts of 2 lines (anonymous: none)`);
  console.log(`category "${category.slug}": ${CATEGORY_PAGE_SIZE} of its ${category.totalCount} products (sub-categories' included)`);
  console.log(`straight to the catalog, the query less what other subgraphs answer: ${direct.stripped.join(', ')}`);
  console.log(`${seconds} s per run, ${os.cpus().length} cores; gateway, 4 subgraphs, PostgreSQL, Redis and autocannon all on this machine\n`);
  console.log('scenario                                   conns    req/s    p50 ms   p99 ms   errors');
  for (const [name, url, query, variables, headers] of scenarios) {
    const body = JSON.stringify({ query, variables });
    await post(url, query, variables, headers); // the query plan, and any error, before load
    await load({ url, body, headers, connections: 16, seconds: 3 }); // untimed: JIT and connection pools warm for every scenario alike
    for (const connections of CONNECTIONS) {
      const r = await load({ url, body, headers, connections, seconds });
      const errors = r.errors + r.non2xx;
      console.log(
        `${name.padEnd(42)} ${String(connections).padStart(5)} ${r.requests.average.toFixed(0).padStart(8)} ${r.latency.p50.toFixed(1).padStart(9)} ${r.latency.p99.toFixed(1).padStart(8)} ${String(errors).padStart(8)}`,
      );
    }
  }
}).catch((error) => {
  console.error(error);
  process.exit(1);
});
