import { randomUUID } from 'node:crypto';
import { authorized, captured, card, deliver, ops, startPaymentHarness, webhookEvent, type PaymentHarness } from './harness';
import { anonymousViewer, createLogger, signPayload } from '@shop/platform';
import { PaymentLoaders } from '../src/loaders';
import { signatureHeader, TEST_CARDS } from '../src/index';
import { processPendingWebhooks } from '../src/webhooks/receive';

/**
 * POST /webhooks/test-provider on the payment subgraph's HTTP server. The provider's own deliveries are off
 * in this file: every delivery here is made by the test, so it decides what arrives, when and how often.
 */
let h: PaymentHarness;
beforeAll(async () => {
  h = await startPaymentHarness({ deliverWebhooks: false, providerTimeoutMs: 200 });
});
afterAll(() => h?.stop());

const stored = (externalId: string) => h.db.paymentWebhook.findMany({ where: { externalId } });
const eventsOf = (paymentId: string) => h.db.paymentEvent.findMany({ where: { paymentId }, orderBy: { sequence: 'asc' } });

describe('signatures', () => {
  it('stores and processes an event whose signature verifies', async () => {
    const payment = await authorized(h);
    const body = webhookEvent('payment.authorized', { reference: payment.id, authorizationId: (await row(payment.id)).externalTransactionId }, 'evt_good_1');
    h.statements.reset();
    const r = await deliver(h, body);
    expect(r).toEqual({ status: 200, body: { received: true, duplicate: false } });
    // The usual confirmation is one statement: stored, processed and noted at once, no transaction.
    expect(h.statements.all.filter((sql) => /payment_webhooks|BEGIN/i.test(sql))).toHaveLength(1);
    const [webhook] = await stored('evt_good_1');
    expect(webhook).toMatchObject({ provider: 'test-provider', eventType: 'payment.authorized', processed: true });
    expect(webhook.processedAt).not.toBeNull();
    expect((await eventsOf(payment.id)).at(-1)!.eventType).toBe('provider_confirmed');
  });

  it.each<[string, { header?: string | null; secret?: string }]>([
    ['no signature header', { header: null }],
    ['a malformed header', { header: 'v1=abc' }],
    ['a signature made with another secret', { secret: 'not-the-shared-secret-not-the-shared-secret' }],
    ['a signature over another timestamp', { header: 'REPLACE' }],
  ])('refuses %s with 400 and stores nothing', async (_name, options) => {
    const body = webhookEvent('payment.captured', { reference: randomUUID() }, `evt_bad_${randomUUID()}`);
    const id = JSON.parse(body).id;
    const header = options.header === 'REPLACE' ? await wrongTimestampHeader(body) : options.header;
    const r = await deliver(h, body, { ...options, header });
    expect(r.status).toBe(400);
    expect(await stored(id)).toHaveLength(0);
  });

  it('refuses a body changed after signing', async () => {
    const body = webhookEvent('payment.captured', { reference: randomUUID(), capturedTotal: '1.00' }, 'evt_tampered');
    const now = Math.floor(Date.now() / 1000);
    const header = signatureHeader(h.secret, now, body);
    const r = await deliver(h, body.replace('1.00', '9.00'), { header });
    expect(r.status).toBe(400);
    expect(await stored('evt_tampered')).toHaveLength(0);
  });

  it('refuses a correctly signed event whose timestamp is more than five minutes old or ahead', async () => {
    for (const [id, skew] of [['evt_stale', -301], ['evt_future', 301]] as const) {
      const body = webhookEvent('payment.captured', { reference: randomUUID() }, id);
      const r = await deliver(h, body, { timestamp: Math.floor(Date.now() / 1000) + skew });
      expect({ id, status: r.status, body: r.body }).toEqual({ id, status: 400, body: { error: 'timestamp outside the tolerance' } });
      expect(await stored(id)).toHaveLength(0);
    }
  });

  it('takes a replay inside the tolerance as a duplicate, and refuses it once the tolerance has passed', async () => {
    const payment = await authorized(h);
    const body = webhookEvent('payment.voided', { reference: payment.id }, 'evt_replayed');
    // Signed by the provider 299 s ago; an eavesdropper resends exactly those bytes and that header.
    const header = signatureHeader(h.secret, Math.floor(Date.now() / 1000) - 299, body);
    expect(await deliver(h, body, { header })).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await deliver(h, body, { header })).toEqual({ status: 200, body: { received: true, duplicate: true } });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await deliver(h, body, { header })).toEqual({ status: 400, body: { error: 'timestamp outside the tolerance' } });
    expect(await stored('evt_replayed')).toHaveLength(1);
    expect((await eventsOf(payment.id)).filter((e) => (e.eventData as any).webhookEventId === 'evt_replayed')).toHaveLength(1);
  });

  it('refuses a verified body that is not an event, and an oversized one, storing nothing', async () => {
    expect((await deliver(h, '{"hello": "world"}')).status).toBe(400);
    expect((await deliver(h, 'not json')).status).toBe(400);
    expect((await deliver(h, JSON.stringify({ id: 'evt_big', type: 'x', created: 1, data: { pad: 'x'.repeat(300_000) } }))).status).toBe(413);
    expect(await h.db.paymentWebhook.count({ where: { OR: [{ externalId: 'evt_big' }, { eventType: 'x' }] } })).toBe(0);
  });
});

describe('duplicate deliveries', () => {
  it('applies an event delivered twenty times at once exactly once', async () => {
    const payment = await authorized(h, '50.00');
    const body = webhookEvent('payment.voided', { reference: payment.id }, 'evt_many');
    const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(h, body)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);
    expect(await stored('evt_many')).toHaveLength(1);
    const notes = (await eventsOf(payment.id)).filter((e) => (e.eventData as any).webhookEventId === 'evt_many');
    expect(notes).toHaveLength(1);
  });

  it('notes the usual payment.authorized once when it arrives twenty times at once, and stores it processed', async () => {
    const payment = await authorized(h, '51.00');
    const body = webhookEvent('payment.authorized', { reference: payment.id, authorizationId: (await row(payment.id)).externalTransactionId }, 'evt_auth_many');
    const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(h, body)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);
    expect(await stored('evt_auth_many')).toMatchObject([{ processed: true, eventType: 'payment.authorized' }]);
    const notes = (await eventsOf(payment.id)).filter((e) => (e.eventData as any).webhookEventId === 'evt_auth_many');
    expect(notes.map((n) => n.eventType)).toEqual(['provider_confirmed']);
    expect(await row(payment.id)).toMatchObject({ status: 'authorized' });
  });

  it('stores a payment.authorized naming another authorization than ours, processed, and notes nothing', async () => {
    const payment = await authorized(h, '52.00');
    const before = (await eventsOf(payment.id)).length;
    const r = await deliver(h, webhookEvent('payment.authorized', { reference: payment.id, authorizationId: 'auth_someone_else' }, 'evt_auth_other'));
    expect(r).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await stored('evt_auth_other')).toMatchObject([{ processed: true }]);
    expect(await eventsOf(payment.id)).toHaveLength(before);
  });

  it('records a capture the provider made but whose answer we lost, once however often it is delivered', async () => {
    const payment = await authorized(h, '50.00');
    // The provider captured 20.00; our side never heard back, so the payment still shows nothing captured.
    const body = webhookEvent('payment.captured', { reference: payment.id, authorizationId: (await row(payment.id)).externalTransactionId, capturedTotal: '20.00' }, 'evt_lost_capture');
    const answers = await Promise.all(Array.from({ length: 10 }, () => deliver(h, body)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const after = await row(payment.id);
    expect({ status: after.status, captured: after.capturedAmount!.toFixed(2) }).toEqual({ status: 'captured', captured: '20.00' });
    expect((await eventsOf(payment.id)).filter((e) => e.eventType === 'captured')).toHaveLength(1);
  });

  it('records a refund the provider made but whose answer we lost, once', async () => {
    const payment = await captured(h, '50.00');
    const body = webhookEvent('charge.refunded', { reference: payment.id, refundedTotal: '15.00', refundId: 're_lost' }, 'evt_lost_refund');
    await Promise.all([deliver(h, body), deliver(h, body), deliver(h, body)]);
    const after = await row(payment.id);
    expect({ status: after.status, refunded: after.refundedAmount.toFixed(2) }).toEqual({ status: 'partially_refunded', refunded: '15.00' });
    const refunds = await h.db.refund.findMany({ where: { paymentId: payment.id } });
    expect(refunds).toMatchObject([{ status: 'completed', externalRefundId: 're_lost' }]);
  });

  it('records a void the provider made but whose answer we lost', async () => {
    const payment = await authorized(h, '50.00');
    const r = await deliver(h, webhookEvent('payment.voided', { reference: payment.id, authorizationId: (await row(payment.id)).externalTransactionId }, 'evt_lost_void'));
    expect(r.status).toBe(200);
    expect((await row(payment.id)).status).toBe('voided');
    expect((await eventsOf(payment.id)).at(-1)).toMatchObject({ eventType: 'voided', eventData: { source: 'webhook', webhookEventId: 'evt_lost_void' } });
  });

  it('stores an event about a payment that is not ours, and changes nothing', async () => {
    const r = await deliver(h, webhookEvent('payment.captured', { reference: randomUUID(), capturedTotal: '5.00' }, 'evt_stranger'));
    expect(r.status).toBe(200);
    expect(await stored('evt_stranger')).toMatchObject([{ processed: true }]);
  });
});

describe('reconciliation', () => {
  it('voids an authorization the provider made for a payment we had given up on', async () => {
    // A timed-out payment whose void-after-timeout did not reach the provider: the hold is still open there.
    const r = await ops(h).authorize({ card: card(TEST_CARDS.timesOut) });
    const paymentId = r.errors![0].extensions.paymentId;
    const late = await h.provider.authorize({ reference: paymentId, token: 'pm_test_ok_000000000000000000000000', amount: '100.00', currency: 'USD', idempotencyKey: randomUUID() });
    const body = webhookEvent('payment.authorized', { reference: paymentId, authorizationId: late.authorizationId }, 'evt_late_auth');
    expect((await deliver(h, body)).status).toBe(200);
    expect(h.provider.authorizationsFor(paymentId).find((a) => a.authorizationId === late.authorizationId)!.voided).toBe(true);
    expect((await eventsOf(paymentId)).map((e) => e.eventType)).toContain('late_authorization_voided');
    expect((await row(paymentId)).status).toBe('failed');
  });

  it('keeps an event whose effect failed unprocessed (500), and applies it when delivered again', async () => {
    const r = await ops(h).authorize({ card: card(TEST_CARDS.timesOut) });
    const paymentId = r.errors![0].extensions.paymentId;
    const late = await h.provider.authorize({ reference: paymentId, token: 'pm_test_ok_000000000000000000000000', amount: '100.00', currency: 'USD', idempotencyKey: randomUUID() });
    const body = webhookEvent('payment.authorized', { reference: paymentId, authorizationId: late.authorizationId }, 'evt_void_fails');
    const voidCall = jest.spyOn(h.provider, 'void').mockRejectedValueOnce(new Error('provider unavailable'));
    expect((await deliver(h, body)).status).toBe(500);
    expect(await stored('evt_void_fails')).toMatchObject([{ processed: false }]);
    expect((await deliver(h, body)).status).toBe(200);
    expect(voidCall).toHaveBeenCalledTimes(2);
    voidCall.mockRestore();
    expect(await stored('evt_void_fails')).toMatchObject([{ processed: true }]);
    expect(h.provider.authorizationsFor(paymentId).every((a) => a.voided)).toBe(true);
  });

  it('asks the provider to deliver again while the payment is still being authorized, and applies it afterwards', async () => {
    const now = new Date();
    const pending = await h.db.payment.create({
      data: { orderId: randomUUID(), amount: '10.00', currency: 'USD', status: 'pending', paymentType: 'payment', provider: 'test-provider', createdAt: now, updatedAt: now },
    });
    const held = await h.provider.authorize({ reference: pending.id, token: 'pm_test_ok_000000000000000000000000', amount: '10.00', currency: 'USD', idempotencyKey: pending.id });
    const body = webhookEvent('payment.authorized', { reference: pending.id, authorizationId: held.authorizationId }, 'evt_early');
    const early = await deliver(h, body);
    expect(early.status).toBe(503);
    expect(await stored('evt_early')).toMatchObject([{ processed: false }]);
    // Its request never came back: once the grace period is over, the sweep settles it as failed.
    await h.db.payment.update({ where: { id: pending.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    await h.db.paymentWebhook.updateMany({ where: { externalId: 'evt_early' }, data: { createdAt: new Date(Date.now() - 60_000) } });
    const ctx = { db: h.db, log: createLogger('payment', 'silent'), viewer: anonymousViewer, loaders: new PaymentLoaders(h.db), provider: h.provider, settings: { providerTimeoutMs: 200, now: () => new Date() } };
    const processed = await processPendingWebhooks(ctx, 30_000);
    expect(processed).toBe(1);
    expect(await stored('evt_early')).toMatchObject([{ processed: true }]);
    // Nobody was told it was authorized, so nothing may stay held.
    expect(await row(pending.id)).toMatchObject({ status: 'failed', failureCode: 'provider_timeout' });
    expect(h.provider.authorizationsFor(pending.id)[0].voided).toBe(true);
  });
});

const row = (id: string) => h.db.payment.findUniqueOrThrow({ where: { id } });

async function wrongTimestampHeader(body: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return `t=${now},v1=${signPayload(h.secret, now - 1, body)}`;
}
