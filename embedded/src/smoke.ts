import path from 'node:path';
import { buildClientSchema, getIntrospectionQuery, print, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { storefrontQuery } from '@shop/platform/testing';
import { startShopProcess, type ShopProcess } from './shop-process';

/**
 * CI smoke test of `npm start`: runs embedded/dist/start.js on free ports with a throw-away embedded PostgreSQL,
 * waits for the ready line, asks the gateway for a category page, stops it with SIGINT and expects exit code 0.
 */
const repoRoot = path.resolve(__dirname, '..', '..');
const CATEGORY = 'audio'; // seeded: headphones and speakers below it, more than one page
const PAGE = 10;

interface CategoryPage {
  products: { edges: { node: { id: string; name: string; availability?: { inStock: boolean } } }[]; pageInfo: { hasNextPage: boolean }; totalCount: number };
}

async function main(): Promise<void> {
  let shop: ShopProcess;
  try {
    shop = await startShopProcess();
  } catch (error) {
    console.error(`smoke FAILED: ${(error as Error).message}`);
    process.exitCode = 1;
    return;
  }
  let stopped = false;
  try {
    const gateway = shop.graphqlUrl;
    const schema = await apiSchema(gateway);
    const { document, stripped, file } = storefrontQuery('category-page.graphql', schema);
    const page = await graphql<CategoryPage>(gateway, print(document), { category: CATEGORY, first: PAGE });
    const { edges, pageInfo, totalCount } = page.products;
    // Stock comes from the inventory subgraph: every product answers, and the demo stock has some of each.
    const stock = edges.map((e) => e.node.availability?.inStock);
    if (edges.length !== PAGE || !edges.every((e) => e.node.id && e.node.name) || !pageInfo.hasNextPage || !stock.every((s) => typeof s === 'boolean')) {
      throw new Error(`Expected a full first page of ${PAGE} products in "${CATEGORY}", got ${JSON.stringify(page).slice(0, 500)}`);
    }
    const productPage = storefrontQuery('product-page.graphql', schema);
    const cart = await addToCartAsAGuest(gateway, print(productPage.document), (edges.find((e) => e.node.availability?.inStock) ?? edges[0]).node.id);
    stripped.push(...productPage.stripped);
    const { email, accessToken } = await signUpAndAskWhoIAm(gateway);
    const welcome = await mailFor(shop, email);
    const card = await saveATestCard(gateway, accessToken);
    const order = await checkOutWithTheSavedCard(gateway, accessToken, (edges.find((e) => e.node.availability?.inStock) ?? edges[0]).node.id);
    const stopping = Date.now();
    stopped = true;
    const code = await shop.stop();
    if (code !== 0) throw new Error(`start.js exited with ${code} after SIGINT, expected 0`);
    console.log(
      [
        `smoke ok: ready in ${shop.readySeconds.toFixed(1)} s (cold: fresh data dir), stopped in ${((Date.now() - stopping) / 1000).toFixed(1)} s with exit code 0`,
        `  ${path.relative(repoRoot, file)} for "${CATEGORY}": ${edges.length} of ${totalCount} products, e.g. ${edges.slice(0, 3).map((e) => e.node.name).join(', ')}`,
        `  availability from inventory: ${stock.filter(Boolean).length} of ${edges.length} in stock`,
        `  product-page.graphql as a guest: added ${cart} to the cart, and the page showed it in cartQuantity and the cart's totals`,
        `  fields not in the supergraph yet, stripped: ${stripped.length ? stripped.join(', ') : 'none'}`,
        `  registered ${email} with the built-in issuer and read it back with the access token`,
        `  the notification context sent "${welcome}" to that address; it is in the dev mailbox`,
        `  saved the test card 4242… with the payment subgraph's built-in provider: ${card}`,
        `  checked out as that customer with the saved card: order ${order} confirmed, cart emptied`,
      ].join('\n'),
    );
  } catch (error) {
    console.error(`smoke FAILED: ${(error as Error).message}\n--- start.js output (last lines) ---\n${shop.output.join('\n')}`);
    process.exitCode = 1;
  } finally {
    if (!stopped) await shop.stop().catch(() => undefined);
  }
}

async function apiSchema(url: string): Promise<GraphQLSchema> {
  return buildClientSchema(await graphql<IntrospectionQuery>(url, getIntrospectionQuery(), {}));
}

/**
 * The product page as a guest: add a variant of an in-stock product to the cart through the gateway (the cart
 * issues a session), then the same page with that session shows it in cartQuantity and the cart's totals.
 */
async function addToCartAsAGuest(gateway: string, productPage: string, productId: string): Promise<string> {
  const { product } = await graphql<{ product: { slug: string } }>(gateway, 'query($id: ID!) { product(id: $id) { slug } }', { id: productId });
  type Page = { product: { variants: { id: string; sku: string; cartQuantity?: number; availability?: { inStock: boolean } }[] }; cart?: { itemCount: number } | null };
  const before = await graphql<Page>(gateway, productPage, { slug: product.slug });
  const variant = before.product.variants.find((v) => v.availability?.inStock) ?? before.product.variants[0];
  const { addToCart } = await graphql<{ addToCart: { sessionToken: string } }>(
    gateway, 'mutation($v: ID!) { addToCart(variantId: $v, quantity: 2) { sessionToken } }', { v: variant.id },
  );
  const after = await graphql<Page>(gateway, productPage, { slug: product.slug }, { 'x-cart-session': addToCart.sessionToken });
  const quantity = after.product.variants.find((v) => v.id === variant.id)?.cartQuantity;
  if (quantity !== 2 || after.cart?.itemCount !== 2) throw new Error(`After addToCart the product page shows ${JSON.stringify({ quantity, cart: after.cart })}`);
  return `2 × ${variant.sku}`;
}

/** The built-in issuer end to end: register through the gateway, then `me` with the access token it gave. */
async function signUpAndAskWhoIAm(gateway: string): Promise<{ email: string; accessToken: string }> {
  const email = `smoke-${Date.now()}@example.com`;
  const { register } = await graphql<{ register: { accessToken: string } }>(
    gateway,
    'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }',
    { input: { email, password: 'correct horse battery', firstName: 'Smoke', lastName: 'Test' } },
  );
  const { me } = await graphql<{ me: { email: string } }>(gateway, '{ me { email } }', {}, { authorization: `Bearer ${register.accessToken}` });
  if (me.email !== email) throw new Error(`me answered ${me.email}, expected ${email}`);
  return { email, accessToken: register.accessToken };
}

/** Waits for the shop's email to `to` in the dev mailbox of this run (its JSON list); returns its subject. */
async function mailFor(shop: ShopProcess, to: string): Promise<string> {
  if (!shop.mailboxUrl) throw new Error('start.js printed no dev mailbox line');
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const messages = (await (await fetch(`${shop.mailboxUrl}/messages`)).json()) as { to: string[]; subject: string }[];
    const mail = messages.find((m) => m.to.includes(to));
    if (mail) return mail.subject;
  }
  throw new Error(`No email to ${to} reached the dev mailbox within 15 s`);
}

/** The payment subgraph through the gateway: save the built-in provider's test card, then list it. */
async function saveATestCard(gateway: string, accessToken: string): Promise<string> {
  const headers = { authorization: `Bearer ${accessToken}` };
  const card = { number: '4242424242424242', expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' };
  await graphql(gateway, 'mutation($card: CardInput!) { addPaymentMethod(card: $card) { id } }', { card }, headers);
  const { myPaymentMethods } = await graphql<{ myPaymentMethods: { displayName: string }[] }>(gateway, '{ myPaymentMethods { displayName } }', {}, headers);
  if (myPaymentMethods.length !== 1) throw new Error(`myPaymentMethods answered ${JSON.stringify(myPaymentMethods)}`);
  return myPaymentMethods[0].displayName;
}

/** The checkout saga end to end: cart → order → stock → payment → confirmed, through the gateway. */
async function checkOutWithTheSavedCard(gateway: string, accessToken: string, productId: string): Promise<string> {
  const headers = { authorization: `Bearer ${accessToken}` };
  const { product } = await graphql<{ product: { variants: { id: string; availability: { inStock: boolean } }[] } }>(
    gateway, 'query($id: ID!) { product(id: $id) { variants { id availability { inStock } } } }', { id: productId },
  );
  const variant = product.variants.find((v) => v.availability.inStock) ?? product.variants[0];
  const { addToCart } = await graphql<{ addToCart: { subtotal: { amount: string } } }>(
    gateway, 'mutation($v: ID!) { addToCart(variantId: $v, quantity: 1) { subtotal { amount } } }', { v: variant.id }, headers,
  );
  const { myPaymentMethods } = await graphql<{ myPaymentMethods: { id: string }[] }>(gateway, '{ myPaymentMethods { id } }', {}, headers);
  const address = { firstName: 'Smoke', lastName: 'Test', streetLine1: '1 Main St', city: 'Springfield', stateProvince: 'IL', postalCode: '62701', countryCode: 'US' };
  const { checkout } = await graphql<{ checkout: { number: string; status: string } }>(
    gateway,
    'mutation($input: CheckoutInput!) { checkout(input: $input) { number status } }',
    { input: { idempotencyKey: `smoke-${Date.now()}`, expectedSubtotal: addToCart.subtotal.amount, shippingAddress: address, paymentMethodId: myPaymentMethods[0].id } },
    headers,
  );
  const { cart } = await graphql<{ cart: { itemCount: number } | null }>(gateway, '{ cart { itemCount } }', {}, headers);
  if (checkout.status !== 'CONFIRMED' || (cart?.itemCount ?? 0) !== 0) throw new Error(`Checkout ended ${checkout.status} with ${cart?.itemCount} items left in the cart`);
  return checkout.number;
}

async function graphql<T>(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!response.ok || body.errors?.length || !body.data) {
    throw new Error(`Gateway answered ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 800)}`);
  }
  return body.data;
}

void main();
