const env = require('/tmp/pp-env.json');
const fs = require('fs');
const { request, Agent } = require('undici');
const agent = new Agent({ keepAliveTimeout: 10_000 });
const q = fs.readFileSync('/work/shared/queries/product-page.graphql', 'utf8');
const { parse, print, TypeInfo, visit, visitWithTypeInfo } = require('graphql');
const { buildSubgraphSchema } = require('@apollo/subgraph');
async function time(label, url, query, variables, headers = {}, n = 200) {
  const body = JSON.stringify({ query, variables });
  const times = [];
  for (let i = 0; i < n + 20; i++) {
    const t = process.hrtime.bigint();
    const r = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, dispatcher: agent });
    const j = await r.body.json();
    if (j.errors) { console.log(label, JSON.stringify(j.errors).slice(0, 300)); return; }
    if (i >= 20) times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(label.padEnd(40), 'p50', times[n >> 1].toFixed(2), 'p10', times[n / 10].toFixed(2));
}
(async () => {
  const page = JSON.parse(await (await fetch(env.gateway, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q, variables: { slug: env.slug } }) })).text());
  const vids = page.data.product.variants.map((v) => v.id);
  const pid = page.data.product.id;
  const reps = vids.map((id) => ({ __typename: 'ProductVariant', id }));
  const schema = buildSubgraphSchema({ typeDefs: parse(fs.readFileSync('subgraphs/catalog/schema.graphql', 'utf8')) });
  const info = new TypeInfo(schema);
  const direct = print(visit(parse(q), visitWithTypeInfo(info, { Field: (n) => (info.getFieldDef() ? undefined : null) })));
  const noCart = q.replace(/cartQuantity/, '').replace(/cart \{[^}]*\{[^}]*\}\s*\}/, '');
  await time('catalog {__typename}', env.catalog, '{ __typename }', {});
  await time('gateway {__typename}', env.gateway, '{ __typename }', {});
  await time('catalog direct page', env.catalog, direct, { slug: env.slug });
  await time('gateway catalog-only page', env.gateway, direct, { slug: env.slug });
  await time('gateway page without cart fields', env.gateway, noCart, { slug: env.slug });
  await time('gateway page guest', env.gateway, q, { slug: env.slug }, env.guest);
  await time('gateway page customer', env.gateway, q, { slug: env.slug }, env.signedIn);
  await time('gateway cart only guest', env.gateway, '{ cart { id itemCount subtotal { amount currency } } }', {}, env.guest);
  await time('cart Query.cart guest', env.cart, '{ cart { id itemCount subtotal { amount currency } } }', {}, env.guest);
  await time('cart cartQuantity guest', env.cart, 'query($r:[_Any!]!){ _entities(representations:$r){ ... on ProductVariant { cartQuantity } } }', { r: reps }, env.guest);
  await time('inventory variants', env.inventory, 'query($r:[_Any!]!){ _entities(representations:$r){ ... on ProductVariant { availability { inStock quantityAvailable } } } }', { r: reps });
  await time('inventory product', env.inventory, 'query($r:[_Any!]!){ _entities(representations:$r){ ... on Product { availability { inStock totalAvailable } } } }', { r: [{ __typename: 'Product', id: pid }] });
  await agent.close();
})();
