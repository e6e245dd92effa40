import { randomUUID } from 'node:crypto';
import { describeInBrowser, startBrowserShop, type BrowserShop } from './browser-shop';

/**
 * A customer in the storefront, against `npm start` in a real Chromium: signs up, shops as a guest after signing out,
 * signs in (the guest cart merges into theirs), buys with a discount code and loyalty points, then finds the order,
 * the points, an address and their notification switches in their account. Staff set up the product, the code and
 * the points through the API.
 */
jest.setTimeout(180_000);

const SESSION = 'shop.storefront.session';
const CART_SESSION = 'shop.storefront.cart-session';

describeInBrowser('storefront: a customer shops', () => {
  let b: BrowserShop;
  let staffToken: string;
  const run = randomUUID().slice(0, 6);
  const board = { name: `Walnut serving board ${run}`, price: '40.00' };
  const code = `SF${run}`.toUpperCase();
  const customer = { firstName: 'Grace', lastName: 'Hopper', email: `grace-${run}@example.com`, password: 'correct horse battery' };
  let slug: string;

  beforeAll(async () => {
    b = await startBrowserShop();
    staffToken = (await gql<any>('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', { e: b.shop.staff.email, p: b.shop.staff.password })).login.accessToken;
    const { categories } = await gql<any>('{ categories { id } }');
    const sku = `SFC-${run}`;
    const product = (await gql<any>(
      'mutation($input: CreateProductInput!) { createProduct(input: $input) { id slug variants { id sku } } }',
      { input: { name: board.name, sku, categoryId: categories[0].id, status: 'ACTIVE', variants: [{ sku: `${sku}-V`, price: board.price, isDefault: true }] } },
      staffToken,
    )).createProduct;
    slug = product.slug;
    const variant = product.variants[0];
    await gql('mutation($input: EnsureInventoryItemInput!) { ensureInventoryItem(input: $input) { id } }', { input: { variantId: variant.id, productId: product.id, sku: variant.sku } }, staffToken);
    await gql('mutation($input: RestockInput!) { restockInventory(input: $input) { quantityAvailable } }', { input: { variantId: variant.id, quantity: 10 } }, staffToken);
    await gql('mutation($input: DiscountCodeInput!) { createDiscountCode(input: $input) { code } }', { input: { code, name: 'Ten percent off', kind: 'PERCENTAGE', value: '10' } }, staffToken);
  });

  afterAll(async () => {
    await b?.stop();
  });

  test('a customer signs in, their guest cart merges, and they buy with a discount code and loyalty points', async () => {
    const { page, context, errors } = await b.newPage();

    // Sign up, then sign out: the tokens leave the browser.
    await page.goto('/sign-up');
    await page.getByLabel('First name').fill(customer.firstName);
    await page.getByLabel('Last name').fill(customer.lastName);
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(customer.password);
    await b.screenshot(page, 'storefront-sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('link', { name: 'Grace Hopper' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate((key) => localStorage.getItem(key), SESSION)).toBeNull();

    const { customers } = await gql<any>('query($e: String!) { customers(filter: { email: $e }) { edges { node { id } } } }', { e: customer.email }, staffToken);
    await gql('mutation($id: ID!) { adjustLoyaltyPoints(customerId: $id, points: 500, reason: "Welcome gift") { pointsBalance } }', { id: customers.edges[0].node.id }, staffToken);

    // A demo product with variants, reviews and cross-sells, as the shared product-page query shows it.
    const { products } = await gql<any>('{ products(first: 50, sort: RATING_DESC) { edges { node { slug name variants { id } crossSells { id } } } } }');
    const demo = products.edges.map((e: any) => e.node).find((p: any) => p.variants.length > 1 && p.crossSells.length > 0) ?? products.edges[0].node;
    await page.goto(`/products/${demo.slug}`);
    await page.getByRole('heading', { level: 1, name: demo.name }).waitFor();
    await page.getByRole('heading', { name: 'Reviews' }).waitFor();
    if (demo.variants.length > 1) await page.getByRole('group', { name: 'Choose a variant' }).getByRole('radio').nth(1).check();
    await b.screenshot(page, 'storefront-product-variants');

    // As a guest, with the keyboard only: a suggestion picked with the arrow keys opens the product; two go in the cart.
    const box = page.getByRole('combobox', { name: 'Search products' });
    const suggestion = page.getByRole('option', { name: new RegExp(board.name) });
    for (let i = 0; i < 20 && !(await suggestion.isVisible()); i++) {
      await box.fill('');
      await box.pressSequentially(board.name.slice(0, 14));
      await suggestion.waitFor({ timeout: 1_000 }).catch(() => undefined);
    }
    const wanted = await suggestion.getAttribute('id');
    for (let i = 0; i < 8 && (await box.getAttribute('aria-activedescendant')) !== wanted; i++) await box.press('ArrowDown');
    await expect(box.getAttribute('aria-activedescendant')).resolves.toBe(wanted);
    await box.press('Enter');
    await page.waitForURL(new RegExp(`/products/${slug}$`));
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByTestId('in-your-cart').filter({ hasText: 'In your cart: 2' }).waitFor();
    expect(await page.evaluate((key) => localStorage.getItem(key), CART_SESSION)).toBeTruthy();

    // Signing in merges the guest cart into the customer's.
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(customer.password);
    await b.screenshot(page, 'storefront-sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Grace Hopper' }).waitFor();
    await page.waitForFunction((key) => localStorage.getItem(key) === null, CART_SESSION); // merged: the guest session is done
    await page.getByTestId('cart-count').filter({ hasText: '2' }).waitFor();

    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.getByTestId('cart-line').first().waitFor();
    await expect(page.getByLabel(`Quantity of ${board.name}`).inputValue()).resolves.toBe('2');
    await page.getByRole('link', { name: 'Check out' }).click();

    await page.getByRole('heading', { name: 'Checkout', level: 1 }).waitFor();
    await page.getByText(`Signed in as ${customer.email}`).waitFor();
    await page.getByLabel('First name').fill(customer.firstName);
    await page.getByLabel('Last name').fill(customer.lastName);
    await page.getByLabel('Street address').fill('12 Harbour Road');
    await page.getByLabel('City').fill('Arlington');
    await page.getByLabel('State or province').fill('VA');
    await page.getByLabel('Postal code').fill('22201');
    await page.getByLabel('Discount code').fill(code.toLowerCase());
    await page.getByText('You have 500 points.').waitFor();
    await page.getByLabel('Loyalty points to use').fill('100');
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Security code').fill('123');
    await page.getByRole('button', { name: /Place order/ }).click();

    await page.waitForURL(/\/orders\/SO-[^?]+\?placed=1/);
    const number = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await expect(page.getByTestId('order-status').textContent()).resolves.toBe('Confirmed');
    await page.getByText(`Discount ${code}`).waitFor();
    await page.getByText('Loyalty points used').waitFor();
    await page.getByTestId('cart-count').filter({ hasText: '0' }).waitFor();
    await b.screenshot(page, 'storefront-order');
    const order = (await gql<any>('query($n: String!) { orders(filter: { number: $n }) { edges { node { subtotal { amount } discountTotal { amount } loyaltyPointsRedeemed } } } }', { n: number }, staffToken)).orders.edges[0].node;
    expect(order).toMatchObject({ subtotal: { amount: '80.00' }, loyaltyPointsRedeemed: 100 });
    expect(Number(order.discountTotal.amount)).toBeGreaterThan(8); // 10% of 80.00 plus the points' worth

    // The account: the order, the points spent, an address, a notification switch.
    await page.getByRole('link', { name: 'Grace Hopper' }).click();
    await page.getByRole('heading', { name: 'Hello, Grace' }).waitFor();
    await page.getByRole('link', { name: number }).waitFor();
    await page.getByText('Welcome gift').waitFor();
    await page.getByRole('listitem').filter({ hasText: /^-100 · / }).waitFor(); // the points this order spent
    const form = page.getByRole('form', { name: 'Add an address' });
    await form.getByLabel('Street address').fill('12 Harbour Road');
    await form.getByLabel('City').fill('Arlington');
    await form.getByLabel('State or province').fill('VA');
    await form.getByLabel('Postal code').fill('22201');
    await form.getByRole('button', { name: 'Save address' }).click();
    await page.getByText('12 Harbour Road, 22201 Arlington, US').waitFor();
    const newsletter = page.getByLabel('Newsletter');
    const before = await newsletter.isChecked();
    await newsletter.click();
    await newsletter.and(page.locator(before ? 'input:not(:checked)' : 'input:checked')).waitFor();
    await b.screenshot(page, 'storefront-account');
    await page.reload();
    await page.getByRole('heading', { name: 'Hello, Grace' }).waitFor();
    expect(await page.getByLabel('Newsletter').isChecked()).toBe(!before);

    // A token about to expire is refreshed before the next request, and the page keeps working.
    const stale = await page.evaluate((key) => {
      const session = JSON.parse(localStorage.getItem(key)!);
      localStorage.setItem(key, JSON.stringify({ ...session, expiresAt: Date.now() + 5_000 }));
      return session.refreshToken as string;
    }, SESSION);
    await page.reload();
    await page.getByRole('heading', { name: 'Hello, Grace' }).waitFor();
    await page.waitForFunction(([key, old]) => JSON.parse(localStorage.getItem(key!)!).refreshToken !== old, [SESSION, stale]);

    // A token the API refuses (UNAUTHENTICATED) is refreshed and the request tried once more.
    const refused = await page.evaluate((key) => {
      const session = JSON.parse(localStorage.getItem(key)!);
      localStorage.setItem(key, JSON.stringify({ ...session, accessToken: `${session.accessToken}x` }));
      return session.refreshToken as string;
    }, SESSION);
    await page.reload();
    await page.getByRole('heading', { name: 'Hello, Grace' }).waitFor();
    expect(await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!).refreshToken, SESSION)).not.toBe(refused);
    await context.close();
    // The refused token's 401 is logged by the browser as a failed resource, as are the demo pictures offline.
    expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });

  async function gql<T = unknown>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(b.shop.graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }
});
