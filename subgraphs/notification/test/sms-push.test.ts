import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@shop/platform';
import { webhookShortMessageChannel } from '../src/channels';
import { asCustomer, customerRegistered, orderChanged, orderPlaced, startHarness, until, type Harness } from './harness';

/**
 * SMS and push through the provider webhook adapter, to a real HTTP server standing in for the provider: the
 * customer's switches decide, the SMS goes to the E.164 number from their profile, and every request is signed.
 */
const SECRET = 'p'.repeat(40);
const received: { body: { channel: string; to: string; text: string; id: string }; signed: boolean }[] = [];
const provider = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    const signed = verifySignature(req.headers['shop-signature'] as string | undefined, raw, SECRET, Math.floor(Date.now() / 1000)).ok;
    received.push({ body: JSON.parse(raw.toString('utf8')), signed });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `prov-${received.length}` }));
  });
});

let h: Harness;
beforeAll(async () => {
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  h = await startHarness({
    subgraph: {
      channels: {
        sms: webhookShortMessageChannel({ url: `${url}/sms`, secret: SECRET, provider: 'webhook-sms' }),
        push: webhookShortMessageChannel({ url: `${url}/push`, secret: SECRET, provider: 'webhook-push' }),
      },
    },
  });
});
afterAll(async () => {
  await h?.stop();
  await new Promise((resolve) => provider.close(resolve));
});

describe('SMS and push', () => {
  it('texts the shipping news to the customer who turned SMS on, and pushes it to their account, signed', async () => {
    const customerId = randomUUID();
    const email = `sms-${customerId.slice(0, 8)}@example.com`;
    await h.publish(customerRegistered(customerId, email, { phone: '+1 415 555 0123' }));
    await until(() => h.db.contact.count({ where: { customerId } }), (n) => n === 1, 'the contact');
    const turnedOn = await h.gql(`mutation { updateNotificationPreferences(input: { smsEnabled: true }) { smsEnabled pushEnabled } }`, {}, asCustomer(customerId));
    expect(turnedOn.data.updateNotificationPreferences).toEqual({ smsEnabled: true, pushEnabled: true });

    const orderId = randomUUID();
    await h.publish(orderPlaced(orderId, customerId, email));
    const shipped = orderChanged('OrderShipped', orderId, customerId, { carrier: 'DHL', trackingNumber: 'JD0146000062' });
    await h.publish(shipped);
    const rows = await until(
      () => h.db.notification.findMany({ where: { eventId: shipped.id }, orderBy: { channel: 'asc' } }),
      (list) => list.length === 3 && list.every((r) => r.status === 'sent'),
      'email, SMS and push sent',
    );
    expect(rows.map((r) => [r.channel, r.recipientPhone])).toEqual([['email', null], ['push', null], ['sms', '+14155550123']]);
    const sms = received.find((r) => r.body.id === rows[2].id)!;
    expect(sms).toMatchObject({ signed: true, body: { channel: 'sms', to: '+14155550123' } });
    expect(sms.body.text).toContain('JD0146000062');
    expect(received.find((r) => r.body.id === rows[1].id)).toMatchObject({ signed: true, body: { channel: 'push', to: customerId } });
  });

  it('sends no SMS to a customer whose profile phone is not a usable number', async () => {
    const customerId = randomUUID();
    const email = `nosms-${customerId.slice(0, 8)}@example.com`;
    await h.publish(customerRegistered(customerId, email, { phone: '555-CALL-ME' }));
    await until(() => h.db.contact.count({ where: { customerId } }), (n) => n === 1, 'the contact');
    await h.gql(`mutation { updateNotificationPreferences(input: { smsEnabled: true, pushEnabled: false }) { smsEnabled } }`, {}, asCustomer(customerId));
    const orderId = randomUUID();
    await h.publish(orderPlaced(orderId, customerId, email));
    const shipped = orderChanged('OrderShipped', orderId, customerId, { carrier: 'DHL', trackingNumber: 'JD0146000063' });
    await h.publish(shipped);
    await until(() => h.db.processedEvent.count({ where: { eventId: shipped.id } }), (n) => n === 1, 'the shipping event applied');
    expect((await h.db.notification.findMany({ where: { eventId: shipped.id } })).map((r) => r.channel)).toEqual(['email']);
  });
});
