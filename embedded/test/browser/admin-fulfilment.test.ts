import type { Page } from 'playwright-core';
import { describeInBrowser, startBrowserShop, type BrowserShop } from './browser-shop';

/**
 * Staff ship an order in the admin app while its customer watches: the order reaches the dashboard's live board
 * (orderEvents over graphql-ws) as it is placed, staff move it through fulfilment with carrier and tracking, and the
 * customer's tracking page in another browser profile (storefront /orders/:number, orderUpdated) shows "Shipped"
 * without a reload. The purchase itself goes through the API to keep the run short.
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

async function signInToAdmin(page: Page, shop: BrowserShop): Promise<void> {
  await page.goto('/admin/');
  await page.getByLabel('Email').fill(shop.shop.staff.email);
  await page.getByLabel('Password').fill(shop.shop.staff.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
}

/** A new customer buys one unit of an in-stock demo product with the test card; answers the order number. */
async function customerBuys(shop: BrowserShop, email: string, password: string): Promise<string> {
  const { register } = await api(shop, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', {
    i: { email, password, firstName: 'Casey', lastName: 'Customer' },
  });
  const token: string = register.accessToken;
  const { products } = await api(shop, '{ products(first: 50) { edges { node { variants { id availability { quantityAvailable } } } } } }');
  const variant = products.edges.flatMap((e: any) => e.node.variants).find((v: any) => v.availability.quantityAvailable > 2);
  const { addToCart } = await api(shop, 'mutation($v: ID!) { addToCart(variantId: $v, quantity: 1) { subtotal { amount } } }', { v: variant.id }, token);
  const { checkout } = await api(shop, `mutation($i: CheckoutInput!) { checkout(input: $i) { number status } }`, {
    i: {
      idempotencyKey: `browser-${Date.now()}`, expectedSubtotal: addToCart.subtotal.amount,
      shippingAddress: { firstName: 'Casey', lastName: 'Customer', streetLine1: '1 Kettle Lane', city: 'Leeds', postalCode: 'LS1 1AA', countryCode: 'GB' },
      card: { number: '4242424242424242', expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: '123' },
    },
  }, token);
  expect(checkout.status).toBe('CONFIRMED');
  return checkout.number;
}

describeInBrowser('admin app: fulfilment with live tracking', () => {
  let shop: BrowserShop;
  beforeAll(async () => {
    shop = await startBrowserShop();
  });
  afterAll(async () => {
    await shop?.stop();
  });

  test("staff ship an order in the admin app while the customer's tracking page updates live", async () => {
    const staff = await shop.newPage();
    await signInToAdmin(staff.page, shop);
    // The live board subscribes when the dashboard opens: the order placed next appears there without a reload.
    await staff.page.getByText('Waiting for orders').waitFor();
    await staff.page.waitForLoadState('networkidle');

    const email = `casey-${Date.now()}@example.com`;
    const password = 'kettle whistles loudly';
    const number = await customerBuys(shop, email, password);
    const board = staff.page.getByTestId('order-board');
    await board.getByRole('link', { name: number }).first().waitFor({ timeout: 15_000 });
    await staff.page.getByTestId('orders-today').filter({ hasText: '1' }).waitFor();
    await shop.screenshot(staff.page, 'admin-dashboard-live');

    // The customer signs in on the storefront and opens the order's tracking page.
    const customer = await shop.newPage();
    await customer.page.goto(`/sign-in?returnTo=${encodeURIComponent(`/orders/${number}`)}`);
    await customer.page.getByLabel('Email').fill(email);
    await customer.page.getByLabel('Password').fill(password);
    await customer.page.getByRole('button', { name: 'Sign in' }).click();
    const status = customer.page.getByTestId('order-status');
    await status.filter({ hasText: 'Confirmed' }).waitFor();
    await customer.page.evaluate(() => ((globalThis as any).__notReloaded = true));

    // Staff open the order from the board and move it: processing, then shipped with carrier and tracking.
    await board.getByRole('link', { name: number }).first().click();
    await staff.page.getByRole('heading', { level: 1, name: `Order ${number}` }).waitFor();
    expect(await staff.page.getByTestId('admin-order-status').textContent()).toBe('CONFIRMED');
    await staff.page.getByRole('heading', { name: 'Payments' }).waitFor();
    await shop.screenshot(staff.page, 'admin-order');

    const move = staff.page.getByRole('form', { name: 'Move the order' });
    await move.getByLabel('Move to').selectOption('PROCESSING');
    await move.getByRole('button', { name: 'Mark as processing' }).click();
    await staff.page.getByTestId('admin-order-status').filter({ hasText: 'PROCESSING' }).waitFor();
    await status.filter({ hasText: 'Being prepared' }).waitFor({ timeout: 15_000 });

    await move.getByLabel('Move to').selectOption('SHIPPED');
    await move.getByLabel('Carrier').fill('DHL');
    await move.getByLabel('Tracking number').fill('JD0142 5578 9911');
    await move.getByRole('button', { name: 'Ship order' }).click();
    await staff.page.getByTestId('admin-order-status').filter({ hasText: 'SHIPPED' }).waitFor();
    expect(await staff.page.getByTestId('admin-tracking').textContent()).toBe('DHL JD0142 5578 9911');
    await shop.screenshot(staff.page, 'admin-order-shipped');

    // The customer's page moved on its own: the same document, now shipped with the tracking number.
    await status.filter({ hasText: 'Shipped' }).waitFor({ timeout: 15_000 });
    expect(await customer.page.evaluate(() => (globalThis as any).__notReloaded)).toBe(true);
    expect(await customer.page.getByText('JD0142 5578 9911').count()).toBeGreaterThan(0);
    await shop.screenshot(customer.page, 'admin-shipped-order-on-storefront-tracking');

    // The board saw every move of the order.
    await staff.page.goto('/admin/orders');
    await staff.page.getByRole('link', { name: number }).waitFor();
    expect(staff.errors).toEqual([]);
    expect(customer.errors).toEqual([]);
    await customer.context.close();
    await staff.context.close();
  });

  test('staff refund part of a shipped order and see it in its payments; a refund above what was paid is refused in plain words', async () => {
    const staff = await shop.newPage();
    await signInToAdmin(staff.page, shop);
    const number = await customerBuys(shop, `riley-${Date.now()}@example.com`, 'kettle whistles loudly');
    const { login } = await api(shop, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
      e: shop.shop.staff.email, p: shop.shop.staff.password,
    });
    const { order } = await api(shop, 'query($n: String!) { order(number: $n) { id version total { amount } } }', { n: number }, login.accessToken);
    const { moveOrder } = await api(shop, 'mutation($id: ID!, $v: Int!) { moveOrder(id: $id, status: PROCESSING, expectedVersion: $v) { version } }',
      { id: order.id, v: order.version }, login.accessToken);
    await api(shop, 'mutation($id: ID!, $v: Int!) { moveOrder(id: $id, status: SHIPPED, expectedVersion: $v, carrier: "UPS", trackingNumber: "1Z999") { status } }',
      { id: order.id, v: moveOrder.version }, login.accessToken);

    await staff.page.goto(`/admin/orders?number=${number}`);
    await staff.page.getByRole('link', { name: number }).click();
    await staff.page.getByTestId('admin-order-status').filter({ hasText: 'SHIPPED' }).waitFor();
    const refund = staff.page.getByRole('form', { name: 'Refund the order' });
    await refund.getByLabel('Amount').fill('100000.00');
    await refund.getByLabel('Reason').fill('Dented on arrival');
    await refund.getByRole('button', { name: 'Refund' }).click();
    const refusal = refund.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).not.toMatch(/internal|prisma|sql/i);
    await refund.getByLabel('Amount').fill('1.00');
    await refund.getByRole('button', { name: 'Refund' }).click();
    await refund.getByRole('status').filter({ hasText: 'Refunded' }).waitFor();
    // The payment, read again, shows the money given back.
    await staff.page.getByRole('region', { name: 'Payments' }).getByText(/refunded \$1\.00 · refundable/).waitFor();
    await shop.screenshot(staff.page, 'admin-order-refunded');
    await staff.context.close();
  });

  test('staff read the messages the shop sent, send one again, and preview a template before saving it', async () => {
    const staff = await shop.newPage();
    await signInToAdmin(staff.page, shop);
    await staff.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Notifications' }).click();
    await staff.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await staff.page.getByLabel('Status', { exact: true }).selectOption('SENT');
    const row = staff.page.getByRole('row').filter({ hasText: /order confirmation/ }).first();
    await row.waitFor();
    await row.getByRole('button', { name: 'Details' }).click();
    const detail = staff.page.getByRole('article', { name: 'Message details' });
    await detail.getByRole('heading', { name: 'Tries' }).waitFor();
    expect(await detail.getByText(/sent|delivered/i).count()).toBeGreaterThan(0);
    await row.getByRole('button', { name: 'Resend' }).click();
    await staff.page.getByRole('status').filter({ hasText: 'Sent again.' }).waitFor();

    await staff.page.getByRole('button', { name: 'order shipped · email · en-US' }).click();
    const editor = staff.page.getByRole('form', { name: 'Edit template order_shipped' });
    await editor.getByLabel('Subject').fill('On its way: {{order.number}}');
    await editor.getByRole('button', { name: 'Preview' }).click();
    const rendered = staff.page.getByRole('article', { name: 'Rendered message' });
    await rendered.waitFor();
    expect(await rendered.textContent()).toMatch(/Subject: On its way: \S+/);
    await shop.screenshot(staff.page, 'admin-notification-template');
    expect(staff.errors).toEqual([]);
    await staff.context.close();
  });
});
