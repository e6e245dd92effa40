import { createHash, randomUUID } from 'node:crypto';
import { badUserInput, conflict, parseInput, ShopError, shopError, uniqueViolation, type ErrorCode, type Viewer } from '@shop/platform';
import type { CheckoutDeps, CheckoutSettings, OrderContext } from '../context';
import { assertPricesUnchanged, checkoutInput, requestFingerprint, type CheckoutInput } from '../domain/checkout';
import type { Order, OrderProcessingSaga } from '../generated/prisma/client';
import { cartCheckoutInProgress, claimRefusal, recentPurchaseRefusal } from '../saga/claims';
import { finishSaga, recordSagaStep, recordSagaSteps, sagaStepsWrite, startSaga, type SagaData, type StartSaga, type StepDone } from '../saga/sagas';
import { confirmPlacedOrder } from './confirmation';
import type { CartOwner } from '../ports';
import { cancelWithReason, confirmPendingOrder } from '../services/fulfilment';
import { newAccessKey, type OrderWithAccessKey } from '../services/guest-access';
import { placePendingOrder } from '../services/place-order';
import { giveBackMoneyAndStock } from '../services/settlement';

export type { CheckoutDeps, CheckoutSettings };

/** Thrown by a test's afterStep hook: the saga stops where it is, compensating nothing, as if the process died. */
export class ProcessCrash extends Error {
  override name = 'ProcessCrash';
}

/** What the saga keeps in saga_data.input: enough to resume or compensate, never card data. */
interface SagaInput {
  fingerprint: string;
  owner: CartOwner;
  orderId: string;
}

/**
 * The checkout saga, orchestrated here and recorded step by step in order_processing_sagas:
 * price the cart again → place the order (pending) → reserve stock → authorize payment → commit stock and confirm
 * the order → (capture) → clear the cart. Any refusal before the order is confirmed undoes what was done (void the
 * authorization, release the stock, cancel the order) and reaches the shopper with its own code: OUT_OF_STOCK,
 * PAYMENT_DECLINED, CONFLICT for moved prices. The idempotency key makes a retried request answer the same.
 */
export async function checkout(ctx: OrderContext, deps: CheckoutDeps, cartSession: string | null, raw: unknown): Promise<OrderWithAccessKey> {
  const input = parseInput(checkoutInput, raw);
  const owner = ownerOf(ctx.viewer, cartSession);
  const email = input.email ?? ctx.viewer.profile?.email ?? null;
  if (!email) throw badUserInput('An email address is needed for the order confirmation.', [{ field: 'email', message: 'is required for guests' }]);
  const ownerKey = owner.customerId ? `customer:${owner.customerId}` : `guest:${sha256(owner.sessionId!)}`;
  const idempotencyKey = sha256(`${ownerKey}|${input.idempotencyKey}`);
  const fingerprint = requestFingerprint(input, ownerKey);

  const earlier = await ctx.db.orderProcessingSaga.findUnique({ where: { idempotencyKey } });
  if (earlier) return replay(ctx, earlier, fingerprint);

  const cart = await deps.ports.cart.forCheckout(owner);
  if (!cart || cart.lines.length === 0) {
    throw (await recentPurchaseRefusal(ctx.db, sha256(ownerKey))) ?? badUserInput('Your cart is empty.', [{ field: 'cart', message: 'is empty' }]);
  }
  assertPricesUnchanged(input.expectedSubtotal, cart.subtotal);

  const orderId = randomUUID();
  const sagaInput: SagaInput = { fingerprint, owner, orderId };
  const claim = { cartId: cart.cartId, cartVersion: cart.version, ownerKey: sha256(ownerKey) };
  const started = await startClaimedSaga(ctx, { id: randomUUID(), orderId, idempotencyKey, firstStep: 'order_placed', input: sagaInput, claim });
  if (!started.created) return replay(ctx, started.saga, fingerprint);
  const saga = started.saga;

  // A guest's key to the order is written with it; only its hash is kept (see guest-access.ts).
  const access = owner.customerId ? null : newAccessKey();
  let order: Order | null = null;
  let paymentId: string | null = null;
  try {
    order = await placePendingOrder(ctx, {
      orderId,
      customerId: owner.customerId,
      email,
      currency: cart.currency,
      lines: cart.lines.map((l) => ({
        variantId: l.variantId, productId: l.productId, productName: l.productName, variantName: l.variantName, sku: l.sku,
        unitPrice: l.unitPrice, quantity: l.quantity, productData: { cartId: cart.cartId },
      })),
      shippingAddress: input.shippingAddress,
      billingAddress: input.billingAddress,
      shippingMethod: input.shippingMethod,
      discountCode: input.discountCode,
      loyaltyPoints: input.loyaltyPoints,
      source: 'web',
    }, {
      freshId: true,
      accessKeyHash: access?.accessKeyHash,
      alongside: (tx, placed) => recordSagaStep(tx, saga.id, 'order_placed', 'stock_reserved', { orderNumber: placed.orderNumber }),
    });
    await deps.afterStep?.('order_placed', orderId);

    await deps.ports.stock.reserve(orderId, cart.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })), deps.settings.reservationTtlSeconds);
    // Recorded with the authorization: until then, recovery compensates either way (it releases the order's stock).
    await deps.afterStep?.('stock_reserved', orderId);

    const payment = await deps.ports.payment.authorize({
      orderId,
      customerId: owner.customerId,
      amount: order.totalAmount.toFixed(2),
      currency: order.currency ?? cart.currency,
      paymentMethodId: input.paymentMethodId,
      card: input.card,
      idempotencyKey: `checkout-${saga.id}`,
    });
    paymentId = payment.id;
    await recordSagaSteps(ctx.db, saga.id, [{ step: 'stock_reserved' }, { step: 'payment_authorized', result: { paymentId } }], 'order_confirmed');
    await deps.afterStep?.('payment_authorized', orderId);
  } catch (error) {
    if (error instanceof ProcessCrash) throw error;
    await compensate(ctx, deps, saga.id, orderId, error);
    throw error;
  }
  const confirmed = await finishForward(ctx, deps, saga.id, orderId, paymentId, owner, order);
  return access ? { ...confirmed, accessKey: access.accessKey } : confirmed;
}

/**
 * From an authorization on: commit the stock and confirm the order (both idempotent, so recovery may run this
 * again), then capture if configured and clear the cart. A refusal before the order is confirmed is compensated;
 * capture and cart clearing failing later do not undo a confirmed order. `placed` is the order as this process
 * placed it (recovery has none): confirming it needs no read first.
 */
export async function finishForward(
  ctx: OrderContext, deps: CheckoutDeps, sagaId: string, orderId: string, paymentId: string | null, owner: CartOwner, placed?: Order,
): Promise<Order> {
  let order: Order;
  try {
    const reservations = await deps.ports.stock.commit(orderId);
    // A saga resumed late may find its hold expired and the stock sold to someone else: then it must not confirm.
    if (reservations.length === 0 || reservations.some((r) => r.status !== 'COMMITTED')) {
      throw shopError('OUT_OF_STOCK', 'The stock held for this order was released before it could be confirmed.', { reason: 'RESERVATION_EXPIRED' });
    }
    // With the order confirmed, the cart's version counts as bought, even before the saga's last steps.
    const confirmed = [{ step: 'order_confirmed' }];
    const next = deps.settings.captureOnConfirm ? 'payment_captured' : 'cart_cleared';
    order =
      (placed && (await confirmPlacedOrder(ctx, placed, sagaStepsWrite(sagaId, confirmed, next, { claim: 'completed' })))) ??
      (await confirmPendingOrder(ctx, orderId, (tx) => recordSagaSteps(tx, sagaId, confirmed, next, { claim: 'completed' }), placed));
    await deps.afterStep?.('order_confirmed', orderId);
  } catch (error) {
    if (error instanceof ProcessCrash) throw error;
    await compensate(ctx, deps, sagaId, orderId, error);
    throw error;
  }
  // The last steps are recorded with the saga's end: a crash before it replays them (capture and clearing are idempotent).
  const lastSteps: StepDone[] = [];
  if (deps.settings.captureOnConfirm && paymentId) {
    await deps.ports.payment.capture(paymentId).then(
      async () => {
        lastSteps.push({ step: 'payment_captured' });
        await deps.afterStep?.('payment_captured', orderId);
      },
      (error: unknown) => ctx.log.error({ err: error, orderId, paymentId }, 'capture after confirmation failed; capture again at shipment'),
    );
  }
  await deps.ports.cart.clear(owner).then(
    async () => {
      lastSteps.push({ step: 'cart_cleared' });
      await deps.afterStep?.('cart_cleared', orderId);
    },
    (error: unknown) => ctx.log.warn({ err: error, orderId }, 'the order is confirmed but its cart could not be cleared'),
  );
  await finishSaga(ctx.db, sagaId, 'completed', undefined, lastSteps);
  return order;
}

/**
 * Undoes a checkout that will not complete: voids every open authorization of the order (including one the saga
 * obtained but never recorded), releases its stock, cancels the order, and marks the saga failed with the reason
 * the shopper was given. Each step is idempotent; one that fails is logged and left for the recovery worker.
 */
export async function compensate(ctx: OrderContext, deps: CheckoutDeps, sagaId: string, orderId: string, cause: unknown): Promise<void> {
  const reason = cause instanceof ShopError ? { code: cause.code, message: cause.message, extensions: cause.extensions } : { code: 'CHECKOUT_FAILED', message: 'The checkout could not be completed.' };
  let clean = true;
  const attempt = async (what: string, work: () => Promise<unknown>) => {
    await work().catch((err: unknown) => {
      if (err instanceof ShopError && err.code === 'NOT_FOUND') return; // nothing of that kind was created
      clean = false;
      ctx.log.error({ err, orderId, sagaId }, `checkout compensation: could not ${what}`);
    });
  };
  await attempt('give back the money and stock', () =>
    giveBackMoneyAndStock(deps.ports, orderId, { stock: 'held', key: `checkout-undo-${sagaId}`, reason: 'Checkout failed' }),
  );
  await attempt('cancel the order', () => cancelWithReason(ctx, orderId, `Checkout failed: ${reason.message}`.slice(0, 500)));
  // Left `started` when a compensation failed, so the recovery worker tries again later.
  if (clean) await finishSaga(ctx.db, sagaId, 'failed', JSON.stringify(reason));
}

/**
 * Starts the saga and claims the cart in one transaction. Losing the claim is CONFLICT: CART_CHECKOUT_IN_PROGRESS
 * while another checkout of this cart runs (any key, any replica), CART_ALREADY_CHECKED_OUT once this version of
 * the cart was bought. If the checkout that held the claim failed in between, the claim is free: try again.
 */
async function startClaimedSaga(ctx: OrderContext, start: StartSaga & { claim: NonNullable<StartSaga['claim']> }) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startSaga(ctx.db, start);
    } catch (error) {
      // The same key raced in from a second request: answer as that one will.
      const twin = await ctx.db.orderProcessingSaga.findUnique({ where: { idempotencyKey: start.idempotencyKey } });
      if (twin) return { saga: twin, created: false };
      if (!uniqueViolation(error)) throw error;
      const refusal = await claimRefusal(ctx.db, start.claim.cartId, start.claim.cartVersion);
      if (refusal) throw refusal;
      if (attempt >= 3) throw cartCheckoutInProgress();
    }
  }
}

/** A retried request: the same answer as the first, or CONFLICT when the key was used for something else. */
async function replay(ctx: OrderContext, saga: OrderProcessingSaga, fingerprint: string): Promise<Order> {
  const data = (saga.sagaData ?? {}) as Partial<SagaData> & { input?: SagaInput };
  if (data.input?.fingerprint !== fingerprint) throw conflict('This idempotency key was already used for a different checkout.');
  if (saga.status === 'completed') return ctx.db.order.findUniqueOrThrow({ where: { id: saga.orderId } });
  if (saga.status === 'failed') {
    const reason = JSON.parse(data.error ?? '{}') as { code?: ErrorCode; message?: string; extensions?: Record<string, unknown> };
    throw shopError(reason.code ?? 'CONFLICT', reason.message ?? 'This checkout failed.', { ...reason.extensions, replayed: true });
  }
  throw conflict('This checkout is still being processed; ask again in a moment.', { reason: 'IN_PROGRESS' });
}

function ownerOf(viewer: Viewer, cartSession: string | null): CartOwner {
  if (viewer.customerId) return { customerId: viewer.customerId, sessionId: null };
  if (cartSession && cartSession.length <= 200) return { customerId: null, sessionId: cartSession };
  throw badUserInput('Your cart is empty.', [{ field: 'cart', message: 'no cart session' }]);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export type { CheckoutInput };
