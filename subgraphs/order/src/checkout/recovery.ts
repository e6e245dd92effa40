import { serviceViewer, type Logger } from '@shop/platform';
import type { OrderContext } from '../context';
import { claimStalledSagas, type SagaData } from '../saga/sagas';
import type { CartOwner } from '../ports';
import { compensate, finishForward, type CheckoutDeps } from './saga';

export interface RecoveryOutcome {
  finished: number;
  compensated: number;
  failed: number;
}

/**
 * Picks up checkouts whose process died between steps (their saga row stopped advancing). A saga that recorded
 * its authorization goes forward (commit stock, confirm, clear the cart); any other is compensated, which voids
 * every authorization the order has, recorded or not. Claims use SKIP LOCKED, so replicas share the work.
 */
export async function recoverStalledCheckouts(
  ctx: Pick<OrderContext, 'db' | 'log'> & Partial<OrderContext>,
  deps: CheckoutDeps,
  options: { stalledForMs: number; limit?: number },
): Promise<RecoveryOutcome> {
  const service = { ...ctx, viewer: serviceViewer } as OrderContext;
  const sagas = await claimStalledSagas(ctx.db, new Date(Date.now() - options.stalledForMs), options.limit ?? 50);
  const outcome: RecoveryOutcome = { finished: 0, compensated: 0, failed: 0 };
  for (const saga of sagas) {
    const data = (saga.sagaData ?? {}) as Partial<SagaData> & { input?: { owner?: CartOwner } };
    const authorized = data.completedSteps?.find((s) => s.step === 'payment_authorized');
    const owner = data.input?.owner ?? { customerId: null, sessionId: null };
    try {
      if (authorized) {
        await finishForward(service, deps, saga.id, saga.orderId, (authorized.result as { paymentId?: string })?.paymentId ?? null, owner);
        outcome.finished++;
      } else {
        await compensate(service, deps, saga.id, saga.orderId, new Error('The checkout was interrupted.'));
        outcome.compensated++;
      }
    } catch (error) {
      outcome.failed++;
      ctx.log.error({ err: error, sagaId: saga.id, orderId: saga.orderId }, 'could not recover a stalled checkout; it will be tried again');
    }
  }
  if (sagas.length) ctx.log.info({ ...outcome }, 'recovered stalled checkouts');
  return outcome;
}

/** Runs recovery on an interval in every order process; stopping waits for the round in flight. */
export function startCheckoutRecovery(ctx: Pick<OrderContext, 'db' | 'log'> & Partial<OrderContext>, deps: CheckoutDeps, options: { intervalMs: number; stalledForMs: number }, log: Logger) {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = recoverStalledCheckouts(ctx, deps, options).catch((err: unknown) => log.error({ err }, 'checkout recovery round failed'));
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
