import { randomUUID } from 'node:crypto';
import { createLogger, shopError } from '@shop/platform';
import { recoverPaymentOperations } from '../src/index';
import type { PaymentPort } from '../src/ports';
import { asAdmin, asCustomer } from './harness';
import { CHECKOUT, checkoutInput, startCheckoutHarness, type CheckoutHarness } from './checkout-harness';

/**
 * What happens to a staff money operation when the order service never hears the payment's answer (the
 * process dies, the connection drops): the operation stays recorded as pending, and a retry with the same key
 * or the recovery worker finishes it — the payment answers the same operation again, it never moves the money
 * twice, and the order's books end up equal to the payment's.
 */
let h: CheckoutHarness;
let realPayment: PaymentPort;
beforeAll(async () => {
  h = await startCheckoutHarness();
  realPayment = h.deps.ports.payment;
});
afterAll(() => h?.stop());
afterEach(() => {
  h.deps.ports.payment = realPayment;
  h.deps.settings.captureOnConfirm = false;
});

const MOVE = `mutation($id: ID!, $status: OrderStatus!, $v: Int!) { moveOrder(id: $id, status: $status, expectedVersion: $v, carrier: "UPS", trackingNumber: "1Z999") {
  status version refundedTotal { amount } } }`;
const REFUND = `mutation($id: ID!, $amount: String, $key: String) { refundOrder(id: $id, amount: $amount, reason: "damaged in transit", idempotencyKey: $key) {
  status version refundedTotal { amount } } }`;

/** The payment does its part, then the answer is lost on the way back. */
function loseAnswersOf(operation: 'capture' | 'refund') {
  h.deps.ports.payment = {
    ...realPayment,
    [operation]: async (...args: unknown[]) => {
      await (realPayment[operation] as (...a: unknown[]) => Promise<unknown>)(...args);
      throw new Error('socket hang up');
    },
  };
}

async function confirmedOrder() {
  const customerId = randomUUID();
  const variant = await h.stockedVariant(10);
  h.carts.put({ customerId, sessionId: null }, [{ ...variant, quantity: 4 }]);
  const r = await h.gateway.query(CHECKOUT, { input: checkoutInput('100.00', { email: 'ada@example.com' }) }, asCustomer(customerId));
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.checkout.id as string;
}

async function shippedOrder() {
  const id = await confirmedOrder();
  const processing = await h.gateway.query(MOVE, { id, status: 'PROCESSING', v: 2 }, asAdmin);
  const shipped = await h.gateway.query(MOVE, { id, status: 'SHIPPED', v: processing.data.moveOrder.version }, asAdmin);
  if (shipped.errors) throw new Error(JSON.stringify(shipped.errors));
  return id;
}

const paymentOf = async (orderId: string) =>
  h.paymentDb.payment.findFirstOrThrow({ where: { orderId }, include: { refunds: true, events: true } });
const orderOf = (id: string) => h.orderDb.order.findUniqueOrThrow({ where: { id } });
const operationsOf = (orderId: string) => h.orderDb.orderPaymentOperation.findMany({ where: { orderId }, orderBy: { createdAt: 'asc' } });
const recovery = () => ({ db: h.orderDb, log: createLogger('recovery', 'silent'), ports: h.deps.ports, checkout: h.deps });

describe('a money operation whose answer was lost', () => {
  it('keeps a refund pending, refuses others meanwhile, and finishes it on a retry with the same key without refunding twice', async () => {
    const id = await shippedOrder();
    const key = `refund-${randomUUID()}`;
    loseAnswersOf('refund');
    const lost = await h.gateway.query(REFUND, { id, amount: '10.00', key }, asAdmin);
    expect(lost.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'PAYMENT_OUTCOME_UNKNOWN' });
    expect((await paymentOf(id)).refundedAmount.toFixed(2)).toBe('10.00');
    expect((await orderOf(id)).refundedAmount.toFixed(2)).toBe('0.00');
    expect((await operationsOf(id)).map((o) => [o.kind, o.status])).toEqual([['capture', 'completed'], ['refund', 'pending']]);

    h.deps.ports.payment = realPayment;
    const other = await h.gateway.query(REFUND, { id, amount: '5.00' }, asAdmin);
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'PAYMENT_OPERATION_IN_PROGRESS' });

    const retry = await h.gateway.query(REFUND, { id, amount: '10.00', key }, asAdmin);
    expect(retry.errors).toBeUndefined();
    expect(retry.data.refundOrder.refundedTotal.amount).toBe('10.00');
    const payment = await paymentOf(id);
    expect([payment.refundedAmount.toFixed(2), payment.refunds.length]).toEqual(['10.00', 1]);
    expect((await orderOf(id)).refundedAmount.toFixed(2)).toBe('10.00');
  });

  it('lets recovery finish a shipment whose capture went through but whose answer never came back', async () => {
    const id = await confirmedOrder();
    const processing = await h.gateway.query(MOVE, { id, status: 'PROCESSING', v: 2 }, asAdmin);
    loseAnswersOf('capture');
    const lost = await h.gateway.query(MOVE, { id, status: 'SHIPPED', v: processing.data.moveOrder.version }, asAdmin);
    expect(lost.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'PAYMENT_OUTCOME_UNKNOWN' });
    expect((await paymentOf(id)).status).toBe('captured');
    expect((await orderOf(id)).status).toBe('processing');

    h.deps.ports.payment = realPayment;
    expect(await recoverPaymentOperations(recovery(), { stalledForMs: 0 })).toEqual({ finished: 1, failed: 0 });
    const order = await orderOf(id);
    const payment = await paymentOf(id);
    expect([order.status, order.trackingNumber]).toEqual(['shipped', '1Z999']);
    expect([payment.status, payment.capturedAmount?.toFixed(2), payment.events.filter((e) => e.eventType === 'captured').length]).toEqual([
      'captured', order.totalAmount.toFixed(2), 1,
    ]);
    expect(await recoverPaymentOperations(recovery(), { stalledForMs: 0 })).toEqual({ finished: 0, failed: 0 });
    const item = await h.inventoryDb.inventoryReservation.findMany({ where: { orderId: id } });
    expect(item.map((r) => r.status)).toEqual(['fulfilled']);
  });

  it('answers a refund the payment refused with the same refusal when it is retried, and records nothing on the order', async () => {
    const id = await shippedOrder();
    const key = `refund-${randomUUID()}`;
    h.deps.ports.payment = { ...realPayment, refund: async () => { throw shopError('PAYMENT_DECLINED', 'The refund was declined.', { reason: 'processing_error' }); } };
    const refused = await h.gateway.query(REFUND, { id, amount: '10.00', key }, asAdmin);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'PAYMENT_DECLINED', reason: 'processing_error' });
    h.deps.ports.payment = realPayment;
    const retry = await h.gateway.query(REFUND, { id, amount: '10.00', key }, asAdmin);
    expect(retry.errors?.[0].extensions).toMatchObject({ code: 'PAYMENT_DECLINED', reason: 'processing_error', replayed: true });
    expect((await orderOf(id)).refundedAmount.toFixed(2)).toBe('0.00');
    expect((await paymentOf(id)).refundedAmount.toFixed(2)).toBe('0.00');
    const fresh = await h.gateway.query(REFUND, { id, amount: '10.00', key: `refund-${randomUUID()}` }, asAdmin);
    expect(fresh.data.refundOrder.refundedTotal.amount).toBe('10.00');
  });
});

describe('cancelling after capture', () => {
  it('refunds the capture in full and the order records what the payment refunded', async () => {
    h.deps.settings.captureOnConfirm = true;
    const id = await confirmedOrder();
    expect((await paymentOf(id)).status).toBe('captured');
    const results = await Promise.all(Array.from({ length: 10 }, () => h.gateway.query(MOVE, { id, status: 'CANCELLED', v: 2 }, asAdmin)));
    expect(results.filter((r) => !r.errors).length).toBeGreaterThanOrEqual(1);
    const payment = await paymentOf(id);
    const order = await orderOf(id);
    expect([payment.status, payment.refunds.length]).toEqual(['refunded', 1]);
    expect([order.status, order.refundedAmount.toFixed(2)]).toEqual(['cancelled', payment.refundedAmount.toFixed(2)]);
    expect(order.refundedAmount.toFixed(2)).toBe(order.totalAmount.toFixed(2));
  });
});
