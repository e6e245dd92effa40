import { randomUUID } from 'node:crypto';
import { inTransaction } from '../src/db';
import { recordEvent } from '../src/services/payment-rows';
import { authorized, captured, card, codeOf, ops, startPaymentHarness, type PaymentHarness } from './harness';

/**
 * What the payment context tells the others, through its outbox: one integration event per change of a payment's
 * state, at the payment's version, written with the change and its audit row — and only the money facts.
 */
let h: PaymentHarness;
beforeAll(async () => {
  h = await startPaymentHarness();
});
afterAll(() => h?.stop());

const eventsOf = (paymentId: string) => h.db.domainEvent.findMany({ where: { aggregateId: paymentId }, orderBy: { version: 'asc' } });
const summary = (events: { eventType: string; version: bigint; schemaVersion: number }[]) => events.map((e) => [e.eventType, Number(e.version), e.schemaVersion]);

describe('payment events', () => {
  it('publishes authorized, captured and refunded at the payment version, with the money and no card data', async () => {
    const payment = await captured(h, '100.00');
    const refund = await ops(h).refund(payment.id, '30.00');
    expect(codeOf(refund)).toBe('ok');
    const events = await eventsOf(payment.id);
    const row = await h.db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(summary(events)).toEqual([['PaymentAuthorized', 2, 1], ['PaymentCaptured', 3, 1], ['PaymentRefunded', 4, 1]]);
    expect(Number(row.version)).toBe(4);
    expect(events[2].eventData).toEqual(expect.objectContaining({
      paymentId: payment.id, orderId: row.orderId, status: 'partially_refunded', capturedAmount: '100.00', refundedAmount: '30.00', changeAmount: '30.00',
    }));
    expect(JSON.stringify(events.map((e) => e.eventData))).not.toMatch(/4242|cvc|expMonth|token/i);
  });

  it('settles an authorization in one statement: the payment, its audit row and PaymentAuthorized, without a transaction', async () => {
    h.statements.reset();
    const payment = await authorized(h, '61.50');
    const settling = h.statements.all.filter((sql) => /^\s*(BEGIN|WITH updated AS)/i.test(sql));
    expect(settling).toHaveLength(1);
    const row = await h.db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(row).toMatchObject({ status: 'authorized', version: 2n });
    expect(row.authorizedAmount?.toFixed(2)).toBe('61.50');
    const audit = await h.db.paymentEvent.findMany({ where: { paymentId: payment.id, eventType: 'authorized' } });
    expect(audit.map((a) => a.eventData)).toEqual([expect.objectContaining({ amount: '61.50', authorizationId: row.externalTransactionId, source: 'provider' })]);
    const [event] = await eventsOf(payment.id);
    expect([event.eventType, Number(event.version), event.eventData]).toEqual([
      'PaymentAuthorized', 2, expect.objectContaining({ paymentId: payment.id, status: 'authorized', amount: '61.50', authorizedAmount: '61.50', capturedAmount: '0.00' }),
    ]);
  });

  it('publishes a void and a declined authorization', async () => {
    const payment = await authorized(h, '40.00');
    expect(codeOf(await ops(h).void(payment.id))).toBe('ok');
    expect(summary(await eventsOf(payment.id))).toEqual([['PaymentAuthorized', 2, 1], ['PaymentVoided', 3, 1]]);
    const orderId = randomUUID();
    expect(codeOf(await ops(h).authorize({ orderId, card: card('4000000000000002') }))).toBe('PAYMENT_DECLINED');
    const declined = await h.db.payment.findFirstOrThrow({ where: { orderId } });
    const [failed] = await eventsOf(declined.id);
    expect([failed.eventType, failed.eventData]).toEqual(['PaymentFailed', expect.objectContaining({ orderId, status: 'failed', reason: 'card_declined' })]);
  });

  it('keeps no event and no audit row when the change rolls back', async () => {
    const payment = await authorized(h, '25.00');
    await expect(
      inTransaction(h.db, async (tx) => {
        await tx.payment.update({ where: { id: payment.id }, data: { status: 'voided', version: { increment: 1 } } });
        await recordEvent(tx, payment.id, 'voided', { authorizationId: 'x' });
        throw new Error('the provider call failed after the change was written');
      }),
    ).rejects.toThrow('provider call failed');
    expect(summary(await eventsOf(payment.id))).toEqual([['PaymentAuthorized', 2, 1]]);
    expect(await h.db.paymentEvent.count({ where: { paymentId: payment.id, eventType: 'voided' } })).toBe(0);
  });
});
