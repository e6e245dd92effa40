import type { Page } from 'playwright-core';
import { describeInBrowser, startBrowserShop, type BrowserShop } from './browser-shop';

/**
 * The admin app in Debian's Chromium against `npm start`: staff sign in (a customer is refused), every main page
 * renders without an error (each screenshotted), and a product staff create with a variant and opening stock is
 * found by the storefront's search.
 */
jest.setTimeout(180_000);

async function api<T = any>(shop: BrowserShop, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(shop.shop.graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/admin/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The page's h1, once it shows; an error alert on the page fails the check with its text. */
async function expectPage(page: Page, heading: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('.loading, .wk-loading').length === 0);
  const alerts = await page.getByRole('alert').allTextContents();
  expect(alerts).toEqual([]);
}

describeInBrowser('admin app: sign-in, pages and catalog', () => {
  let shop: BrowserShop;
  beforeAll(async () => {
    shop = await startBrowserShop();
  });
  afterAll(async () => {
    await shop?.stop();
  });

  test('a customer who signs in to the admin app is told it is for staff only', async () => {
    const email = `shopper-${Date.now()}@example.com`;
    await api(shop, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', {
      i: { email, password: 'correct horse battery', firstName: 'Sam', lastName: 'Shopper' },
    });
    const { page, context } = await shop.newPage();
    await signIn(page, email, 'correct horse battery');
    const refusal = page.getByTestId('not-staff');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`${email} is not a staff account`);
    expect(await page.getByRole('navigation', { name: 'Sections' }).count()).toBe(0);
    await context.close();
  });

  test('a wrong password is refused in plain words', async () => {
    const { page, context } = await shop.newPage();
    await signIn(page, shop.shop.staff.email, 'not-the-password');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('That email and password do not match a staff account.');
    await context.close();
  });

  test('staff sign in, see the dashboard, every main page renders, and the search index rebuilds', async () => {
    const { page, context, errors } = await shop.newPage();
    await signIn(page, shop.shop.staff.email, shop.shop.staff.password);
    await expectPage(page, 'Dashboard');
    expect(await page.title()).toBe('Dashboard · Shop admin');
    await page.getByTestId('orders-today').waitFor();
    expect(await page.getByTestId('orders-today').textContent()).toBe('0');
    expect(await page.getByRole('heading', { name: 'Live order board' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Low-stock alerts' }).isVisible()).toBe(true);
    await shop.screenshot(page, 'admin-dashboard');

    const pages: Array<[string, string, string]> = [
      ['Orders', 'Orders', 'admin-orders'],
      ['Products', 'Products', 'admin-products'],
      ['Categories', 'Categories', 'admin-categories'],
      ['Brands & attributes', 'Brands', 'admin-brands'],
      ['Reviews', 'Reviews to moderate', 'admin-reviews'],
      ['Stock', 'Stock', 'admin-stock'],
      ['Customers', 'Customers', 'admin-customers'],
      ['Discount codes', 'Discount codes', 'admin-discounts'],
      ['Notifications', 'Notifications', 'admin-notifications'],
      ['Events & search', 'Events and search', 'admin-system'],
    ];
    const nav = page.getByRole('navigation', { name: 'Sections' });
    for (const [link, heading, shot] of pages) {
      await nav.getByRole('link', { name: link, exact: true }).click();
      await expectPage(page, heading);
      await shop.screenshot(page, shot);
    }
    // The search index rebuilds from the catalog without stopping searches (we are on Events & search now).
    await page.getByRole('button', { name: 'Rebuild the search index' }).click();
    const rebuilt = page.getByRole('status').filter({ hasText: /^Indexed \d+ products into / });
    await rebuilt.waitFor({ timeout: 30_000 });
    expect(Number(/Indexed (\d+)/.exec((await rebuilt.textContent()) ?? '')?.[1])).toBeGreaterThan(0);

    // The demo catalog shows in the product list, and a deep link works after a reload (the gateway's SPA fallback).
    await nav.getByRole('link', { name: 'Products', exact: true }).click();
    await page.getByRole('cell').first().waitFor();
    expect(await page.getByText(/\d+ products/).textContent()).not.toBe('0 products');
    await page.reload();
    await expectPage(page, 'Products');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('staff create a product with a variant and stock, and the storefront search finds it', async () => {
    const { page, context, errors } = await shop.newPage();
    await signIn(page, shop.shop.staff.email, shop.shop.staff.password);
    await expectPage(page, 'Dashboard');
    await page.goto('/admin/products/new');
    await expectPage(page, 'New product');
    const name = `Copper kettle ${Date.now().toString(36)}`;
    const sku = `KETTLE-${Date.now().toString(36).toUpperCase()}`;
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('SKU', { exact: true }).fill(sku);
    const category = page.getByLabel('Category');
    await category.selectOption({ index: 1 });
    await page.getByLabel('Status').selectOption('ACTIVE');
    await page.getByLabel('Short description').fill('A kettle that whistles in tune');
    await page.getByLabel('Variant name').fill('1.5 litre');
    await page.getByLabel('Price', { exact: true }).fill('39.90');
    await page.getByLabel('Attributes').fill('color=copper');
    await page.getByLabel('Opening stock').fill('7');
    await shop.screenshot(page, 'admin-product-new');
    await page.getByRole('button', { name: 'Create product' }).click();

    await expectPage(page, name);
    expect(await page.getByRole('status').filter({ hasText: 'Product created.' }).count()).toBe(1);
    const stock = page.getByTestId(`stock-${sku}`);
    await stock.waitFor();
    expect(await stock.textContent()).toBe('7');
    await shop.screenshot(page, 'admin-product');

    // Goods arrive: a restock adds to what is sellable.
    const restock = page.getByRole('form', { name: `Restock ${sku}` });
    await restock.getByLabel('Quantity received').fill('3');
    await restock.getByRole('button', { name: 'Restock' }).click();
    await page.getByTestId(`stock-${sku}`).filter({ hasText: /^10$/ }).waitFor();

    // A shelf count is only drafted: the one who counted cannot approve it (four eyes), and stock stays as it was.
    const count = page.getByRole('form', { name: `Count ${sku}` });
    await count.getByLabel('Counted on the shelf').fill('9');
    await count.getByLabel('Why').fill('Cycle count');
    await count.getByRole('button', { name: 'Draft a stock count' }).click();
    await page.getByRole('status').filter({ hasText: /Count .* drafted/ }).waitFor();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Stock', exact: true }).click();
    await expectPage(page, 'Stock');
    const draft = page.getByRole('article').filter({ hasText: sku });
    await draft.waitFor();
    expect(await draft.textContent()).toContain('10 → 9 (-1)');
    expect(await draft.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
    expect(await draft.getByText('You drafted this count').count()).toBe(1);
    await shop.screenshot(page, 'admin-stock-adjustment');

    // Relate it to a demo product as a cross-sell: the product page lists it.
    const { products } = await api(shop, '{ products(first: 5, sort: NAME_ASC) { edges { node { id name slug } } } }');
    const other = products.edges.map((e: any) => e.node).find((p: any) => p.name !== name);
    await page.goBack();
    await expectPage(page, name);
    const relate = page.getByRole('form', { name: 'Relate a product' });
    await relate.getByLabel("Other product's slug").fill(other.slug);
    await relate.getByRole('button', { name: 'Relate' }).click();
    await page.getByRole('region', { name: 'Related products' }).getByRole('link', { name: other.name }).waitFor();

    // The storefront's search finds it once the catalog's event reaches the index.
    const shopper = await shop.newPage();
    const link = shopper.page.getByRole('link', { name, exact: true });
    for (let i = 0; i < 20 && !(await link.count()); i++) {
      await shopper.page.goto(`/search?q=${encodeURIComponent(name)}`);
      await shopper.page.waitForLoadState('networkidle');
      if (!(await link.count())) await new Promise((r) => setTimeout(r, 500));
    }
    expect(await link.count()).toBeGreaterThan(0);
    await shop.screenshot(shopper.page, 'admin-created-product-in-storefront-search');
    expect(errors).toEqual([]);
    await shopper.context.close();
    await context.close();
  });

  test('an edit made against a version someone else changed meanwhile is refused in plain words', async () => {
    const { page, context } = await shop.newPage();
    await signIn(page, shop.shop.staff.email, shop.shop.staff.password);
    await expectPage(page, 'Dashboard');
    const { login } = await api(shop, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
      e: shop.shop.staff.email, p: shop.shop.staff.password,
    });
    const { products } = await api(shop, '{ products(first: 1) { edges { node { id name version } } } }');
    const product = products.edges[0].node;
    await page.goto(`/admin/products/${product.id}`);
    await expectPage(page, product.name);
    // Another member of staff saves first.
    await api(shop, 'mutation($id: ID!, $v: Int!) { updateProduct(id: $id, expectedVersion: $v, input: { shortDescription: "Changed elsewhere" }) { version } }',
      { id: product.id, v: product.version }, login.accessToken);
    await page.getByRole('region', { name: 'Details' }).getByLabel('Name').fill(`${product.name} (renamed)`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Someone else changed this since you opened it');
    await shop.screenshot(page, 'admin-product-conflict');
    const { product: after } = await api(shop, 'query($id: ID!) { product(id: $id) { name } }', { id: product.id }, login.accessToken);
    expect(after.name).toBe(product.name);

    // Loading the latest version shows the other change; the rename made on it then saves.
    await page.getByRole('button', { name: /Load the latest version/ }).click();
    const details = page.getByRole('region', { name: 'Details' });
    await details.getByLabel('Short description').and(page.locator('[value="Changed elsewhere"]')).waitFor();
    await details.getByLabel('Name').fill(`${product.name} (renamed)`);
    await details.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const { product: renamed } = await api(shop, 'query($id: ID!) { product(id: $id) { name } }', { id: product.id }, login.accessToken);
    expect(renamed.name).toBe(`${product.name} (renamed)`);
    await context.close();
  });
});
