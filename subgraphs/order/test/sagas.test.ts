import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createOrderDb, type OrderDb } from '../src/db';
import { confirmPlacedOrder } from '../src/checkout/confirmation';
import type { Order } from '../src/generated/prisma/client';
import { claimStalledSagas, finishSaga, recordSagaStep, sagaStepsWrite, startSaga } from '../src/saga/sagas';
import { eventsOf, seedOrder, startOrderHarness, type OrderHarness } from './harness';

let h: OrderHarness;
beforeAll(async () => {
  h = await startOrderHarness();
});
afterAll(() => h?.stop());

const start = (overrides: Partial<Parameters<typeof startSaga>[1]> = {}) =>
  startSaga(h.db, { id: randomUUID(), orderId: randomUUID(), idempotencyKey: `checkout-${randomUUID()}`, firstStep: 'reserve_stock', input: { cartId: 'c1' }, ...overrides });

/** Makes sagas look as if their runner stopped touching them `minutes` ago. */
async function stall(ids: string[], minutes: number): Promise<void> {
  await h.db.orderProcessingSaga.updateMany({ where: { id: { in: ids } }, data: { updatedAt: new Date(Date.now() - minutes * 60_000) } });
}

describe('the saga table', () => {
  it('starts a saga for an order with its input and no completed steps', async () => {
    const { saga, created } = await start();
    expect(created).toBe(true);
    expect(saga).toMatchObject({ currentStep: 'reserve_stock', status: 'started', sagaData: { input: { cartId: 'c1' }, completedSteps: [] } });
  });

  it('returns the saga already started with the same idempotency key, even when two retries arrive at once', async () => {
    const key = `checkout-${randomUUID()}`;
    const orderId = randomUUID();
    const [a, b] = await Promise.all([start({ idempotencyKey: key, orderId }), start({ idempotencyKey: key, orderId })]);
    expect(a.saga.id).toBe(b.saga.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await h.db.orderProcessingSaga.count({ where: { idempotencyKey: key } })).toBe(1);
  });

  it('refuses an idempotency key reused for another order', async () => {
    const key = `checkout-${randomUUID()}`;
    await start({ idempotencyKey: key });
    await expect(start({ idempotencyKey: key })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
  });

  it('records completed steps once each, with their results, and moves to the next step', async () => {
    const { saga } = await start();
    await recordSagaStep(h.db, saga.id, 'reserve_stock', 'authorize_payment', { reservationId: 'r-1' });
    await recordSagaStep(h.db, saga.id, 'reserve_stock', 'authorize_payment', { reservationId: 'r-2' });
    const replayed = await h.db.orderProcessingSaga.findUniqueOrThrow({ where: { id: saga.id } });
    expect(replayed.currentStep).toBe('authorize_payment');
    expect((replayed.sagaData as { completedSteps: unknown[] }).completedSteps).toEqual([
      { step: 'reserve_stock', at: expect.any(String), result: { reservationId: 'r-1' } },
    ]);
  });

  it('finishes a saga as completed or failed, and then takes no more steps', async () => {
    const { saga } = await start();
    await finishSaga(h.db, saga.id, 'failed', 'payment declined');
    await finishSaga(h.db, saga.id, 'failed', 'payment declined');
    expect(await h.db.orderProcessingSaga.findUniqueOrThrow({ where: { id: saga.id } })).toMatchObject({ status: 'failed', sagaData: { error: 'payment declined' } });
    await expect(recordSagaStep(h.db, saga.id, 'authorize_payment', 'confirm_order')).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    await expect(finishSaga(h.db, saga.id, 'completed')).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
  });

  it('keeps the status to started, completed and failed', async () => {
    const { saga } = await start();
    await expect(h.db.orderProcessingSaga.update({ where: { id: saga.id }, data: { status: 'lost' } })).rejects.toThrow();
  });
});

describe('claiming stalled sagas', () => {
  let second: OrderDb;
  beforeAll(async () => {
    second = createOrderDb({ connectionString: h.database.url });
    await second.$queryRaw`SELECT 1`;
  });
  afterAll(() => second?.$disconnect());

  it('claims started sagas older than the cut-off, not fresh, finished or recently claimed ones', async () => {
    const stalled = await start();
    const fresh = await start();
    const done = await start();
    await finishSaga(h.db, done.saga.id, 'completed');
    await stall([stalled.saga.id, done.saga.id], 10);
    const cutoff = new Date(Date.now() - 5 * 60_000);
    const claimed = await claimStalledSagas(h.db, cutoff, 100);
    const ids = claimed.map((s) => s.id);
    expect(ids).toContain(stalled.saga.id);
    expect(ids).not.toContain(fresh.saga.id);
    expect(ids).not.toContain(done.saga.id);
    expect(claimed.find((s) => s.id === stalled.saga.id)!.updatedAt!.getTime()).toBeGreaterThan(cutoff.getTime());
    expect((await claimStalledSagas(h.db, cutoff, 100)).map((s) => s.id)).not.toContain(stalled.saga.id);
  });

  it('gives each stalled saga to exactly one of two replicas claiming at the same time', async () => {
    const sagas = await Promise.all(Array.from({ length: 30 }, () => start()));
    const ids = sagas.map((s) => s.saga.id);
    await stall(ids, 60);
    const cutoff = new Date(Date.now() - 30 * 60_000);
    // Two clients (two pools, as two replicas would have), each claiming in batches until nothing is left.
    const claimAll = async (db: OrderDb) => {
      const mine: string[] = [];
      for (let batch = await claimStalledSagas(db, cutoff, 4); batch.length; batch = await claimStalledSagas(db, cutoff, 4)) mine.push(...batch.map((s) => s.id));
      return mine;
    };
    const [a, b] = await Promise.all([claimAll(h.db), claimAll(second)]);
    const ours = (list: string[]) => list.filter((id) => ids.includes(id));
    expect([...ours(a), ...ours(b)].sort()).toEqual([...ids].sort());
    expect(new Set([...a, ...b]).size).toBe(a.length + b.length);
  });

  it('skips sagas another replica is claiming right now instead of waiting for them or taking them too', async () => {
    const sagas = await Promise.all(Array.from({ length: 6 }, () => start()));
    await stall(sagas.map((s) => s.saga.id), 180);
    const cutoff = new Date(Date.now() - 120 * 60_000);
    await h.db.$transaction(async (tx) => {
      const first = await claimStalledSagas(tx, cutoff, 3); // its row locks last until this transaction commits
      const other = await claimStalledSagas(second, cutoff, 10); // plain FOR UPDATE would wait here forever
      expect(first).toHaveLength(3);
      expect(other).toHaveLength(3);
      expect(first.map((s) => s.id).filter((id) => other.some((o) => o.id === id))).toEqual([]);
    });
  });
});

describe("the saga's confirmation in one statement", () => {
  /** A placed order and its started saga, the way the checkout leaves them before confirming. */
  async function placedWithSaga() {
    const order = await seedOrder(h, randomUUID());
    const { saga } = await start({ orderId: order.id });
    return { order, saga };
  }
  const confirm = (order: Order, sagaId: string) =>
    confirmPlacedOrder(h.serviceContext(), order, sagaStepsWrite(sagaId, [{ step: 'order_confirmed' }], 'cart_cleared', { claim: 'completed' }));

  it('confirms the order with its history and OrderConfirmed, and records the step, all at once', async () => {
    const { order, saga } = await placedWithSaga();
    const confirmed = await confirm(order, saga.id);
    const row = await h.db.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(confirmed).toMatchObject({ id: order.id, status: 'confirmed', version: 2n });
    expect(row).toMatchObject({ status: 'confirmed', version: 2n });
    const history = await h.db.orderStatusHistory.findMany({ where: { orderId: order.id }, orderBy: { createdAt: 'asc' } });
    expect(history.map((e) => [e.previousStatus, e.newStatus])).toEqual([[null, 'pending'], ['pending', 'confirmed']]);
    const events = await eventsOf(h, order.id);
    expect(events.map((e) => [e.eventType, Number(e.version)])).toEqual([['OrderPlaced', 1], ['OrderConfirmed', 2]]);
    expect(events[1].eventData).toMatchObject({ orderId: order.id, status: 'confirmed', previousStatus: 'pending', total: order.totalAmount.toFixed(2) });
    const after = await h.db.orderProcessingSaga.findUniqueOrThrow({ where: { id: saga.id } });
    expect(after.currentStep).toBe('cart_cleared');
    expect((after.sagaData as { completedSteps: { step: string }[] }).completedSteps.map((s) => s.step)).toEqual(['order_confirmed']);
  });

  it('writes nothing when the saga was finished meanwhile (another replica compensated it)', async () => {
    const { order, saga } = await placedWithSaga();
    await finishSaga(h.db, saga.id, 'failed', 'compensated elsewhere');
    expect(await confirm(order, saga.id)).toBeNull();
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'pending', version: 1n });
    expect((await eventsOf(h, order.id)).map((e) => e.eventType)).toEqual(['OrderPlaced']);
    expect(await h.db.orderStatusHistory.count({ where: { orderId: order.id } })).toBe(1);
  });

  it('writes nothing, not even the saga step, when the order moved on meanwhile', async () => {
    const { order, saga } = await placedWithSaga();
    await h.db.order.update({ where: { id: order.id }, data: { version: 2n } });
    expect(await confirm(order, saga.id)).toBeNull();
    expect(await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'pending' });
    const after = await h.db.orderProcessingSaga.findUniqueOrThrow({ where: { id: saga.id } });
    expect((after.sagaData as { completedSteps: unknown[] }).completedSteps).toEqual([]);
    expect((await eventsOf(h, order.id)).map((e) => e.eventType)).toEqual(['OrderPlaced']);
  });

  it("takes the order's lock before the saga's, as the transaction path does, so the two never deadlock", async () => {
    const { order, saga } = await placedWithSaga();
    const [holder, probe] = [new Client({ connectionString: h.database.url }), new Client({ connectionString: h.database.url })];
    await Promise.all([holder.connect(), probe.connect()]);
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM orders WHERE id = $1 FOR UPDATE', [order.id]);
      const confirming = confirm(order, saga.id);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Waiting for the order, the confirmation holds no lock on the saga yet.
      await probe.query('BEGIN');
      await expect(probe.query('SELECT id FROM order_processing_sagas WHERE id = $1 FOR UPDATE NOWAIT', [saga.id])).resolves.toMatchObject({ rowCount: 1 });
      await probe.query('ROLLBACK');
      await holder.query('COMMIT');
      expect(await confirming).toMatchObject({ status: 'confirmed' });
    } finally {
      await Promise.all([holder.end(), probe.end()]);
    }
  });

  it('confirms once when two replicas confirm the same order at the same moment', async () => {
    const { order, saga } = await placedWithSaga();
    const results = await Promise.all(Array.from({ length: 10 }, () => confirm(order, saga.id)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await eventsOf(h, order.id)).map((e) => e.eventType)).toEqual(['OrderPlaced', 'OrderConfirmed']);
    expect(await h.db.orderStatusHistory.count({ where: { orderId: order.id } })).toBe(2);
  });
});
