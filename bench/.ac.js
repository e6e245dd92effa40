const autocannon = require('autocannon');
const fs = require('fs');
const env = require('/tmp/pp-env.json');
const q = fs.readFileSync('/work/shared/queries/product-page.graphql', 'utf8');
const noCart = q.replace(/cartQuantity/, '').replace(/cart \{[^}]*\{[^}]*\}\s*\}/, '');
const run = (label, url, query, headers, connections) => new Promise((res) => autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables: { slug: env.slug } }), connections, duration: 6 }, (e, r) => { console.log(label.padEnd(30), connections, r.requests.average, r.latency.p50, r.latency.p99, r.non2xx + r.errors); res(); }));
(async () => {
  await run('page guest', env.gateway, q, env.guest, 1);
  await run('page without cart', env.gateway, noCart, {}, 1);
  await run('page guest', env.gateway, q, env.guest, 16);
  await run('page without cart', env.gateway, noCart, {}, 16);
  await run('cart Query.cart', env.cart, '{ cart { id itemCount subtotal { amount currency } } }', env.guest, 16);
})();
