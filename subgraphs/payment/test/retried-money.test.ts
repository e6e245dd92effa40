import { asService, authorized, captured, codeOf, newKey, ops, startPaymentHarness, type PaymentHarness } from './harness';

/**
 * A capture, void or refund whose answer was lost is retried with the same idempotency key: the retry is the
 * same operation, never a second one and never a refusal of the first. Proven against the provider's own books.
 */
let h: PaymentHarness;
beforeAll(async () => {
  h = await startPaymentHarness({ providerTimeoutMs: 300 });
});
afterAll(() => h?.stop());

const CAPTURE = `mutation($id: ID!, $amount: String, $key: String) { capturePayment(paymentId: $id, amount: $amount, idempotencyKey: $key) {
  status capturedAmount { amount } } }`;
const VOID = `mutation($id: ID!, $key: String) { voidPayment(paymentId: $id, idempotencyKey: $key) { status } }`;
const capture = (id: string, amount: string | null, key: string) => h.gateway.query(CAPTURE, { id, amount, key }, asService);
const providerBooks = (paymentId: string) => h.provider.authorizationsFor(paymentId)[0];

/** Makes the provider's next answer to `operation` arrive after the payment service stopped waiting: it happens, the answer is lost. */
function loseNextAnswer(operation: 'capture' | 'refund') {
  const original = h.provider[operation].bind(h.provider) as (call: never) => Promise<unknown>;
  const late = async (call: never) => {
    const answer = await original(call);
    await new Promise((resolve) => setTimeout(resolve, 600));
    return answer;
  };
  (h.provider as any)[operation] = (call: never) => {
    (h.provider as any)[operation] = original;
    return late(call);
  };
}

describe('a retried capture', () => {
  it('answers ten concurrent captures with one key with one capture', async () => {
    const payment = await authorized(h, '100.00');
    const key = newKey();
    const results = await Promise.all(Array.from({ length: 10 }, () => capture(payment.id, '40.00', key)));
    expect(results.map(codeOf)).toEqual(Array(10).fill('ok'));
    expect(providerBooks(payment.id).capturedTotal).toBe('40.00');
    const row = await h.db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(row.capturedAmount?.toFixed(2)).toBe('40.00');
    expect(await h.db.capture.count({ where: { paymentId: payment.id } })).toBe(1);
  });

  it('replays a full capture retried after it went through, instead of refusing it as captured in full', async () => {
    const payment = await authorized(h, '50.00');
    const key = newKey();
    expect(codeOf(await capture(payment.id, null, key))).toBe('ok');
    const retry = await capture(payment.id, null, key);
    expect(retry.errors).toBeUndefined();
    expect(retry.data.capturePayment).toEqual({ status: 'CAPTURED', capturedAmount: { amount: '50.00' } });
    expect(codeOf(await capture(payment.id, null, newKey()))).toBe('CONFLICT');
  });

  it('refuses the same key with another amount', async () => {
    const payment = await authorized(h, '50.00');
    const key = newKey();
    await capture(payment.id, '10.00', key);
    const other = await capture(payment.id, '20.00', key);
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('takes the money once when the first answer was lost to a timeout and the retry asks the provider again', async () => {
    const payment = await authorized(h, '100.00');
    const key = newKey();
    loseNextAnswer('capture');
    const first = await capture(payment.id, '30.00', key);
    expect(first.errors?.[0].extensions).toMatchObject({ code: 'PAYMENT_DECLINED', reason: 'provider_timeout' });
    expect(providerBooks(payment.id).capturedTotal).toBe('30.00');
    const retry = await capture(payment.id, '30.00', key);
    expect(retry.errors).toBeUndefined();
    expect(retry.data.capturePayment.capturedAmount.amount).toBe('30.00');
    expect(providerBooks(payment.id).capturedTotal).toBe('30.00');
  });
});

describe('a retried refund', () => {
  it('refunds once when the first answer was lost to a timeout, and the retry is answered with that refund', async () => {
    const payment = await captured(h, '80.00');
    const key = newKey();
    loseNextAnswer('refund');
    const first = await ops(h).refund(payment.id, '25.00', { key });
    expect(first.errors?.[0].extensions).toMatchObject({ code: 'PAYMENT_DECLINED', reason: 'provider_timeout' });
    expect(providerBooks(payment.id).refundedTotal).toBe('25.00');
    const retries = await Promise.all([1, 2, 3].map(() => ops(h).refund(payment.id, '25.00', { key })));
    expect(retries.map(codeOf)).toEqual(['ok', 'ok', 'ok']);
    expect(providerBooks(payment.id).refundedTotal).toBe('25.00');
    const row = await h.db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(row.refundedAmount.toFixed(2)).toBe('25.00');
  });

  it('does not refund twice when our own transaction died after the provider refunded (the provider key comes from the caller key)', async () => {
    const payment = await captured(h, '60.00');
    const key = newKey();
    // What a dying payment process leaves behind: the provider refunded, our rows rolled back.
    await h.provider.refund({ authorizationId: providerBooks(payment.id).authorizationId, amount: '15.00', idempotencyKey: `refund:${payment.id}:${key}` });
    const retry = await ops(h).refund(payment.id, '15.00', { key });
    expect(retry.errors).toBeUndefined();
    expect(providerBooks(payment.id).refundedTotal).toBe('15.00');
  });
});

describe('a retried void', () => {
  it('answers the voided payment to a retry with the same key, and CONFLICT to a void without one', async () => {
    const payment = await authorized(h, '20.00');
    const key = newKey();
    const results = await Promise.all(Array.from({ length: 5 }, () => h.gateway.query(VOID, { id: payment.id, key }, asService)));
    expect(results.map(codeOf)).toEqual(Array(5).fill('ok'));
    expect(results.map((r) => r.data.voidPayment.status)).toEqual(Array(5).fill('VOIDED'));
    expect(codeOf(await h.gateway.query(VOID, { id: payment.id }, asService))).toBe('CONFLICT');
  });
});
