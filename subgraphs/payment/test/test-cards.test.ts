import { TEST_CARDS } from '../src/index';
import { card, codeOf, eventually, ops, stateEvents, startPaymentHarness, type PaymentHarness } from './harness';

/** Each documented test card through the gateway, as the order saga calls authorizePayment. */
let h: PaymentHarness;
beforeAll(async () => {
  h = await startPaymentHarness({ providerTimeoutMs: 300, slowAnswerMs: 1_500 });
});
afterAll(() => h?.stop());

const paymentRow = (id: string) => h.db.payment.findUniqueOrThrow({ where: { id } });

describe('authorizing with the test provider', () => {
  it('authorizes 4242 4242 4242 4242 and records created then authorized', async () => {
    const r = await ops(h).authorize({ amount: '59.90', card: card(TEST_CARDS.succeeds) });
    expect(r.errors).toBeUndefined();
    const payment = r.data.authorizePayment;
    expect(payment).toMatchObject({
      status: 'AUTHORIZED',
      amount: { amount: '59.90', currency: 'USD' },
      authorizedAmount: { amount: '59.90' },
      capturedAmount: { amount: '0.00' },
      capturableAmount: { amount: '59.90' },
      refundableAmount: { amount: '0.00' },
      failureCode: null,
    });
    expect(stateEvents(payment)).toEqual(['created', 'authorized']);
    const row = await paymentRow(payment.id);
    expect(row.externalTransactionId).toMatch(/^auth_/);
    expect(row.authorizationExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
  });

  it('accepts any other Luhn-valid number, spaces included', async () => {
    const r = await ops(h).authorize({ card: card('5555 5555 5555 4444') });
    expect(r.data.authorizePayment.status).toBe('AUTHORIZED');
  });

  it.each([
    ['declined card', TEST_CARDS.declined, 'card_declined'],
    ['insufficient funds', TEST_CARDS.insufficientFunds, 'insufficient_funds'],
    ['processing error', TEST_CARDS.processingError, 'processing_error'],
  ])('answers the %s with PAYMENT_DECLINED and records the failure on the payment', async (_name, number, reason) => {
    const orderId = crypto.randomUUID();
    const r = await ops(h).authorize({ orderId, card: card(number) });
    expect(codeOf(r)).toBe('PAYMENT_DECLINED');
    expect(r.errors![0].extensions.reason).toBe(reason);
    const paymentId = r.errors![0].extensions.paymentId;
    const row = await paymentRow(paymentId);
    expect(row).toMatchObject({ orderId, status: 'failed', failureCode: reason, authorizedAmount: null });
    const events = await h.db.paymentEvent.findMany({ where: { paymentId }, orderBy: { sequence: 'asc' } });
    expect(events.map((e) => e.eventType).filter((t) => t !== 'provider_confirmed')).toEqual(['created', 'failed']);
    expect(events[1].eventData).toMatchObject({ reason });
  });

  it('records a provider that does not answer as provider_timeout and voids the hold it made', async () => {
    const started = Date.now();
    const r = await ops(h).authorize({ card: card(TEST_CARDS.timesOut) });
    expect(Date.now() - started).toBeLessThan(1_500); // we stopped waiting at the timeout, not at the slow answer
    expect(codeOf(r)).toBe('PAYMENT_DECLINED');
    expect(r.errors![0].extensions.reason).toBe('provider_timeout');
    const paymentId = r.errors![0].extensions.paymentId;
    expect(await paymentRow(paymentId)).toMatchObject({ status: 'failed', failureCode: 'provider_timeout' });
    // The provider did authorize; nothing of it may stay open.
    const held = h.provider.authorizationsFor(paymentId);
    expect(held).toHaveLength(1);
    expect(held[0].voided).toBe(true);
    const events = await h.db.paymentEvent.findMany({ where: { paymentId }, orderBy: { sequence: 'asc' } });
    expect(events.map((e) => e.eventType).filter((t) => t !== 'provider_confirmed')).toEqual(['created', 'failed', 'late_authorization_voided']);
  });

  it("keeps the late authorization's webhook from re-opening a timed-out payment", async () => {
    const r = await ops(h).authorize({ card: card(TEST_CARDS.timesOut) });
    const paymentId = r.errors![0].extensions.paymentId;
    await h.provider.webhooks.drain();
    await eventually(async () => {
      const hooks = await h.db.paymentWebhook.findMany({ where: { processed: true } });
      const mine = hooks.filter((w) => (w.payload as any).data.reference === paymentId);
      expect(mine.map((w) => w.eventType).sort()).toEqual(['payment.authorized', 'payment.voided']);
    });
    expect(await paymentRow(paymentId)).toMatchObject({ status: 'failed', failureCode: 'provider_timeout' });
    expect(h.provider.authorizationsFor(paymentId)[0].voided).toBe(true);
  });

  it('gives a guest payment no customer and a customer payment theirs', async () => {
    const customerId = crypto.randomUUID();
    const guest = await ops(h).authorize({});
    const mine = await ops(h).authorize({ customerId });
    expect(guest.data.authorizePayment.customerId).toBeNull();
    expect(mine.data.authorizePayment.customerId).toBe(customerId);
  });
});
