import { randomUUID } from 'node:crypto';
import { smtpEmailChannel } from '@shop/notification/channels/smtp-email';
import { createNotificationDb, startNotificationSubgraph, typeDefs as notificationTypeDefs, type NotificationDb } from '@shop/notification';
import { startSmtpSink, type SmtpSink } from '@shop/notification/testing/smtp-sink';
import { ADDRESS, asAdmin, asCustomer, CARD, startShop, type Shop } from './shop-harness';

/**
 * The notification context in the whole shop, behind the real gateway: the order, customer and inventory events
 * travel over the relay and Redis Streams to its consumer, and its worker delivers to a real SMTP server.
 * 5 × 20.00 = 100.00, free shipping, US tax 8.25 %: 108.25.
 */
let shop: Shop;
let sink: SmtpSink;
let notificationDb: NotificationDb;
beforeAll(async () => {
  sink = await startSmtpSink();
  shop = await startShop({
    contexts: [{
      name: 'notification',
      typeDefs: notificationTypeDefs,
      start: (env) => startNotificationSubgraph({
        ...env,
        channels: { email: smtpEmailChannel({ url: sink.url, from: '"Shop" <shop@example.com>' }) },
        sending: { pollMs: 25, backoffBaseMs: 50 },
        shopUrl: 'https://shop.example.com',
        staffEmails: ['warehouse@example.com'],
      }),
    }],
  });
  notificationDb = createNotificationDb({ connectionString: shop.databaseUrls.notification });
});
afterAll(async () => {
  await notificationDb?.$disconnect();
  await shop?.stop();
  await sink?.close();
});

async function ok(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const { data, errors } = await shop.gateway.query(query, variables, headers);
  if (errors) throw new Error(JSON.stringify(errors));
  return data;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}: last saw ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const MOVE = `mutation($id: ID!, $status: OrderStatus!, $v: Int!) { moveOrder(id: $id, status: $status, expectedVersion: $v, carrier: "UPS", trackingNumber: "1Z999AA10123456784") { version } }`;
const ME = `{ me { id email notificationPreferences { orderUpdates securityAlerts } notifications(first: 20) { totalCount edges { node { type channel status subject } } } } }`;

/** A shopper with an account (made on their first `me`) who bought 5 × 20.00 of a product with 12 in stock. */
async function shopperWithOrder() {
  const id = randomUUID();
  const me = asCustomer(id);
  const { me: account } = await ok(`{ me { id email } }`, {}, me);
  const product = await shop.product(12, '20.00');
  await ok(`mutation($v: ID!) { addToCart(variantId: $v, quantity: 5) { itemCount } }`, { v: product.variantId }, me);
  const { checkout } = await ok(
    `mutation($input: CheckoutInput!) { checkout(input: $input) { id number total { amount } } }`,
    { input: { idempotencyKey: `notify-${randomUUID()}`, expectedSubtotal: '100.00', shippingAddress: ADDRESS, card: CARD } },
    me,
  );
  return { id, me, email: account.email as string, product, order: checkout as { id: string; number: string; total: { amount: string } } };
}

describe('notifications in the whole shop', () => {
  it('emails the confirmation (number, lines, total) after a purchase through the gateway, then the tracking number when shipped', async () => {
    const { me, email, product, order } = await shopperWithOrder();
    const confirmation = await sink.waitFor((m) => m.to.includes(email) && m.subject.includes(order.number), 30_000);
    expect(confirmation.html).toContain(order.number);
    expect(confirmation.html).toContain(product.sku);
    expect(confirmation.html).toContain('Linen Shirt');
    expect(confirmation.html).toContain('108.25');
    expect(confirmation.text).toContain('108.25');

    let version = 2;
    for (const status of ['PROCESSING', 'SHIPPED']) version = (await ok(MOVE, { id: order.id, status, v: version }, asAdmin)).moveOrder.version;
    const shipped = await sink.waitFor((m) => m.to.includes(email) && m.text.includes('1Z999AA10123456784'), 30_000);
    expect(shipped.text).toContain('UPS');

    const { me: mine } = await ok(ME, {}, me);
    const types = mine.notifications.edges.filter((e: { node: { channel: string } }) => e.node.channel === 'EMAIL').map((e: { node: { type: string } }) => e.node.type);
    expect(types).toEqual(expect.arrayContaining(['welcome', 'order_confirmation', 'order_shipped']));
  });

  it("tells staff, by SKU (learnt from the catalog's events), when a purchase takes stock below its threshold", async () => {
    const { product } = await shopperWithOrder(); // 12 − 5 = 7, under the default threshold of 10
    await sink.waitFor((m) => m.to.includes('warehouse@example.com') && m.text.includes(product.sku), 30_000);
  });

  it('with order updates off: no shipping email, but the security email when staff suspend the account', async () => {
    const { id, me, email, order } = await shopperWithOrder();
    await sink.waitFor((m) => m.to.includes(email) && m.subject.includes(order.number), 30_000);
    const { updateNotificationPreferences: prefs } = await ok(`mutation { updateNotificationPreferences(input: { orderUpdates: false, securityAlerts: false }) { orderUpdates securityAlerts } }`, {}, me);
    expect(prefs).toEqual({ orderUpdates: false, securityAlerts: false });
    let version = 2;
    for (const status of ['PROCESSING', 'SHIPPED']) version = (await ok(MOVE, { id: order.id, status, v: version }, asAdmin)).moveOrder.version;
    await ok(`mutation($id: ID!) { suspendCustomer(id: $id) { id } }`, { id }, asAdmin);
    await sink.waitFor((m) => m.to.includes(email) && /suspend/i.test(`${m.subject} ${m.text}`), 30_000);
    await until(() => notificationDb.processedEvent.count({ where: { aggregateId: order.id, eventType: 'OrderShipped' } }), (n) => n === 1, 'OrderShipped applied');
    const { notifications } = await ok(`query($id: ID!) { notifications(filter: { recipientId: $id, channel: EMAIL }) { edges { node { type } } } }`, { id }, asAdmin);
    expect(notifications.edges.map((e: { node: { type: string } }) => e.node.type).sort()).toEqual(['account_suspended', 'order_confirmation', 'welcome']);
    expect(sink.messages().filter((m) => m.to.includes(email) && m.text.includes('1Z999AA10123456784'))).toEqual([]);
  });

  it("emails a guest's confirmation to the address given at checkout", async () => {
    const product = await shop.product(10, '20.00');
    const { data: added } = await shop.gateway.query(`mutation($v: ID!) { addToCart(variantId: $v, quantity: 1) { sessionToken } }`, { v: product.variantId }, {});
    const email = `guest-${randomUUID().slice(0, 8)}@example.com`;
    const { checkout } = await ok(
      `mutation($input: CheckoutInput!) { checkout(input: $input) { number } }`,
      { input: { idempotencyKey: `guest-${randomUUID()}`, expectedSubtotal: '20.00', email, shippingAddress: ADDRESS, card: CARD } },
      { 'x-cart-session': added.addToCart.sessionToken },
    );
    const mail = await sink.waitFor((m) => m.to.includes(email) && m.subject.includes(checkout.number), 30_000);
    expect(mail.html).toContain(product.sku);
  });

  it('tells a shopper whose card was declined why, and sends no confirmation or cancellation for that checkout', async () => {
    const id = randomUUID();
    const me = asCustomer(id);
    const { me: account } = await ok(`{ me { email } }`, {}, me);
    const product = await shop.product(10, '20.00');
    await ok(`mutation($v: ID!) { addToCart(variantId: $v, quantity: 1) { itemCount } }`, { v: product.variantId }, me);
    const declined = await shop.gateway.query(
      `mutation($input: CheckoutInput!) { checkout(input: $input) { number } }`,
      { input: { idempotencyKey: `declined-${randomUUID()}`, expectedSubtotal: '20.00', shippingAddress: ADDRESS, card: { ...CARD, number: '4000000000009995' } } },
      me,
    );
    expect(declined.errors?.[0].extensions.code).toBe('PAYMENT_DECLINED');
    const mail = await sink.waitFor((m) => m.to.includes(account.email) && /insufficient funds/i.test(m.text), 30_000);
    expect(mail.subject).toMatch(/ORD|payment/i);
    const orderIds = await orderIdsOf(id);
    expect(orderIds).toHaveLength(1);
    await until(() => notificationDb.processedEvent.count({ where: { eventType: 'OrderCancelled', aggregateId: { in: orderIds } } }), (n) => n === 1, 'the cancellation applied');
    const { notifications } = await ok(`query($id: ID!) { notifications(filter: { recipientId: $id, channel: EMAIL }) { edges { node { type } } } }`, { id }, asAdmin);
    expect(notifications.edges.map((e: { node: { type: string } }) => e.node.type).sort()).toEqual(['payment_failed', 'welcome']);
  });
});

const orderIdsOf = async (customerId: string) => (await shop.orderDb.order.findMany({ where: { customerId }, select: { id: true } })).map((o) => o.id);
