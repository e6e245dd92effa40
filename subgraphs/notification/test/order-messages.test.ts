import { randomUUID } from 'node:crypto';
import { customerRegistered, envelope, orderChanged, orderPlaced, startHarness, until, type Harness } from './harness';

/** Order events reach the context over the event stream; the worker sends the messages to a real SMTP server. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function customerWithOrder() {
  const customerId = randomUUID();
  const email = `buyer-${customerId.slice(0, 8)}@example.com`;
  await h.publish(customerRegistered(customerId, email));
  const orderId = randomUUID();
  await h.publish(orderPlaced(orderId, customerId, email));
  return { customerId, email, orderId, number: `ORD-${orderId.slice(0, 8)}` };
}

describe('order messages', () => {
  it('emails the confirmation with the order number, the lines (escaped) and the total once the order is confirmed', async () => {
    const { customerId, email, orderId, number } = await customerWithOrder();
    await h.publish(orderChanged('OrderConfirmed', orderId, customerId));
    const mail = await h.sink.waitFor((m) => m.to.includes(email) && m.subject.includes(number), 15_000);
    expect(mail.html).toContain(number);
    expect(mail.html).toContain('Blue mug');
    expect(mail.html).toContain('Earl Grey &lt;b&gt;tea&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>tea</b>');
    expect(mail.html).toContain('48.71');
    expect(mail.text).toContain('48.71');
    const row = await until(() => h.db.notification.findFirst({ where: { recipientId: customerId, notificationType: 'order_confirmation' } }), (r) => r?.status === 'sent', 'the row to be sent');
    expect(row).toMatchObject({ channel: 'email', recipientEmail: email, retryCount: 0 });
    expect(await h.db.emailEvent.count({ where: { notificationId: row!.id, eventType: 'sent' } })).toBe(1);
  });

  it('writes in the language the customer reads: German once their preferences say de-DE', async () => {
    const customerId = randomUUID();
    const email = `kunde-${customerId.slice(0, 8)}@example.com`;
    await h.publish(customerRegistered(customerId, email, { language: 'en-US' }));
    // h.publish does not chain an aggregate's events as a relay does (no predecessor): wait for each in turn.
    await until(() => h.db.contact.findUnique({ where: { customerId } }), (c) => c?.language === 'en-US', 'the contact');
    await h.publish(envelope('customer', 'CustomerProfileChanged', 'Customer', customerId, {
      customerId, email, firstName: 'Ada', lastName: 'Lovelace', phone: null, status: 'active', language: 'de-DE', changed: ['language'], occurredAt: new Date().toISOString(),
    }));
    // Customer and order events travel on different streams: no order between them, so the change lands first here.
    await until(() => h.db.contact.findUnique({ where: { customerId } }), (c) => c?.language === 'de-DE', 'the contact to read German');
    const orderId = randomUUID();
    const number = `ORD-${orderId.slice(0, 8)}`;
    await h.publish(orderPlaced(orderId, customerId, email));
    await h.publish(orderChanged('OrderConfirmed', orderId, customerId));
    const mail = await h.sink.waitFor((m) => m.to.includes(email) && m.subject.includes(number), 15_000);
    expect(mail.subject).toContain('ist bestätigt');
    expect(mail.html).toContain('Vielen Dank');
  });

  it('sends one email for an event delivered three times', async () => {
    const { customerId, email, orderId, number } = await customerWithOrder();
    const shipped = orderChanged('OrderShipped', orderId, customerId, { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
    for (let i = 0; i < 3; i++) await h.publish(shipped);
    await h.sink.waitFor((m) => m.to.includes(email) && m.text.includes('1Z999AA10123456784'), 15_000);
    await until(() => h.db.processedEvent.count({ where: { aggregateId: orderId } }), (n) => n === 2, 'both events applied');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.sink.messages().filter((m) => m.to.includes(email) && m.subject.includes(number))).toHaveLength(1);
    expect(await h.db.notification.count({ where: { eventId: shipped.id, channel: 'email' } })).toBe(1);
  });
});
