import { randomUUID } from 'node:crypto';
import { asAdmin, asCustomer, customerRegistered, envelope, orderChanged, orderPlaced, startHarness, until, type Harness } from './harness';

/** Preferences decide optional messages; transactional and security ones always go. Unsubscribe without signing in. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const PREFS = `query($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer { notificationPreferences { emailEnabled orderUpdates marketingEmails securityAlerts } } } }`;
const MINE = `query($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer { notifications(first: 10) { totalCount edges { node { type channel status subject } } } } } }`;
const UPDATE = `mutation($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { emailEnabled orderUpdates marketingEmails securityAlerts smsEnabled } }`;

async function registered() {
  const customerId = randomUUID();
  const email = `pref-${customerId.slice(0, 8)}@example.com`;
  await h.publish(customerRegistered(customerId, email));
  await h.sink.waitFor((m) => m.to.includes(email), 15_000); // the welcome
  return { customerId, email };
}

describe('notification preferences', () => {
  it('with order updates and email off: no shipping email, but the confirmation and the security email still arrive', async () => {
    const { customerId, email } = await registered();
    const me = asCustomer(customerId);
    const updated = await h.gql(UPDATE, { input: { orderUpdates: false, emailEnabled: false, securityAlerts: false } }, me);
    expect(updated).toEqual({ data: { updateNotificationPreferences: { emailEnabled: false, orderUpdates: false, marketingEmails: true, securityAlerts: false, smsEnabled: false } } });

    const orderId = randomUUID();
    await h.publish(orderPlaced(orderId, customerId, email));
    await h.publish(orderChanged('OrderConfirmed', orderId, customerId));
    const shipped = orderChanged('OrderShipped', orderId, customerId, { carrier: 'UPS', trackingNumber: '1ZNOEMAIL' });
    await h.publish(shipped);
    await h.publish(envelope('customer', 'CustomerSuspended', 'Customer', customerId, { customerId, status: 'suspended', occurredAt: new Date().toISOString() }));

    await h.sink.waitFor((m) => m.to.includes(email) && /suspend/i.test(m.subject + m.text), 15_000);
    await h.sink.waitFor((m) => m.to.includes(email) && m.subject.includes(`ORD-${orderId.slice(0, 8)}`), 15_000);
    await until(() => h.db.processedEvent.count({ where: { eventId: shipped.id } }), (n) => n === 1, 'the shipping event applied');
    expect(await h.db.notification.count({ where: { eventId: shipped.id } })).toBe(0);
    expect(h.sink.messages().filter((m) => m.to.includes(email) && m.text.includes('1ZNOEMAIL'))).toEqual([]);

    const mine = await h.gql(MINE, { id: customerId }, me);
    expect(mine.errors).toBeUndefined();
    const emails = mine.data._entities[0].notifications.edges.filter((e: { node: { channel: string } }) => e.node.channel === 'EMAIL');
    expect(emails.map((e: { node: { type: string } }) => e.node.type).sort()).toEqual(['account_suspended', 'order_confirmation', 'welcome']);
  });

  it('shows a customer their own preferences and messages only; staff see anyone', async () => {
    const { customerId } = await registered();
    const read = await h.gql(PREFS, { id: customerId }, asCustomer(customerId));
    expect(read.data._entities[0].notificationPreferences).toEqual({ emailEnabled: true, orderUpdates: true, marketingEmails: true, securityAlerts: true });
    const other = await h.gql(MINE, { id: customerId }, asCustomer(randomUUID()));
    expect(other.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const anonymous = await h.gql(MINE, { id: customerId });
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const staff = await h.gql(MINE, { id: customerId }, asAdmin);
    expect(staff.data._entities[0].notifications.totalCount).toBeGreaterThanOrEqual(1);
    const bad = await h.gql(UPDATE, { input: { orderUpdates: null, nonsense: true } }, asCustomer(customerId));
    expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('sends the abandoned-cart email with its lines, a link back and a working unsubscribe link; after it, no more marketing', async () => {
    const { customerId, email } = await registered();
    const cartId = randomUUID();
    const [productId, variantId] = [randomUUID(), randomUUID()];
    await h.publish(envelope('catalog', 'ProductCreated', 'Product', productId, { productId, productVersion: 1, sku: 'SOCK', name: 'Wool socks', slug: 'wool-socks', status: 'active' }));
    await h.publish(envelope('catalog', 'VariantCreated', 'Product', productId, { productId, productVersion: 1, variantId, sku: 'SOCK-RED', price: '9.99', currency: 'USD' }));
    await until(() => h.db.catalogVariant.count({ where: { variantId } }), (n) => n === 1, 'the variant known');
    const abandoned = (sku: string) =>
      envelope('cart', 'CartAbandoned', 'Cart', cartId, {
        abandonedCartId: randomUUID(),
        abandonedAt: new Date().toISOString(),
        cart: { cartId, customerId, items: [{ variantId: sku === 'SOCK-RED' ? variantId : randomUUID(), sku, quantity: 3, unitPrice: '9.99', addedAt: new Date().toISOString() }], totals: { subtotal: '29.97', itemCount: 3 }, lastChangedAt: new Date().toISOString() },
      });
    await h.publish(abandoned('SOCK-RED'));
    const mail = await h.sink.waitFor((m) => m.to.includes(email) && (m.html ?? '').includes('SOCK-RED'), 15_000);
    expect(mail.html).toContain('Wool socks');
    expect(mail.html).toContain('https://shop.example.com/cart');
    expect(mail.html).toContain('9.99');
    const header = mail.headers['list-unsubscribe'];
    expect(header).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/unsubscribe\?token=[\w.-]+>$/);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    const link = String(header).slice(1, -1);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    expect((await fetch(`${link}x`, { method: 'POST' })).status).toBe(400);
    expect((await h.db.notificationPreference.findUnique({ where: { customerId } }))?.marketingEmails ?? true).toBe(true);
    const done = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(done.status).toBe(200);
    expect((await h.db.notificationPreference.findUniqueOrThrow({ where: { customerId } })).marketingEmails).toBe(false);

    const again = abandoned('SOCK-BLUE');
    await h.publish(again);
    await until(() => h.db.processedEvent.count({ where: { eventId: again.id } }), (n) => n === 1, 'the second abandonment applied');
    expect(await h.db.notification.count({ where: { eventId: again.id } })).toBe(0);
  });
});
