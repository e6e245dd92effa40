import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describeInBrowser, startBrowserShop, type BrowserShop } from './browser-shop';

/**
 * A guest in the storefront, against `npm start` in a real Chromium: finds a product by search (suggestions as they
 * type), buys it with the test card, follows the order live; then a short line and a declined card are refused in
 * plain words while the cart stays as it was. Products with known stock are made through the API as staff.
 */
jest.setTimeout(180_000);

describeInBrowser('storefront: a guest shops', () => {
  let b: BrowserShop;
  let staffToken: string;
  const run = randomUUID().slice(0, 6);
  const lamp = { name: `Brass desk lamp ${run}`, price: '24.50', stock: 5 } as Product;
  const mug = { name: `Stoneware mug ${run}`, price: '12.00', stock: 2 } as Product;

  beforeAll(async () => {
    b = await startBrowserShop();
    staffToken = (await gql<any>('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', { e: b.shop.staff.email, p: b.shop.staff.password })).login.accessToken;
    for (const product of [lamp, mug]) Object.assign(product, await createProduct(product));
    await waitUntilSearchable(lamp.name);
  });

  afterAll(async () => {
    await b?.stop();
  });

  test('a guest finds a product by search, buys it with the test card and watches the order move without reloading', async () => {
    const { page, context, errors } = await b.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Welcome to the shop' }).waitFor();
    await page.getByRole('heading', { name: 'Shop by category' }).waitFor();
    expect(await page.title()).toBe('Welcome · Shop');
    await b.screenshot(page, 'storefront-home');
    await expectBasics(page);

    // A category, sorted by price: the address keeps the choice.
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await page.getByLabel('Sort by').selectOption('PRICE_ASC');
    await page.waitForURL(/\/c\/home\?sort=PRICE_ASC/);
    await page.getByRole('list', { name: 'Products in Home' }).getByRole('link').first().waitFor();
    expect(await page.title()).toBe('Home · Shop');
    await b.screenshot(page, 'storefront-category');

    const box = page.getByRole('combobox', { name: 'Search products' });
    await box.fill(lamp.name.slice(0, 12));
    await page.getByRole('option', { name: new RegExp(lamp.name) }).waitFor();
    await box.fill(lamp.name);
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const result = page.getByRole('list', { name: 'Search results' }).getByRole('link', { name: lamp.name });
    await result.waitFor();
    await b.screenshot(page, 'storefront-search');
    await expectBasics(page);

    await result.click();
    await page.getByRole('heading', { level: 1, name: lamp.name }).waitFor();
    await expect(page.getByTestId('stock').textContent()).resolves.toContain(`${lamp.stock} available`);
    await b.screenshot(page, 'storefront-product');
    await expectBasics(page);
    await page.setViewportSize({ width: 390, height: 844 }); // a phone: one column
    await b.screenshot(page, 'storefront-product-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByTestId('in-your-cart').filter({ hasText: 'In your cart: 1' }).waitFor();
    await page.getByTestId('cart-count').filter({ hasText: '1' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('shop.storefront.cart-session'))).toBeTruthy();

    await page.getByRole('link', { name: 'View your cart' }).click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await expect(page.getByTestId('cart-subtotal').textContent()).resolves.toBe('$24.50');
    await b.screenshot(page, 'storefront-cart');
    await expectBasics(page);

    await page.getByRole('link', { name: 'Check out' }).click();
    await fillCheckout(page, { email: `guest-${run}@example.com` });
    await b.screenshot(page, 'storefront-checkout');
    await expectBasics(page);
    await page.getByRole('button', { name: /Place order/ }).click();

    await page.waitForURL(/\/track\?number=SO-/);
    await page.getByText(/Thank you! Your order SO-\S+ is placed/).waitFor();
    const status = page.getByTestId('order-status');
    await expect(status.textContent()).resolves.toBe('Confirmed');
    await page.getByTestId('cart-count').filter({ hasText: '0' }).waitFor();
    const number = new URL(page.url()).searchParams.get('number')!;
    await b.screenshot(page, 'storefront-confirmation');
    await expectBasics(page);

    // Staff start preparing the order: the page follows over WebSocket, without a reload.
    const order = (await gql<any>('query($n: String!) { orders(filter: { number: $n }) { edges { node { id version } } } }', { n: number }, staffToken)).orders.edges[0].node;
    await page.evaluate(() => ((window as unknown as { marker: boolean }).marker = true));
    await gql('mutation($id: ID!, $v: Int!) { moveOrder(id: $id, status: PROCESSING, expectedVersion: $v) { status } }', { id: order.id, v: order.version }, staffToken);
    await status.filter({ hasText: 'Being prepared' }).waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
    await b.screenshot(page, 'storefront-tracking');

    // The guest finds the order again on another visit with its number and access key.
    const accessKey = await page.getByTestId('access-key').textContent();
    const other = await b.newPage();
    await other.page.goto('/track');
    await other.page.getByLabel('Order number').fill(number);
    await other.page.getByLabel('Access key').fill('wrong-key');
    await other.page.getByRole('button', { name: 'Find my order' }).click();
    await other.page.getByRole('alert').filter({ hasText: 'No order matches this number and access key.' }).waitFor();
    await other.page.getByLabel('Access key').fill(accessKey!);
    await other.page.getByRole('button', { name: 'Find my order' }).click();
    await expect(other.page.getByTestId('order-status').textContent()).resolves.toBe('Being prepared');
    await b.screenshot(other.page, 'storefront-track-lookup');
    await other.context.close();
    await context.close();
    expect(pageErrors(errors)).toEqual([]);
  });

  test('a short line, a declined card and a moved price are refused in plain words and leave the cart as it was', async () => {
    const { page, context, errors } = await b.newPage();
    await page.goto(`/products/${mug.slug}`);
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByTestId('in-your-cart').filter({ hasText: 'In your cart: 2' }).waitFor();

    // Another shopper buys one of the two meanwhile.
    const added = await gql<any>('mutation($v: ID!) { addToCart(variantId: $v, quantity: 1) { sessionToken subtotal { amount } } }', { v: mug.variantId });
    await gql('mutation($input: CheckoutInput!) { checkout(input: $input) { number } }', {
      input: { idempotencyKey: randomUUID(), expectedSubtotal: added.addToCart.subtotal.amount, email: `other-${run}@example.com`, shippingAddress: ADDRESS, card: CARD },
    }, undefined, added.addToCart.sessionToken);

    await page.goto('/checkout');
    await fillCheckout(page, { email: `short-${run}@example.com` });
    await page.getByRole('button', { name: /Place order/ }).click();
    const refusal = page.getByTestId('checkout-error');
    await refusal.filter({ hasText: 'Some items are no longer in stock' }).waitFor();
    await expect(refusal.textContent()).resolves.toContain(`${mug.name}: you asked for 2, only 1 left.`);
    await expect(refusal.textContent()).resolves.toContain('Your cart is unchanged.');
    await b.screenshot(page, 'storefront-checkout-out-of-stock');

    await page.goto('/cart');
    await page.getByTestId('cart-line').first().waitFor();
    await expect(page.getByTestId('cart-line').count()).resolves.toBe(1);
    await expect(page.getByLabel(`Quantity of ${mug.name}`).inputValue()).resolves.toBe('2');
    await page.getByLabel(`Quantity of ${mug.name}`).selectOption('1');
    await page.getByTestId('cart-subtotal').filter({ hasText: '$12.00' }).waitFor();

    await page.getByRole('link', { name: 'Check out' }).click();
    await fillCheckout(page, { email: `declined-${run}@example.com`, card: '4000 0000 0000 0002' });
    await page.getByRole('button', { name: /Place order/ }).click();
    await refusal.filter({ hasText: 'Your card was declined. Nothing was charged: try another card.' }).waitFor();
    await b.screenshot(page, 'storefront-checkout-declined');

    // The price moves while the shopper is on the checkout page: they are told the new total before paying it.
    const product = (await gql<any>('query($s: String!) { product(slug: $s) { version } }', { s: mug.slug }, staffToken)).product;
    await gql('mutation($id: ID!, $v: Int!) { updateVariant(id: $id, expectedVersion: $v, input: { price: "13.00" }) { id } }', { id: mug.variantId, v: product.version }, staffToken);
    // The cart reads prices through a cache the catalog's event clears: wait until it shows the new one.
    const session = (await page.evaluate(() => localStorage.getItem('shop.storefront.cart-session')))!;
    for (let i = 0; i < 50; i++) {
      const { cart } = await gql<any>('{ cart { subtotal { amount } } }', {}, undefined, session);
      if (cart.subtotal.amount === '13.00') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: /Place order/ }).click();
    await refusal.filter({ hasText: 'Prices changed since you looked: your cart now comes to $13.00.' }).waitFor();
    await b.screenshot(page, 'storefront-checkout-price-changed');

    await page.goto('/cart');
    await page.getByTestId('cart-line').first().waitFor();
    await expect(page.getByLabel(`Quantity of ${mug.name}`).inputValue()).resolves.toBe('1');
    await expect(page.getByTestId('cart-count').textContent()).resolves.toBe('1');
    await page.getByText('Price changed from $12.00 to $13.00').waitFor();
    await context.close();
    expect(pageErrors(errors)).toEqual([]);
  });

  interface Product {
    name: string;
    price: string;
    stock: number;
    slug: string;
    variantId: string;
  }

  async function createProduct(product: Product): Promise<Pick<Product, 'slug' | 'variantId'>> {
    const { categories } = await gql<any>('{ categories { id } }');
    const sku = `SF-${run}-${product.stock}`;
    const created = (await gql<any>(
      `mutation($input: CreateProductInput!) { createProduct(input: $input) { id slug variants { id sku } } }`,
      { input: { name: product.name, sku, categoryId: categories[0].id, status: 'ACTIVE', description: `${product.name}, made for the storefront's tests.`, variants: [{ sku: `${sku}-V`, price: product.price, isDefault: true }] } },
      staffToken,
    )).createProduct;
    const variant = created.variants[0];
    await gql('mutation($input: EnsureInventoryItemInput!) { ensureInventoryItem(input: $input) { id } }', { input: { variantId: variant.id, productId: created.id, sku: variant.sku } }, staffToken);
    await gql('mutation($input: RestockInput!) { restockInventory(input: $input) { quantityAvailable } }', { input: { variantId: variant.id, quantity: product.stock, reason: 'Browser test stock' } }, staffToken);
    return { slug: created.slug, variantId: variant.id };
  }

  async function waitUntilSearchable(name: string): Promise<void> {
    for (let i = 0; i < 50; i++) {
      const found = await gql<any>('query($q: String!) { search(query: $q, first: 5) { edges { node { name availability { inStock } } } } }', { q: name });
      if (found.search.edges.some((e: any) => e.node?.name === name && e.node.availability.inStock)) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${name} never reached the search index`);
  }

  async function gql<T = unknown>(query: string, variables: Record<string, unknown> = {}, token?: string, cartSession?: string): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (cartSession) headers['x-cart-session'] = cartSession;
    const response = await fetch(b.shop.graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }
});

/** Lighthouse-style basics: a page title, one h1, every picture with an alt text, every field with a label. */
async function expectBasics(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    title: document.title,
    h1: document.querySelectorAll('h1').length,
    noAlt: [...document.querySelectorAll('img:not([alt])')].map((img) => (img as HTMLImageElement).src),
    unlabelled: [...document.querySelectorAll<HTMLInputElement>('input, select, textarea')]
      .filter((field) => !field.labels?.length && !field.getAttribute('aria-label') && !field.getAttribute('aria-labelledby'))
      .map((field) => field.outerHTML),
  }));
  expect(found).toMatchObject({ h1: 1, noAlt: [], unlabelled: [] });
  expect(found.title).toMatch(/ · Shop$/);
}

/** Uncaught errors and console errors, but not the demo pictures that cannot load offline. */
function pageErrors(errors: string[]): string[] {
  return errors.filter((e) => !e.startsWith('Failed to load resource'));
}

const ADDRESS = { firstName: 'Ada', lastName: 'Lovelace', streetLine1: '1 Main St', city: 'Springfield', stateProvince: 'IL', postalCode: '62701', countryCode: 'US' };
const CARD = { number: '4242424242424242', expMonth: 12, expYear: 2035, cvc: '123' };

async function fillCheckout(page: Page, { email, card = '4242 4242 4242 4242' }: { email?: string; card?: string }): Promise<void> {
  await page.getByRole('heading', { name: 'Checkout', level: 1 }).waitFor();
  if (email) await page.getByLabel('Email').fill(email);
  await page.getByLabel('First name').fill(ADDRESS.firstName);
  await page.getByLabel('Last name').fill(ADDRESS.lastName);
  await page.getByLabel('Street address').fill(ADDRESS.streetLine1);
  await page.getByLabel('City').fill(ADDRESS.city);
  await page.getByLabel('State or province').fill(ADDRESS.stateProvince);
  await page.getByLabel('Postal code').fill(ADDRESS.postalCode);
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('Security code').fill('123');
}
