import { conflict, notFound, uniqueViolation } from '@shop/platform';
import { inTransaction, type OrderDb, type OrderDbOrTx, type Prisma } from '../db';
import type { OrderProcessingSaga } from '../generated/prisma/client';
import { insertClaim, settleClaim, type CartClaim } from './claims';

/**
 * The order_processing_sagas repository: what the checkout saga (later) needs to keep its state durably and to
 * be resumed by another replica after a crash. No orchestration lives here.
 *
 * saga_data holds `{ input, completedSteps: [{ step, at, result }], error? }`.
 */
export type SagaStatus = 'started' | 'completed' | 'failed';

export interface CompletedStep {
  step: string;
  at: string;
  result?: unknown;
}

export interface SagaData {
  input?: unknown;
  completedSteps: CompletedStep[];
  error?: string;
}

export interface StartSaga {
  id: string;
  orderId: string;
  idempotencyKey: string;
  firstStep: string;
  input?: unknown;
  /** The cart this saga buys: claimed in the same transaction that starts the saga (see claims.ts). */
  claim?: Omit<CartClaim, 'sagaId' | 'orderId'>;
}

/**
 * Starts a saga, or returns the one already started with this idempotency key (a retried checkout), so a
 * client retry never runs the checkout twice. The same key for a different order is a CONFLICT.
 */
export async function startSaga(db: OrderDb, start: StartSaga): Promise<{ saga: OrderProcessingSaga; created: boolean }> {
  const existing = await db.orderProcessingSaga.findUnique({ where: { idempotencyKey: start.idempotencyKey } });
  if (existing) return { saga: sameOrder(existing, start), created: false };
  const data: SagaData = { input: start.input, completedSteps: [] };
  try {
    const saga = await inTransaction(db, async (tx) => {
      const created = await tx.orderProcessingSaga.create({
        data: {
          id: start.id,
          orderId: start.orderId,
          idempotencyKey: start.idempotencyKey,
          currentStep: start.firstStep,
          sagaData: data as unknown as Prisma.InputJsonValue,
          status: 'started',
        },
      });
      if (start.claim) await insertClaim(tx, { ...start.claim, sagaId: start.id, orderId: start.orderId }, new Date());
      return created;
    });
    return { saga, created: true };
  } catch (error) {
    if (!uniqueViolation(error)) throw error;
    // Two retries at once: the loser returns the winner's saga. Otherwise the cart's claim was taken: the caller explains.
    const winner = await db.orderProcessingSaga.findUnique({ where: { idempotencyKey: start.idempotencyKey } });
    if (!winner) throw error;
    return { saga: sameOrder(winner, start), created: false };
  }
}

function sameOrder(saga: OrderProcessingSaga, start: StartSaga): OrderProcessingSaga {
  if (saga.orderId !== start.orderId) throw conflict('This idempotency key was already used for another order.');
  return saga;
}

const dataOf = (saga: OrderProcessingSaga): SagaData => {
  const data = (saga.sagaData ?? {}) as Partial<SagaData>;
  return { ...data, completedSteps: Array.isArray(data.completedSteps) ? data.completedSteps : [] };
};

/**
 * Records that `step` finished (with its result, e.g. a reservation id) and which step comes next. Recording a
 * step that is already recorded changes nothing, so a resumed saga can replay safely. Bumps updated_at, which
 * is also what keeps a running saga from looking stalled.
 */
export async function recordSagaStep(db: OrderDb, sagaId: string, step: string, nextStep: string, result?: unknown): Promise<OrderProcessingSaga> {
  return inTransaction(db, async (tx) => {
    const saga = await lockSaga(tx, sagaId);
    const data = dataOf(saga);
    if (data.completedSteps.some((s) => s.step === step)) return saga;
    if (saga.status !== 'started') throw conflict(`The saga is ${saga.status}; it records no more steps.`);
    data.completedSteps.push({ step, at: new Date().toISOString(), ...(result === undefined ? {} : { result }) });
    return tx.orderProcessingSaga.update({
      where: { id: sagaId },
      data: { currentStep: nextStep, sagaData: data as unknown as Prisma.InputJsonValue, updatedAt: new Date() },
    });
  });
}

/** Ends a saga: `completed`, or `failed` with the reason (after its compensations ran). */
export async function finishSaga(db: OrderDb, sagaId: string, status: Exclude<SagaStatus, 'started'>, error?: string): Promise<OrderProcessingSaga> {
  return inTransaction(db, async (tx) => {
    const saga = await lockSaga(tx, sagaId);
    if (saga.status === status) return saga;
    if (saga.status !== 'started') throw conflict(`The saga is already ${saga.status}.`);
    const data = { ...dataOf(saga), ...(error ? { error } : {}) };
    // The cart's claim ends with the saga: a bought cart version stays bought, a failed checkout frees the cart.
    await settleClaim(tx, sagaId, status === 'completed' ? 'completed' : 'released');
    return tx.orderProcessingSaga.update({
      where: { id: sagaId },
      data: { status, currentStep: status, sagaData: data as unknown as Prisma.InputJsonValue, updatedAt: new Date() },
    });
  });
}

async function lockSaga(tx: Prisma.TransactionClient, sagaId: string): Promise<OrderProcessingSaga> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM order_processing_sagas WHERE id = ${sagaId}::uuid FOR UPDATE`;
  if (!row) throw notFound('That saga');
  return tx.orderProcessingSaga.findUniqueOrThrow({ where: { id: sagaId } });
}

/**
 * Claims up to `limit` sagas still `started` whose last update is older than `olderThan` (their runner died),
 * for this replica to resume. `FOR UPDATE SKIP LOCKED` lets concurrent claimers take disjoint sets without
 * waiting, and the claim bumps updated_at in the same statement, so a saga is claimed once until it stalls again.
 */
export async function claimStalledSagas(db: OrderDbOrTx, olderThan: Date, limit: number): Promise<OrderProcessingSaga[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1_000) throw new Error('limit must be 1..1000');
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE order_processing_sagas SET updated_at = ${new Date()}
    WHERE id IN (
      SELECT id FROM order_processing_sagas
      WHERE status = 'started' AND updated_at < ${olderThan}
      ORDER BY updated_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  if (claimed.length === 0) return [];
  return db.orderProcessingSaga.findMany({ where: { id: { in: claimed.map((c) => c.id) } }, orderBy: { updatedAt: 'asc' } });
}
