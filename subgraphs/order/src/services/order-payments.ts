import { conflict, Decimal, serviceViewer } from '@shop/platform';
import type { OrderContext } from '../context';
import { inTransaction, type OrderTx, type Prisma } from '../db';
import {
  IN_PROGRESS,
  inFlightVerdict,
  isRefusal,
  OUTCOME_UNKNOWN,
  outcomeOf,
  paymentKeyOf,
  replayOf,
  settlementRetryDelay,
  type MoneyOperationKind,
} from '../domain/payment-operations';
import { planRefund } from '../domain/refund';
import type { Order, OrderPaymentOperation } from '../generated/prisma/client';
import { giveBackMoneyAndStock } from './settlement';
import { applyChange, lockOrderForChange } from './status-change';

/**
 * The money side of fulfilment, through the payment context (when this order service takes checkouts):
 * capture at shipment, void or refund on cancellation, refund on request. Each is an order_payment_operations
 * row claimed under the order's row lock and committed before the payment is called; the payment's idempotency
 * key comes from that row, so the request, its retry and recovery all ask for the same operation, and the order
 * changes (with the row completed) under the same lock once the payment has answered.
 */

/** A pending operation nobody touched for this long belongs to a request that died: the next caller or recovery finishes it. */
export const OPERATION_STALE_MS = 60_000;

/** What the order becomes once the payment answers, stored with the operation so whoever finishes it can apply it. */
export interface OperationRequest {
  actor: string | null;
  notes?: string | null;
  /** capture: the shipment */
  carrier?: string | null;
  trackingNumber?: string | null;
  estimatedDeliveryDate?: string | null;
  /** refund: the reason given */
  reason?: string;
  /** cancel: committed stock goes back on sale */
  returnStock?: boolean;
}

export interface OperationClaim {
  kind: MoneyOperationKind;
  key: string;
  explicitKey: boolean;
  hash: string;
  amount?: string | null;
  paymentId?: string | null;
  request: OperationRequest;
}

type Found = { found: OrderPaymentOperation; verdict: 'finish' | 'replay' };

/** The operation already recorded under this request's key (a retry, or a concurrent copy of the same request). */
export async function earlierOperation(tx: OrderTx, orderId: string, claim: Pick<OperationClaim, 'key' | 'hash' | 'explicitKey'>): Promise<Found | null> {
  const found = await tx.orderPaymentOperation.findUnique({ where: { orderId_idempotencyKey: { orderId, idempotencyKey: claim.key } } });
  return found ? { found, verdict: replayOf(found, claim.hash, claim.explicitKey) } : null;
}

/**
 * With the order locked: refuses while another operation is in flight (CONFLICT, reason
 * PAYMENT_OPERATION_IN_PROGRESS). One its request abandoned is returned, for the caller to finish first.
 */
export async function assertNoneInFlight(tx: OrderTx, orderId: string): Promise<OrderPaymentOperation | null> {
  const pending = await tx.orderPaymentOperation.findFirst({ where: { orderId, status: 'pending' } });
  return inFlightVerdict(pending, new Date(), OPERATION_STALE_MS) === 'take_over' ? pending : null;
}

/** Records the claim (pending) in the caller's transaction; the partial unique index repeats "one in flight per order". */
export function recordOperation(tx: OrderTx, order: Order, claim: OperationClaim): Promise<OrderPaymentOperation> {
  return tx.orderPaymentOperation.create({
    data: {
      orderId: order.id,
      kind: claim.kind,
      idempotencyKey: claim.key,
      requestHash: claim.hash,
      amount: claim.amount ?? null,
      paymentId: claim.paymentId ?? null,
      request: claim.request as unknown as Prisma.InputJsonObject,
    },
  });
}

/**
 * Claims a money operation on an order: in one transaction with the order's row locked, a request that was
 * already made (same key) is found, another operation in flight is refused, and `check` (the operation's
 * own rules, against the locked order) runs before the pending row is written. Returns the operation to finish.
 */
export async function claimOperation(
  ctx: OrderContext,
  orderId: string,
  claim: Omit<OperationClaim, 'amount' | 'paymentId' | 'request'>,
  check: (tx: OrderTx, order: Order) => Promise<Pick<OperationClaim, 'amount' | 'paymentId' | 'request'>>,
): Promise<{ operation: OrderPaymentOperation; verdict: 'finish' | 'replay'; abandoned: OrderPaymentOperation | null; created: boolean }> {
  return inTransaction(ctx.db, async (tx) => {
    const order = await lockOrderForChange(tx, orderId);
    const earlier = await earlierOperation(tx, order.id, claim);
    if (earlier) return { operation: earlier.found, verdict: earlier.verdict, abandoned: null, created: false };
    const abandoned = await assertNoneInFlight(tx, order.id);
    if (abandoned) return { operation: abandoned, verdict: 'finish' as const, abandoned, created: false };
    const details = await check(tx, order);
    return { operation: await recordOperation(tx, order, { ...claim, ...details }), verdict: 'finish' as const, abandoned: null, created: true };
  });
}

/**
 * A money operation from request to answer: claim (or find the same request's earlier try), finish an
 * abandoned operation in the way first, ask the payment, complete. A replay answers the order as it is.
 */
export async function runMoneyOperation(
  ctx: OrderContext,
  orderId: string,
  claim: Omit<OperationClaim, 'amount' | 'paymentId' | 'request'>,
  check: (tx: OrderTx, order: Order) => Promise<Pick<OperationClaim, 'amount' | 'paymentId' | 'request'>>,
): Promise<{ order: Order; created: boolean }> {
  for (let attempt = 0; ; attempt++) {
    const claimed = await claimOperation(ctx, orderId, claim, check);
    if (claimed.abandoned) {
      if (attempt > 0) throw conflict('Another payment operation on this order is in progress; try again in a moment.', { reason: IN_PROGRESS });
      await finishOperation(ctx, claimed.abandoned).catch((err: unknown) => ctx.log.warn({ err, orderId }, 'could not finish an abandoned payment operation'));
      continue;
    }
    const created = claimed.created;
    if (claimed.verdict === 'replay') return { order: await ctx.db.order.findUniqueOrThrow({ where: { id: claimed.operation.orderId } }), created };
    if (claim.kind !== 'cancel') return { order: await finishOperation(ctx, claimed.operation), created };
    // A cancellation stands whatever the payment answers: what is not settled is finished by a retry or recovery.
    const order = await finishOperation(ctx, claimed.operation).catch(async (err: unknown) => {
      ctx.log.error({ err, orderId, operationId: claimed.operation.id }, 'the order is cancelled but its payment is not settled yet; recovery retries it');
      return ctx.db.order.findUniqueOrThrow({ where: { id: orderId } });
    });
    return { order, created };
  }
}

/**
 * Finishes a claimed operation: asks the payment (the same key every time), then completes the row and changes
 * the order, together, under the order's lock. A refusal from the payment fails the operation (a retry gets the
 * same refusal); no answer leaves it pending and says so (CONFLICT, reason PAYMENT_OUTCOME_UNKNOWN): a retry
 * with the same key, or recovery, finishes it. A cancellation is different: it already stands, so its void or
 * refund stays owed whatever the payment answers — pending, retried by recovery with backoff until it is done.
 * Safe to run twice at once: the payment answers the second with the first, and only one completion applies.
 */
export async function finishOperation(ctx: OrderContext, operation: OrderPaymentOperation): Promise<Order> {
  if (operation.status !== 'pending') return ctx.db.order.findUniqueOrThrow({ where: { id: operation.orderId } });
  await ctx.db.orderPaymentOperation.updateMany({ where: { id: operation.id, status: 'pending' }, data: { updatedAt: new Date() } });
  let refunded: Decimal | null;
  try {
    refunded = await askPayment(ctx, operation);
  } catch (error) {
    if (operation.kind === 'cancel') {
      await scheduleSettlementRetry(ctx, operation, error);
      throw error;
    }
    if (isRefusal(error)) {
      await ctx.db.orderPaymentOperation.updateMany({
        where: { id: operation.id, status: 'pending' },
        data: { status: 'failed', outcome: outcomeOf(error) as unknown as Prisma.InputJsonObject, completedAt: new Date(), updatedAt: new Date() },
      });
      throw error;
    }
    ctx.log.error({ err: error, orderId: operation.orderId, operationId: operation.id }, 'payment did not answer a money operation; it stays pending');
    throw conflict('The payment service did not confirm this operation. It is recorded and will be finished: retry with the same idempotencyKey, or wait.', {
      reason: OUTCOME_UNKNOWN,
      operation: operation.kind,
    });
  }
  const order = await completeOperation(ctx, operation, refunded);
  if (operation.kind === 'capture') await fulfilStock(ctx, order.id);
  return order;
}

/**
 * A cancellation's void or refund that the payment refused or did not answer is still owed: the operation stays
 * pending, counts the try, keeps the last answer and is due again after a backoff (settlementRetryDelay), when the
 * recovery worker tries it again — until the payment does it.
 */
async function scheduleSettlementRetry(ctx: OrderContext, operation: OrderPaymentOperation, error: unknown): Promise<void> {
  const current = await ctx.db.orderPaymentOperation.findUnique({ where: { id: operation.id } });
  if (!current || current.status !== 'pending') return;
  const attempts = current.attempts + 1;
  const now = new Date();
  const retryAt = new Date(now.getTime() + settlementRetryDelay(attempts));
  const outcome = isRefusal(error) ? outcomeOf(error) : { code: 'CONFLICT', message: 'The payment service did not answer.', extensions: { reason: OUTCOME_UNKNOWN } };
  await ctx.db.orderPaymentOperation.updateMany({
    where: { id: operation.id, status: 'pending' },
    data: { attempts, retryAt, outcome: outcome as unknown as Prisma.InputJsonObject, updatedAt: now },
  });
  ctx.log.warn({ err: error, orderId: operation.orderId, operationId: operation.id, attempts, retryAt }, 'a cancelled order is not settled with the payment yet; trying again later');
}

/** The payment's part, always under the operation's own key. Returns what the payments have refunded in all (cancel). */
async function askPayment(ctx: OrderContext, operation: OrderPaymentOperation): Promise<Decimal | null> {
  if (!ctx.ports) return null;
  const { payment } = ctx.ports;
  const key = paymentKeyOf(operation.id);
  const request = operation.request as unknown as OperationRequest;
  switch (operation.kind) {
    case 'capture':
      if (operation.paymentId) await payment.capture(operation.paymentId, key);
      return null;
    case 'refund':
      if (operation.paymentId) await payment.refund(operation.paymentId, operation.amount!.toFixed(2), request.reason ?? 'Refund', key);
      return null;
    default:
      return giveBackMoneyAndStock(ctx.ports, operation.orderId, { stock: request.returnStock ? 'committed' : 'none', key, reason: 'Order cancelled' });
  }
}

/** Completes the row and changes the order in one transaction, under the order's lock; a second completion finds it done. */
function completeOperation(ctx: OrderContext, operation: OrderPaymentOperation, refunded: Decimal | null): Promise<Order> {
  return inTransaction(ctx.db, async (tx) => {
    const order = await lockOrderForChange(tx, operation.orderId);
    const now = new Date();
    const { count } = await tx.orderPaymentOperation.updateMany({
      where: { id: operation.id, status: 'pending' },
      data: { status: 'completed', completedAt: now, updatedAt: now },
    });
    if (count === 0) return order;
    return applyOperation(tx, order, operation, refunded);
  });
}

function applyOperation(tx: OrderTx, order: Order, operation: OrderPaymentOperation, refunded: Decimal | null): Promise<Order> {
  const request = operation.request as unknown as OperationRequest;
  const expectedVersion = order.version ?? 1n;
  if (operation.kind === 'capture') {
    return applyChange(tx, order, {
      to: 'shipped',
      expectedVersion,
      actor: request.actor,
      notes: request.notes ?? null,
      set: {
        shippingCarrier: request.carrier,
        trackingNumber: request.trackingNumber,
        ...(request.estimatedDeliveryDate && { estimatedDeliveryDate: new Date(`${request.estimatedDeliveryDate}T00:00:00Z`) }),
      },
      event: { carrier: request.carrier, trackingNumber: request.trackingNumber },
    });
  }
  if (operation.kind === 'refund') {
    const plan = planRefund(
      { status: order.status, totalAmount: order.totalAmount.toFixed(2), refundedAmount: order.refundedAmount.toFixed(2) },
      new Decimal(operation.amount!.toFixed(2)),
    );
    return applyChange(tx, order, {
      to: plan.nextStatus,
      expectedVersion,
      actor: request.actor,
      notes: `Refunded ${plan.amount} ${order.currency}: ${request.reason}`,
      set: { refundedAmount: plan.refundedTotal },
      eventType: 'OrderRefunded',
      event: { amount: plan.amount, refundedTotal: plan.refundedTotal, full: plan.full, currency: order.currency },
    });
  }
  // A cancellation that gave captured money back: the order's refunded total follows the payment's.
  if (!refunded || refunded.lessThanOrEqualTo(order.refundedAmount.toFixed(2))) return Promise.resolve(order);
  const amount = refunded.minus(order.refundedAmount.toFixed(2)).toFixed(2);
  return applyChange(tx, order, {
    to: order.status as 'cancelled',
    expectedVersion,
    actor: request.actor,
    notes: `Refunded ${amount} ${order.currency}: order cancelled`,
    set: { refundedAmount: refunded.toFixed(2) },
    eventType: 'OrderRefunded',
    event: { amount, refundedTotal: refunded.toFixed(2), full: true, currency: order.currency },
  });
}

/** After shipping is recorded: the shipped goods leave the stock books. A failure is logged, not undone. */
export async function fulfilStock(ctx: OrderContext, orderId: string): Promise<void> {
  await ctx.ports?.stock.fulfil(orderId).catch((err: unknown) => ctx.log.error({ err, orderId }, 'shipped, but the stock could not be fulfilled'));
}

export interface OperationRecoveryOutcome {
  finished: number;
  failed: number;
}

/**
 * Finishes money operations whose request died between claiming and completing (pending, untouched for
 * `stalledForMs`). Each is claimed by a conditional update of its timestamp, so replicas share the work; finishing
 * asks the payment under the operation's key, so nothing is captured or refunded twice.
 */
export async function recoverPaymentOperations(
  ctx: Pick<OrderContext, 'db' | 'log' | 'ports'> & Partial<OrderContext>,
  options: { stalledForMs: number; limit?: number } = { stalledForMs: OPERATION_STALE_MS },
): Promise<OperationRecoveryOutcome> {
  const service = { ...ctx, viewer: serviceViewer } as OrderContext;
  const now = new Date();
  const before = new Date(now.getTime() - options.stalledForMs);
  // Left alone by a request that died, or a cancellation's settlement whose retry is due (not before its backoff).
  const stalled = await ctx.db.orderPaymentOperation.findMany({
    where: { status: 'pending', OR: [{ retryAt: null, updatedAt: { lte: before } }, { retryAt: { lte: now } }] },
    orderBy: { updatedAt: 'asc' },
    take: options.limit ?? 50,
  });
  const outcome: OperationRecoveryOutcome = { finished: 0, failed: 0 };
  for (const operation of stalled) {
    // Claimed for this round: a due retry is taken off the schedule, so nobody else picks it up while it runs
    // (a failure schedules it again; a process that dies here leaves it to the stale path).
    const { count } = await ctx.db.orderPaymentOperation.updateMany({
      where: { id: operation.id, status: 'pending', updatedAt: operation.updatedAt },
      data: { updatedAt: new Date(), retryAt: null },
    });
    if (count === 0) continue; // another replica took it
    try {
      await finishOperation(service, operation);
      outcome.finished++;
    } catch (err) {
      outcome.failed++;
      ctx.log.error({ err, operationId: operation.id, orderId: operation.orderId }, 'could not finish a stalled payment operation');
    }
  }
  if (stalled.length) ctx.log.info({ ...outcome }, 'recovered stalled payment operations');
  return outcome;
}

/** Runs recovery on an interval in every order process; stopping waits for the round in flight. */
export function startPaymentOperationRecovery(ctx: Pick<OrderContext, 'db' | 'log' | 'ports'> & Partial<OrderContext>, options: { intervalMs: number; stalledForMs: number }) {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return; // one round at a time in a process
    running = recoverPaymentOperations(ctx, options)
      .catch((err: unknown) => ctx.log.error({ err }, 'payment operation recovery round failed'))
      .finally(() => {
        running = null;
      });
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
