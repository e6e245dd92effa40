import { randomUUID } from 'node:crypto';
import { createLogger, shopError } from '@shop/platform';
import { recoverPaymentOperations } from '../src/index';
import { SETTLEMENT_RETRY, settlementRetryDelay } from '../src/domain/payment-operations';
import type { PaymentPort } from '../src/ports';
import { asAdmin, asCustomer } from './harness';
import { CHECKOUT, checkoutInput, startCheckoutHarness, type CheckoutHarness } from './checkout-harness';

/**
 * A cancellation stands whatever the payment answers; its void or refund is owed until the payment does it. A
 * refusal or a lost answer leaves the operation pending with a backoff, and recovery tries it again when it is
 * due — however many times it takes — then completes it once. "The backoff elapses" is written as making the
 * retry due now, so nothing here waits on the clock.
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

const MOVE = `mutation($id: ID!, $status: OrderStatus!, $v: Int!) { moveOrder(id: $id, status: $status, expectedVersion: $v) { status version } }`;
const recovery = () => ({ db: h.orderDb, log: createLogger('recovery', 'silent'), ports: h.deps.ports, checkout: h.deps });

async function confirmedOrder(): Promise<string> {
  const customerId = randomUUID();
  const variant = await h.stockedVariant(10);
  h.carts.put({ customerId, sessionId: null }, [{ ...variant, quantity: 4 }]);
  const r = await h.gateway.query(CHECKOUT, { input: checkoutInput('100.00', { email: 'ada@example.com' }) }, asCustomer(customerId));
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.checkout.id as string;
}

/** The payment refuses (or never answers) the first `times` calls of `operation`, then does it. */
function failFirst(operation: 'void' | 'refund', times: number, how: 'refuse' | 'no answer') {
  let calls = 0;
  h.deps.ports.payment = {
    ...realPayment,
    [operation]: async (...args: unknown[]) => {
      calls += 1;
      if (calls <= times) {
        if (how === 'refuse') throw shopError('PAYMENT_DECLINED', 'The provider could not process this.', { reason: 'processing_error' });
        throw new Error('socket hang up');
      }
      return (realPayment[operation] as (...a: unknown[]) => Promise<unknown>)(...args);
    },
  };
  return () => calls;
}

const cancelOperation = async (orderId: string) => h.orderDb.orderPaymentOperation.findFirstOrThrow({ where: { orderId, kind: 'cancel' } });
const paymentOf = (orderId: string) => h.paymentDb.payment.findFirstOrThrow({ where: { orderId }, include: { refunds: true } });
const makeDue = (orderId: string) => h.orderDb.orderPaymentOperation.updateMany({ where: { orderId, kind: 'cancel', status: 'pending' }, data: { retryAt: new Date() } });

/** Recovery rounds until the cancellation is settled (each with its retry made due): how many rounds it took. */
async function settle(orderId: string, limit = 10): Promise<number> {
  for (let round = 1; round <= limit; round++) {
    await makeDue(orderId);
    await recoverPaymentOperations(recovery(), { stalledForMs: 60_000 });
    if ((await cancelOperation(orderId)).status === 'completed') return round;
  }
  throw new Error('the cancellation was never settled');
}

describe('a cancellation whose void the payment refused', () => {
  it('stays owed with a backoff and is voided once by recovery after the payment stops refusing', async () => {
    const id = await confirmedOrder();
    const calls = failFirst('void', 3, 'refuse');
    const cancelled = await h.gateway.query(MOVE, { id, status: 'CANCELLED', v: 2 }, asAdmin);
    expect(cancelled.data.moveOrder.status).toBe('CANCELLED');
    const owed = await cancelOperation(id);
    expect([owed.status, owed.attempts, (owed.outcome as { code: string }).code]).toEqual(['pending', 1, 'PAYMENT_DECLINED']);
    expect(owed.retryAt!.getTime()).toBeGreaterThan(owed.updatedAt.getTime());
    expect((await paymentOf(id)).status).toBe('authorized');

    // Not due yet: recovery leaves it alone.
    expect(await recoverPaymentOperations(recovery(), { stalledForMs: 0 })).toEqual({ finished: 0, failed: 0 });
    expect(calls()).toBe(1);

    expect(await settle(id)).toBe(3);
    const settled = await cancelOperation(id);
    expect([settled.status, settled.attempts, calls()]).toEqual(['completed', 3, 4]);
    expect((await paymentOf(id)).status).toBe('voided');
    await makeDue(id);
    expect(await recoverPaymentOperations(recovery(), { stalledForMs: 0 })).toEqual({ finished: 0, failed: 0 });
    expect(calls()).toBe(4);
  });
});

describe('a cancellation whose refund got no answer', () => {
  it('is refunded once in full by recovery, and the order records what the payment refunded', async () => {
    h.deps.settings.captureOnConfirm = true;
    const id = await confirmedOrder();
    expect((await paymentOf(id)).status).toBe('captured');
    failFirst('refund', 2, 'no answer');
    const cancelled = await h.gateway.query(MOVE, { id, status: 'CANCELLED', v: 2 }, asAdmin);
    expect(cancelled.data.moveOrder.status).toBe('CANCELLED');
    expect((await cancelOperation(id)).status).toBe('pending');
    expect(await settle(id)).toBe(2);
    const payment = await paymentOf(id);
    const order = await h.orderDb.order.findUniqueOrThrow({ where: { id } });
    expect([payment.status, payment.refunds.filter((r) => r.status === 'completed').length]).toEqual(['refunded', 1]);
    expect([order.status, order.refundedAmount.toFixed(2)]).toEqual(['cancelled', order.totalAmount.toFixed(2)]);
    const events = await h.orderDb.domainEvent.findMany({ where: { aggregateId: id }, orderBy: { version: 'asc' } });
    expect(events.map((e) => e.eventType).slice(-2)).toEqual(['OrderCancelled', 'OrderRefunded']);
  });
});

describe('the settlement backoff', () => {
  it('doubles from two seconds and stops growing at ten minutes', () => {
    expect([1, 2, 3, 4, 5].map((n) => settlementRetryDelay(n))).toEqual([2_000, 4_000, 8_000, 16_000, 32_000]);
    expect(settlementRetryDelay(30)).toBe(SETTLEMENT_RETRY.maxMs);
  });
});
