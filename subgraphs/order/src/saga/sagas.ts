import { conflict, notFound, uniqueViolation } from '@shop/platform';
import { Prisma, type OrderDb, type OrderDbOrTx } from '../db';
import type { OrderProcessingSaga } from '../generated/prisma/client';
import type { CartClaim, ClaimStatus } from './claims';

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
  /** The cart this saga buys: claimed in the same statement that starts the saga (see claims.ts). */
  claim?: Omit<CartClaim, 'sagaId' | 'orderId'>;
}

/**
 * Starts a saga, or returns the one already started with this idempotency key (a retried checkout), so a
 * client retry never runs the checkout twice. The same key for a different order is a CONFLICT.
 */
export async function startSaga(db: OrderDb, start: StartSaga): Promise<{ saga: OrderProcessingSaga; created: boolean }> {
  // No look-up first: the unique key answers a retry (below), and the checkout already looked for one.
  const now = new Date();
  const saga: OrderProcessingSaga = {
    id: start.id,
    orderId: start.orderId,
    idempotencyKey: start.idempotencyKey,
    currentStep: start.firstStep,
    sagaData: { input: start.input, completedSteps: [] } satisfies SagaData as unknown as Prisma.JsonValue,
    status: 'started',
    createdAt: now,
    updatedAt: now,
  };
  try {
    await insertSagaWithClaim(db, saga, start.claim);
    return { saga, created: true };
  } catch (error) {
    if (!uniqueViolation(error)) throw error;
    // Two retries at once: the loser returns the winner's saga. Otherwise the cart's claim was taken: the caller explains.
    const winner = await db.orderProcessingSaga.findUnique({ where: { idempotencyKey: start.idempotencyKey } });
    if (!winner) throw error;
    return { saga: sameOrder(winner, start), created: false };
  }
}

/**
 * The saga row and the cart's claim in one statement (one round trip, atomic without a transaction): a unique
 * violation of either writes neither.
 */
async function insertSagaWithClaim(db: OrderDb, saga: OrderProcessingSaga, claim: StartSaga['claim']): Promise<void> {
  const insertSaga = Prisma.sql`
    INSERT INTO order_processing_sagas (id, order_id, idempotency_key, current_step, saga_data, status, created_at, updated_at)
    VALUES (${saga.id}::uuid, ${saga.orderId}::uuid, ${saga.idempotencyKey}, ${saga.currentStep}, ${JSON.stringify(saga.sagaData)}::jsonb, 'started',
            ${saga.createdAt}, ${saga.updatedAt})`;
  if (!claim) {
    await db.$executeRaw(insertSaga);
    return;
  }
  await db.$executeRaw`
    WITH saga AS (${insertSaga} RETURNING id, order_id)
    INSERT INTO checkout_cart_claims (saga_id, order_id, cart_id, cart_version, owner_key, status, created_at, updated_at)
    SELECT id, order_id, ${claim.cartId}::uuid, ${claim.cartVersion}::int, ${claim.ownerKey}, 'active', ${saga.createdAt}, ${saga.updatedAt} FROM saga`;
}

function sameOrder(saga: OrderProcessingSaga, start: StartSaga): OrderProcessingSaga {
  if (saga.orderId !== start.orderId) throw conflict('This idempotency key was already used for another order.');
  return saga;
}

const dataOf = (saga: OrderProcessingSaga): SagaData => {
  const data = (saga.sagaData ?? {}) as Partial<SagaData>;
  return { ...data, completedSteps: Array.isArray(data.completedSteps) ? data.completedSteps : [] };
};

export interface StepDone {
  step: string;
  result?: unknown;
}

/**
 * Records that `steps` finished (each with its result, e.g. a payment id) and which step comes next, in one
 * statement, inside the caller's transaction when it has one (a step is recorded with the write it follows).
 * `claim` settles the cart's claim in the same statement (completed once the order is confirmed). Recording steps
 * whose first is already recorded changes nothing, so a resumed saga can replay safely. Bumps updated_at, which
 * is also what keeps a running saga from looking stalled.
 */
export async function recordSagaSteps(
  db: OrderDbOrTx, sagaId: string, steps: StepDone[], nextStep: string, { claim }: { claim?: Exclude<ClaimStatus, 'active'> } = {},
): Promise<void> {
  const write = sagaStepsWrite(sagaId, steps, nextStep, { claim });
  const [{ recorded }] = await db.$queryRaw<{ recorded: number }[]>`
    WITH open AS (${write.open}), recorded AS (${write.record(Prisma.sql`SELECT id FROM open`)}), settled AS (${write.settle})
    SELECT count(*)::int AS recorded FROM recorded`;
  if (recorded === 1) return;
  const saga = await db.orderProcessingSaga.findUnique({ where: { id: sagaId } });
  if (!saga) throw notFound('That saga');
  if (dataOf(saga).completedSteps.some((s) => s.step === steps[0].step)) return;
  throw conflict(`The saga is ${saga.status}; it records no more steps.`);
}

/**
 * recordSagaSteps' parts, for a statement that records steps with the write they follow: `open` locks the saga
 * if it still takes these steps; `record(sagaIds)` appends them to the sagas `sagaIds` selects (a CTE named
 * `recorded`); `settle` moves the cart's claim of the recorded saga.
 */
export function sagaStepsWrite(sagaId: string, steps: StepDone[], nextStep: string, { claim }: { claim?: Exclude<ClaimStatus, 'active'> } = {}) {
  const now = new Date();
  const entries = steps.map(({ step, result }) => ({ step, at: now.toISOString(), ...(result === undefined ? {} : { result }) }));
  return {
    open: Prisma.sql`
      SELECT id FROM order_processing_sagas
      WHERE id = ${sagaId}::uuid AND status = 'started'
        AND NOT COALESCE(saga_data->'completedSteps', '[]'::jsonb) @> ${JSON.stringify([{ step: steps[0].step }])}::jsonb
      FOR UPDATE`,
    record: (sagaIds: Prisma.Sql) => Prisma.sql`
      UPDATE order_processing_sagas
      SET saga_data = jsonb_set(saga_data, '{completedSteps}', COALESCE(saga_data->'completedSteps', '[]'::jsonb) || ${JSON.stringify(entries)}::jsonb),
          current_step = ${nextStep}, updated_at = ${now}
      WHERE id IN (${sagaIds})
      RETURNING id`,
    // Only from active: a completed claim never turns into a released one (the cart version stays bought).
    settle: Prisma.sql`
      UPDATE checkout_cart_claims SET status = ${claim ?? null}::varchar, updated_at = ${now}
      WHERE ${claim ?? null}::varchar IS NOT NULL AND saga_id IN (SELECT id FROM recorded) AND status = 'active'`,
  };
}

/** One step: see recordSagaSteps. */
export function recordSagaStep(db: OrderDbOrTx, sagaId: string, step: string, nextStep: string, result?: unknown): Promise<void> {
  return recordSagaSteps(db, sagaId, [{ step, result }], nextStep);
}

/**
 * Ends a saga: `completed` (with its last steps), or `failed` with the reason (after its compensations ran). The
 * cart's claim ends with it in the same statement: a bought cart version stays bought, a failed checkout frees the
 * cart. Ending it again the same way changes nothing; ending it the other way is a CONFLICT.
 */
export async function finishSaga(
  db: OrderDbOrTx, sagaId: string, status: Exclude<SagaStatus, 'started'>, error?: string, lastSteps: StepDone[] = [],
): Promise<void> {
  const now = new Date();
  const entries = lastSteps.map(({ step, result }) => ({ step, at: now.toISOString(), ...(result === undefined ? {} : { result }) }));
  const claimStatus: ClaimStatus = status === 'completed' ? 'completed' : 'released';
  const [{ finished }] = await db.$queryRaw<{ finished: number }[]>`
    WITH finished AS (
      UPDATE order_processing_sagas
      SET status = ${status}, current_step = ${status}, updated_at = ${now},
          saga_data = jsonb_set(saga_data, '{completedSteps}', COALESCE(saga_data->'completedSteps', '[]'::jsonb) || ${JSON.stringify(entries)}::jsonb)
                      || ${JSON.stringify(error ? { error } : {})}::jsonb
      WHERE id = ${sagaId}::uuid AND status = 'started'
      RETURNING id
    ), settled AS (
      -- Only from active: a completed claim never turns into a released one (the cart version stays bought).
      UPDATE checkout_cart_claims SET status = ${claimStatus}, updated_at = ${now}
      WHERE saga_id IN (SELECT id FROM finished) AND status = 'active'
    )
    SELECT count(*)::int AS finished FROM finished`;
  if (finished === 1) return;
  const saga = await db.orderProcessingSaga.findUnique({ where: { id: sagaId } });
  if (!saga) throw notFound('That saga');
  if (saga.status !== status) throw conflict(`The saga is already ${saga.status}.`);
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
