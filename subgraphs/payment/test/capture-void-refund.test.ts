import { authorized, authorizeInput, captured, codeOf, ops, stateEvents, startPaymentHarness, type PaymentHarness } from './harness';

/** Captures, voids and refunds through the gateway, and the limits they keep — also when requests race. */
let h: PaymentHarness;
beforeAll(async () => {
  h = await startPaymentHarness();
});
afterAll(() => h?.stop());

describe('capturing', () => {
  it('captures the whole authorization when no amount is given, with the provider fee', async () => {
    const payment = await authorized(h, '100.00');
    const r = await ops(h).capture(payment.id);
    expect(r.data.capturePayment).toMatchObject({
      status: 'CAPTURED',
      capturedAmount: { amount: '100.00' },
      capturableAmount: { amount: '0.00' },
      refundableAmount: { amount: '100.00' },
      providerFee: { amount: '3.20' }, // 2.9 % + 0.30
    });
    expect(stateEvents(r.data.capturePayment)).toEqual(['created', 'authorized', 'captured']);
  });

  it('captures in parts that add up to the authorization, and refuses a part beyond it', async () => {
    const payment = await authorized(h, '100.00');
    expect((await ops(h).capture(payment.id, '30.00')).data.capturePayment.capturedAmount.amount).toBe('30.00');
    expect((await ops(h).capture(payment.id, '50.00')).data.capturePayment.capturableAmount.amount).toBe('20.00');
    const over = await ops(h).capture(payment.id, '20.01');
    expect(codeOf(over)).toBe('BAD_USER_INPUT');
    expect(over.errors![0].extensions.fields).toEqual([{ field: 'amount', message: 'must be at most 20.00' }]);
    const last = await ops(h).capture(payment.id);
    expect(last.data.capturePayment).toMatchObject({ capturedAmount: { amount: '100.00' }, capturableAmount: { amount: '0.00' } });
    expect(codeOf(await ops(h).capture(payment.id, '0.01'))).toBe('CONFLICT');
  });

  it('lets only one of two concurrent full captures through', async () => {
    const payment = await authorized(h, '80.00');
    const results = await Promise.all([ops(h).capture(payment.id, '80.00'), ops(h).capture(payment.id, '80.00')]);
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'ok']);
    const row = await h.db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(row.capturedAmount!.toFixed(2)).toBe('80.00');
  });

  it('refuses to capture a voided or failed payment', async () => {
    const payment = await authorized(h, '10.00');
    await ops(h).void(payment.id);
    expect(codeOf(await ops(h).capture(payment.id))).toBe('CONFLICT');
  });
});

describe('voiding', () => {
  it('voids an uncaptured authorization and releases it at the provider', async () => {
    const payment = await authorized(h, '40.00');
    const r = await ops(h).void(payment.id);
    expect(r.data.voidPayment).toMatchObject({ status: 'VOIDED', capturableAmount: { amount: '0.00' } });
    expect(stateEvents(r.data.voidPayment)).toEqual(['created', 'authorized', 'voided']);
    expect(h.provider.authorizationsFor(payment.id)[0].voided).toBe(true);
  });

  it('refuses to void once anything was captured, and refuses a second void', async () => {
    const partly = await authorized(h, '40.00');
    await ops(h).capture(partly.id, '10.00');
    expect(codeOf(await ops(h).void(partly.id))).toBe('CONFLICT');
    const voided = await authorized(h, '40.00');
    await ops(h).void(voided.id);
    expect(codeOf(await ops(h).void(voided.id))).toBe('CONFLICT');
  });
});

describe('refunding', () => {
  it('refunds in parts, never more than was captured', async () => {
    const payment = await captured(h, '50.00');
    const first = await ops(h).refund(payment.id, '20.00', { reason: 'one item returned' });
    expect(first.data.refundPayment).toMatchObject({ status: 'COMPLETED', amount: { amount: '20.00' } });
    expect(first.data.refundPayment.payment).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundableAmount: { amount: '30.00' } });
    const over = await ops(h).refund(payment.id, '30.01');
    expect(codeOf(over)).toBe('BAD_USER_INPUT');
    expect(over.errors![0].extensions.fields[0]).toEqual({ field: 'amount', message: 'must be at most 30.00' });
    const rest = await ops(h).refund(payment.id, '30.00');
    expect(rest.data.refundPayment.payment).toMatchObject({ status: 'REFUNDED', refundedAmount: { amount: '50.00' }, refundableAmount: { amount: '0.00' } });
    expect(codeOf(await ops(h).refund(payment.id, '0.01'))).toBe('CONFLICT');
    expect(stateEvents(rest.data.refundPayment.payment)).toEqual(['created', 'authorized', 'captured', 'refunded', 'refunded']);
  });

  it('refunds only what a partial capture took', async () => {
    const payment = await authorized(h, '100.00');
    await ops(h).capture(payment.id, '25.00');
    expect(codeOf(await ops(h).refund(payment.id, '25.01'))).toBe('BAD_USER_INPUT');
    expect((await ops(h).refund(payment.id, '25.00')).data.refundPayment.payment.status).toBe('REFUNDED');
  });

  it('refuses to refund money that was never captured', async () => {
    const payment = await authorized(h, '10.00');
    expect(codeOf(await ops(h).refund(payment.id, '1.00'))).toBe('CONFLICT');
    expect(await h.db.refund.count({ where: { paymentId: payment.id } })).toBe(0);
  });

  it('lets exactly one of two concurrent refunds through when together they exceed the capture', async () => {
    const payment = await captured(h, '100.00');
    const results = await Promise.all([ops(h).refund(payment.id, '60.00'), ops(h).refund(payment.id, '60.00')]);
    expect(results.map(codeOf).sort()).toEqual(['BAD_USER_INPUT', 'ok']);
    const row = await h.db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(row.refundedAmount.toFixed(2)).toBe('60.00');
    expect(await h.db.refund.count({ where: { paymentId: payment.id, status: 'completed' } })).toBe(1);
    expect(h.provider.authorizationsFor(payment.id)[0].refundedTotal).toBe('60.00');
  });

  it('lets ten concurrent refunds that fit all through, and an eleventh not', async () => {
    const payment = await captured(h, '100.00');
    const results = await Promise.all(Array.from({ length: 11 }, () => ops(h).refund(payment.id, '10.00')));
    expect(results.map(codeOf).filter((c) => c === 'ok')).toHaveLength(10);
    const row = await h.db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect({ status: row.status, refunded: row.refundedAmount.toFixed(2) }).toEqual({ status: 'refunded', refunded: '100.00' });
  });
});

describe('callers in the same process', () => {
  it('authorize, capture, refund and void through the exported operations, with the same rules', async () => {
    const { operations } = h.payment;
    const payment = await operations.authorizePayment({ ...authorizeInput({ amount: '12.00' }) });
    expect(payment.status).toBe('authorized');
    expect((await operations.capturePayment(payment.id, '10.00')).capturedAmount!.toFixed(2)).toBe('10.00');
    expect((await operations.refundPayment({ paymentId: payment.id, amount: '4.00' })).status).toBe('completed');
    await expect(operations.refundPayment({ paymentId: payment.id, amount: '6.01' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(operations.voidPayment(payment.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await operations.payment(payment.id)).status).toBe('partially_refunded');
  });
});

describe('the database as the last word', () => {
  it('refuses a refund total above the captured amount even without the service', async () => {
    const payment = await captured(h, '20.00');
    await expect(h.db.payment.update({ where: { id: payment.id }, data: { refundedAmount: '20.01' } })).rejects.toThrow(/payments_refunded_check/);
  });

  it('refuses captures above the authorization even without the service', async () => {
    const payment = await authorized(h, '20.00');
    await expect(h.db.payment.update({ where: { id: payment.id }, data: { capturedAmount: '20.01' } })).rejects.toThrow(/payments_captured_check/);
  });

  it('refuses negative and zero amounts and unknown statuses', async () => {
    const payment = await authorized(h, '20.00');
    await expect(h.db.payment.update({ where: { id: payment.id }, data: { amount: '0' } })).rejects.toThrow(/check/);
    await expect(h.db.payment.update({ where: { id: payment.id }, data: { status: 'paid' } })).rejects.toThrow(/payments_status_check/);
    await expect(h.db.refund.create({ data: { paymentId: payment.id, refundAmount: '-1.00' } })).rejects.toThrow(/refunds_amount_check/);
  });
});
