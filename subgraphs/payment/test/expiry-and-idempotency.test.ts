import { randomUUID } from 'node:crypto';
import { TEST_CARDS } from '../src/index';
import { Decimal } from '../src/domain/money';
import { requestHash } from '../src/domain/payment';
import { authorizeInput, card, codeOf, newKey, ops, stateEvents, startPaymentHarness, type PaymentHarness } from './harness';

/** Authorizations that lapse, and idempotency keys, through the gateway. */
let h: PaymentHarness;
const TTL_MS = 1_500;
beforeAll(async () => {
  h = await startPaymentHarness({ authorizationTtlMs: TTL_MS });
});
afterAll(() => h?.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('authorization expiry', () => {
  it('refuses a capture after the authorization expired, and marks the payment expired', async () => {
    const payment = (await ops(h).authorize({ amount: '25.00' })).data.authorizePayment;
    await sleep(TTL_MS + 100);
    const r = await ops(h).capture(payment.id);
    expect(codeOf(r)).toBe('PAYMENT_DECLINED');
    expect(r.errors![0].extensions).toMatchObject({ reason: 'authorization_expired', paymentId: payment.id });
    const row = await h.db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect({ status: row.status, captured: row.capturedAmount }).toEqual({ status: 'expired', captured: null });
    const events = await h.db.paymentEvent.findMany({ where: { paymentId: payment.id }, orderBy: { sequence: 'asc' } });
    expect(events.map((e) => e.eventType).filter((t) => t !== 'provider_confirmed')).toEqual(['created', 'authorized', 'expired']);
    // Expired is final: a second attempt is a conflict, not another decline.
    expect(codeOf(await ops(h).capture(payment.id))).toBe('CONFLICT');
  });

  it('keeps what was captured before expiry, and refuses the rest', async () => {
    const payment = (await ops(h).authorize({ amount: '25.00' })).data.authorizePayment;
    await ops(h).capture(payment.id, '10.00');
    await sleep(TTL_MS + 100);
    const r = await ops(h).capture(payment.id, '5.00');
    expect(r.errors![0].extensions.reason).toBe('authorization_expired');
    const row = await h.db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect({ status: row.status, captured: row.capturedAmount!.toFixed(2) }).toEqual({ status: 'captured', captured: '10.00' });
    expect((await ops(h).refund(payment.id, '10.00')).data.refundPayment.status).toBe('COMPLETED');
  });

  it('marks an expired authorization expired when it is voided, as there is nothing left to release', async () => {
    const payment = (await ops(h).authorize({ amount: '25.00' })).data.authorizePayment;
    await sleep(TTL_MS + 100);
    const r = await ops(h).void(payment.id);
    expect(r.data.voidPayment.status).toBe('EXPIRED');
  });
});

describe('idempotency keys', () => {
  it('answers a repeated request with the same payment and authorizes only once', async () => {
    const input = authorizeInput({ amount: '42.00' });
    const first = await ops(h).authorizeExactly(input);
    const again = await ops(h).authorizeExactly(input);
    expect(again.data.authorizePayment.id).toBe(first.data.authorizePayment.id);
    expect(await h.db.payment.count({ where: { idempotencyKey: input.idempotencyKey } })).toBe(1);
    expect(h.provider.authorizationsFor(first.data.authorizePayment.id)).toHaveLength(1);
  });

  it('answers ten concurrent requests with one key with one payment and one authorization', async () => {
    const input = authorizeInput({ amount: '43.00' });
    const results = await Promise.all(Array.from({ length: 10 }, () => ops(h).authorizeExactly(input)));
    const ids = new Set(results.filter((r) => !r.errors).map((r) => r.data.authorizePayment.id));
    expect(ids.size).toBe(1);
    // Requests that arrive while the first is still at the provider hear "in progress", never a second payment.
    for (const r of results.filter((x) => x.errors)) expect(r.errors![0].extensions).toMatchObject({ code: 'CONFLICT', inProgress: true });
    expect(await h.db.payment.count({ where: { idempotencyKey: input.idempotencyKey } })).toBe(1);
    const [payment] = await h.db.payment.findMany({ where: { idempotencyKey: input.idempotencyKey } });
    expect(h.provider.authorizationsFor(payment.id)).toHaveLength(1);
  });

  it('refuses the same key with a different amount, order, or card', async () => {
    const input = authorizeInput({ amount: '44.00' });
    await ops(h).authorizeExactly(input);
    for (const change of [{ amount: '44.01' }, { orderId: randomUUID() }, { card: card('5555555555554444') }, { currency: 'EUR' }]) {
      const r = await ops(h).authorizeExactly({ ...input, ...change });
      expect({ change, code: codeOf(r) }).toEqual({ change, code: 'CONFLICT' });
    }
    expect(await h.db.payment.count({ where: { idempotencyKey: input.idempotencyKey } })).toBe(1);
  });

  it('repeats a decline for a repeated declined request, without asking the provider again', async () => {
    const input = authorizeInput({ card: card(TEST_CARDS.insufficientFunds) });
    const first = await ops(h).authorizeExactly(input);
    const again = await ops(h).authorizeExactly(input);
    expect(again.errors![0].extensions).toMatchObject({ code: 'PAYMENT_DECLINED', reason: 'insufficient_funds', paymentId: first.errors![0].extensions.paymentId });
    const events = await h.db.paymentEvent.count({ where: { paymentId: first.errors![0].extensions.paymentId, eventType: 'failed' } });
    expect(events).toBe(1);
  });

  it('settles a payment left pending by a request that died, when its key is retried, and voids its hold', async () => {
    const input = authorizeInput({ amount: '10.00' });
    const cardSummary = `visa:4242:${input.card.expMonth}/${input.card.expYear}`;
    const hash = requestHash({ orderId: input.orderId, customerId: null, amount: new Decimal('10.00'), currency: 'USD', paymentMethodId: null, cardSummary });
    const minuteAgo = new Date(Date.now() - 60_000);
    // What a crash leaves behind: a pending row, and an authorization the provider made for it.
    const stuck = await h.db.payment.create({
      data: {
        orderId: input.orderId, amount: '10.00', currency: 'USD', status: 'pending', paymentType: 'payment', provider: 'test-provider',
        idempotencyKey: input.idempotencyKey, requestHash: hash, createdAt: minuteAgo, updatedAt: minuteAgo,
      },
    });
    await h.provider.authorize({ reference: stuck.id, token: 'pm_test_ok_000000000000000000000000', amount: '10.00', currency: 'USD', idempotencyKey: stuck.id });
    const retry = await ops(h).authorizeExactly(input);
    expect(retry.errors![0].extensions).toMatchObject({ code: 'PAYMENT_DECLINED', reason: 'provider_timeout', paymentId: stuck.id });
    expect(await h.db.payment.findUniqueOrThrow({ where: { id: stuck.id } })).toMatchObject({ status: 'failed', failureCode: 'provider_timeout' });
    expect(h.provider.authorizationsFor(stuck.id).every((a) => a.voided)).toBe(true);
  });

  it('makes a retried refund with the same key the same refund', async () => {
    const payment = (await ops(h).authorize({ amount: '30.00' })).data.authorizePayment;
    await ops(h).capture(payment.id);
    const key = newKey();
    const results = await Promise.all([1, 2, 3].map(() => ops(h).refund(payment.id, '10.00', { key })));
    expect(new Set(results.map((r) => r.data.refundPayment.id)).size).toBe(1);
    const row = await h.db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(row.refundedAmount.toFixed(2)).toBe('10.00');
    expect(codeOf(await ops(h).refund(payment.id, '11.00', { key }))).toBe('CONFLICT');
    const again = await ops(h).refund(payment.id, '10.00', { key: newKey() });
    expect(stateEvents(again.data.refundPayment.payment).filter((t) => t === 'refunded')).toHaveLength(2);
  });
});
