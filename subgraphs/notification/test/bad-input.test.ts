import { randomUUID } from 'node:crypto';
import { asAdmin, asCustomer, customerRegistered, envelope, startHarness, until, type Harness } from './harness';

/** Mistakes get a code and write nothing; values from events are escaped in email. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const SAVE = `mutation($input: NotificationTemplateInput!) { saveNotificationTemplate(input: $input) { id name channel locale variables } }`;
const PREVIEW = `query($input: NotificationTemplateInput!) { previewNotificationTemplate(input: $input) { subject html text } }`;
const TEST = `mutation($input: TestNotificationInput!) { sendTestNotification(input: $input) { id status recipientEmail recipientPhone } }`;
const template = (over: object = {}) => ({
  name: 'order_shipped', channel: 'EMAIL', locale: 'nl-NL', subject: 'Order {{order.number}} is onderweg',
  body: '<p>Hallo {{customer.firstName}}, volg {{order.trackingNumber}}.</p>', variables: ['order.number', 'customer.firstName', 'order.trackingNumber'], ...over,
});

describe('templates', () => {
  it('refuses a template using an undeclared variable, naming it, and saves nothing', async () => {
    const before = await h.db.notificationTemplate.count();
    const answer = await h.gql(SAVE, { input: template({ body: '<p>{{order.secretCode}}</p>' }) }, asAdmin);
    expect(answer.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0].message).toContain('order.secretCode');
    expect((await h.gql(SAVE, { input: template({ body: '<p>{{#if order.number}}</p>' }) }, asAdmin)).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await h.db.notificationTemplate.count()).toBe(before);
  });

  it('saves a valid template (staff only) and previews it with sample data', async () => {
    expect((await h.gql(SAVE, { input: template() }, asCustomer(randomUUID()))).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const saved = await h.gql(SAVE, { input: template() }, asAdmin);
    expect(saved.data.saveNotificationTemplate).toMatchObject({ name: 'order_shipped', channel: 'EMAIL', locale: 'nl-NL' });
    const broken = await h.gql(PREVIEW, { input: template({ body: '<p>{{unknown.thing}}</p>' }) }, asAdmin);
    expect(broken.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const ok = await h.gql(PREVIEW, { input: template() }, asAdmin);
    expect(ok.data.previewNotificationTemplate.subject).toMatch(/^Order \S+ is onderweg$/);
    expect(ok.data.previewNotificationTemplate.text).toContain('Hallo Ada');
    const listed = await h.gql(`{ notificationTemplates(name: "order_shipped", channel: EMAIL) { locale } }`, {}, asAdmin);
    expect(listed.data.notificationTemplates.map((t: { locale: string }) => t.locale)).toContain('nl-NL');
  });

  it('renders a script tag arriving in an event escaped in the email', async () => {
    const customerId = randomUUID();
    const email = `xss-${customerId.slice(0, 8)}@example.com`;
    await h.publish(customerRegistered(customerId, email, { firstName: '<script>alert("x")</script>' }));
    const mail = await h.sink.waitFor((m) => m.to.includes(email), 15_000);
    expect(mail.html).not.toContain('<script>alert');
    expect(mail.html).toContain('&lt;script&gt;');
  });
});

describe('test sends', () => {
  it('refuses an invalid email address or phone number and writes nothing', async () => {
    const before = await h.db.notification.count();
    const email = await h.gql(TEST, { input: { name: 'welcome', channel: 'EMAIL', to: 'not-an-address' } }, asAdmin);
    expect(email.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const phone = await h.gql(TEST, { input: { name: 'payment_failed', channel: 'SMS', to: '12345' } }, asAdmin);
    expect(phone.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(phone.errors?.[0].message).toMatch(/international number/);
    expect(await h.db.notification.count()).toBe(before);
  });

  it('sends a sample to a valid address', async () => {
    const sent = await h.gql(TEST, { input: { name: 'order_confirmation', channel: 'EMAIL', to: 'Staff.Check@Example.com' } }, asAdmin);
    expect(sent.data.sendTestNotification).toMatchObject({ status: 'PENDING', recipientEmail: 'staff.check@example.com' });
    await h.sink.waitFor((m) => m.to.includes('staff.check@example.com'), 15_000);
  });
});

describe('staff messages', () => {
  it('emails each staff address when stock runs low or out', async () => {
    const itemId = randomUUID();
    const variantId = randomUUID();
    const data = { itemId, variantId, productId: randomUUID(), available: 2, reserved: 0, committed: 0, previousAvailable: 6, lowStockThreshold: 5 };
    await h.publish(envelope('inventory', 'StockLow', 'InventoryItemStock', itemId, data));
    const low = await h.sink.waitFor((m) => m.to.includes('stock@example.com') && m.text.includes(variantId), 15_000);
    expect(low.text).toMatch(/\b2\b/);
    await h.publish(envelope('inventory', 'OutOfStock', 'InventoryItemStock', itemId, { ...data, available: 0, previousAvailable: 2 }));
    await until(() => h.db.notification.count({ where: { notificationType: 'out_of_stock', status: 'sent' } }), (n) => n === 1, 'the out-of-stock email');
  });

  it('refuses a bad filter, a bad id and a customer asking for the staff list', async () => {
    expect((await h.gql(`{ notifications(filter: { createdFrom: "yesterday" }) { totalCount } }`, {}, asAdmin)).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await h.gql(`mutation { resendNotification(id: "nope") { id } }`, {}, asAdmin)).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await h.gql(`mutation { resendNotification(id: "${randomUUID()}") { id } }`, {}, asAdmin)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await h.gql(`{ notifications { totalCount } }`, {}, asCustomer(randomUUID()))).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('events that break the contract', () => {
  it('go to the dead letters for staff at once and write nothing', async () => {
    const customerId = randomUUID();
    const broken = envelope('customer', 'CustomerRegistered', 'Customer', customerId, { customerId, email: 42, firstName: 'Ada' });
    await h.publish(broken);
    const letters = await until(
      async () => (await h.gql(`{ notificationEventDeadLetters { eventId type error } }`, {}, asAdmin)).data?.notificationEventDeadLetters ?? [],
      (list: { eventId: string; error: string }[]) => list.some((l) => l.eventId === broken.id),
      'the dead letter',
    );
    expect(letters.find((l) => l.eventId === broken.id)?.error).toMatch(/email/);
    expect(await h.db.contact.count({ where: { customerId } })).toBe(0);
    expect(await h.db.notification.count({ where: { recipientId: customerId } })).toBe(0);
  });
});
