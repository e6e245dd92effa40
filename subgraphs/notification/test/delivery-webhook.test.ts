import { randomUUID } from 'node:crypto';
import { signatureHeader } from '@shop/platform';
import { customerRegistered, envelope, startHarness, until, type Harness } from './harness';

/** The provider's signed delivery events: recorded once, moving the message; a bounce stops email to the address. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const SECRET = 'w'.repeat(40);
const now = () => Math.floor(Date.now() / 1000);

function post(body: object | string, signature?: string) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return fetch(h.service.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature !== undefined && { 'shop-signature': signature }) },
    body: raw,
  });
}
const signed = (body: object, at = now(), secret = SECRET) => post(body, signatureHeader(secret, at, JSON.stringify(body)));

async function sentWelcome() {
  const customerId = randomUUID();
  const email = `hook-${customerId.slice(0, 8)}@example.com`;
  await h.publish(customerRegistered(customerId, email));
  const row = await until(() => h.db.notification.findFirst({ where: { recipientId: customerId, channel: 'email' } }), (r) => r?.status === 'sent', 'the welcome sent');
  return { customerId, email, row: row! };
}

describe('the delivery webhook', () => {
  it('refuses a bad signature, a wrong secret, a stale timestamp and a missing header with 400, storing nothing', async () => {
    const { row } = await sentWelcome();
    const event = { id: `evt-${randomUUID()}`, type: 'delivered', created: now(), data: { notificationId: row.id } };
    const answers = [
      await post(event, 't=1,v1=' + '0'.repeat(64)),
      await signed(event, now(), 'x'.repeat(40)),
      await signed(event, now() - 3600),
      await post(event),
    ];
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400]);
    expect(await answers[2].json()).toEqual({ error: 'timestamp outside the tolerance' });
    expect(await h.db.emailEvent.count({ where: { notificationId: row.id, eventType: { not: 'sent' } } })).toBe(0);
    expect((await h.db.notification.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('sent');
    expect((await signed({ id: 'x', type: 'exploded', created: now(), data: { notificationId: row.id } })).status).toBe(400);
  });

  it('records delivered once however often it arrives, found by the Message-ID too, and moves the message to delivered', async () => {
    const { row } = await sentWelcome();
    const sent = await h.db.emailEvent.findFirstOrThrow({ where: { notificationId: row.id, eventType: 'sent' } });
    expect(sent.externalMessageId).toBeTruthy();
    const event = { id: `evt-${randomUUID()}`, type: 'delivered', created: now(), data: { messageId: sent.externalMessageId, ipAddress: '203.0.113.9' } };
    const first = await signed(event);
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    expect(await (await signed(event)).json()).toEqual({ received: true, duplicate: true });
    const events = await h.db.emailEvent.findMany({ where: { notificationId: row.id, eventType: 'delivered' } });
    expect(events).toHaveLength(1);
    expect(events[0].ipAddress).toBe('203.0.113.9');
    expect(await h.db.notification.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'delivered', deliveredAt: expect.any(Date) });
  });

  it('marks a bounced address undeliverable: the next email to it is not sent, until the customer changes their address', async () => {
    const { customerId, email, row } = await sentWelcome();
    await signed({ id: `evt-${randomUUID()}`, type: 'bounced', created: now(), data: { notificationId: row.id } });
    expect((await h.db.notification.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('bounced');
    expect((await h.db.contact.findUniqueOrThrow({ where: { customerId } })).emailUndeliverableAt).toBeInstanceOf(Date);

    const suspended = envelope('customer', 'CustomerSuspended', 'Customer', customerId, { customerId, status: 'suspended', occurredAt: new Date().toISOString() });
    await h.publish(suspended);
    const skipped = await until(() => h.db.notification.findFirst({ where: { eventId: suspended.id, channel: 'email' } }), (r) => r?.status === 'failed', 'the email to the bounced address to be failed');
    expect(skipped!.failureReason).toMatch(/undeliverable/);
    expect(h.sink.messages().filter((m) => m.to.includes(email))).toHaveLength(1);

    const newEmail = `fixed-${customerId.slice(0, 8)}@example.com`;
    await h.publish(envelope('customer', 'CustomerProfileChanged', 'Customer', customerId, {
      customerId, email: newEmail, firstName: 'Ada', lastName: 'Lovelace', phone: null, status: 'suspended', occurredAt: new Date().toISOString(), changed: ['email'],
    }));
    await until(() => h.db.contact.findUniqueOrThrow({ where: { customerId } }), (c) => c.email === newEmail && c.emailUndeliverableAt === null, 'the new address to clear the bounce');
  });

  it('turns marketing email off for a customer who reported a message as spam', async () => {
    const { customerId, row } = await sentWelcome();
    const answer = await signed({ id: `evt-${randomUUID()}`, type: 'spam', created: now(), data: { notificationId: row.id } });
    expect(await answer.json()).toEqual({ received: true, duplicate: false });
    expect(await h.db.notificationPreference.findUniqueOrThrow({ where: { customerId } })).toMatchObject({ marketingEmails: false, orderUpdates: true });
    expect((await h.db.notification.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('sent');
  });
});
