import { createLogger } from '@shop/platform';
import { createInventoryDb, releaseExpiredReservations, startReservationSweeper, type InventoryDb } from '../src/index';
import { asAdmin, codeOf, startInventoryHarness, type InventoryHarness } from './harness';
import { COMMIT, reconciliationOf, reserve } from './operations';
import { newOrderId, quantitiesOf, seedItem } from './seed';

let h: InventoryHarness;

beforeAll(async () => {
  h = await startInventoryHarness();
});
afterAll(() => h?.stop());

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000);

async function reservedOrders(count: number, item: { variantId: string }, ttlSeconds = 60) {
  const orders = Array.from({ length: count }, newOrderId);
  for (const orderId of orders) {
    const { errors } = await reserve(h, orderId, [{ variantId: item.variantId, quantity: 1 }], { ttlSeconds });
    expect(errors).toBeUndefined();
  }
  return orders;
}

describe('reservation expiry', () => {
  it('releases reservations whose time is up: status expired, stock back on sale, one expiry ledger row each', async () => {
    const item = await seedItem(h.db, { available: 5 });
    const [orderId] = await reservedOrders(1, item);

    expect(await releaseExpiredReservations(h.db, inMinutes(0.5))).toBe(0);
    expect(await releaseExpiredReservations(h.db, inMinutes(2))).toBe(1);

    expect(await h.db.inventoryReservation.findFirst({ where: { orderId } })).toMatchObject({ status: 'expired' });
    expect(await quantitiesOf(h.db, item.id)).toEqual({ available: 5, reserved: 0, committed: 0 });
    const expiry = await h.db.inventoryTransaction.findMany({ where: { inventoryItemId: item.id, transactionType: 'expiry' } });
    expect(expiry).toMatchObject([{ quantityChange: 1, reservedChange: -1, referenceId: orderId, createdBy: null }]);
    expect(await releaseExpiredReservations(h.db, inMinutes(2))).toBe(0);
  });

  it('leaves committed reservations alone, and an expired reservation can no longer be committed', async () => {
    const item = await seedItem(h.db, { available: 5 });
    const [kept, lapsed] = await reservedOrders(2, item);
    await h.query(COMMIT, { orderId: kept }, asAdmin());

    expect(await releaseExpiredReservations(h.db, inMinutes(2))).toBe(1);

    expect(codeOf(await h.query(COMMIT, { orderId: lapsed }, asAdmin()))).toBe('CONFLICT');
    expect(await quantitiesOf(h.db, item.id)).toEqual({ available: 4, reserved: 0, committed: 1 });
  });

  it('releases each reservation exactly once when two sweepers run at the same time, in small batches', async () => {
    const item = await seedItem(h.db, { available: 60 });
    await reservedOrders(60, item);
    const second: InventoryDb = createInventoryDb({ connectionString: h.database.url });
    try {
      const sweepAll = async (db: InventoryDb) => {
        let total = 0;
        for (let n = -1; n !== 0; total += n) n = await releaseExpiredReservations(db, inMinutes(2), 7);
        return total;
      };
      const [one, two] = await Promise.all([sweepAll(h.db), sweepAll(second)]);

      expect(one + two).toBe(60);
      expect(await h.db.inventoryReservation.count({ where: { inventoryItemId: item.id, status: 'expired' } })).toBe(60);
      expect(await h.db.inventoryTransaction.count({ where: { inventoryItemId: item.id, transactionType: 'expiry' } })).toBe(60);
      expect(await quantitiesOf(h.db, item.id)).toEqual({ available: 60, reserved: 0, committed: 0 });
      expect(await reconciliationOf(h)).toEqual([]);
    } finally {
      await second.$disconnect();
    }
  });

  it('runs on an interval inside the subgraph process and stops cleanly', async () => {
    const item = await seedItem(h.db, { available: 2 });
    const [orderId] = await reservedOrders(1, item);
    await h.db.inventoryReservation.updateMany({ where: { orderId }, data: { expiresAt: new Date(Date.now() - 1_000) } });

    const sweeper = startReservationSweeper({ db: h.db, log: createLogger('sweeper', 'silent'), intervalMs: 50 });
    try {
      for (let waited = 0; waited < 5_000; waited += 50) {
        if ((await quantitiesOf(h.db, item.id)).reserved === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await sweeper.stop();
    }
    expect(await quantitiesOf(h.db, item.id)).toEqual({ available: 2, reserved: 0, committed: 0 });
  });

  it('stops after the batch in flight instead of working through a whole backlog', async () => {
    const item = await seedItem(h.db, { available: 40 });
    const orders = await reservedOrders(40, item);
    await h.db.inventoryReservation.updateMany({ where: { orderId: { in: orders } }, data: { expiresAt: new Date(Date.now() - 1_000) } });

    const sweeper = startReservationSweeper({ db: h.db, log: createLogger('sweeper', 'silent'), intervalMs: 60_000, batchSize: 5 });
    const sweeping = sweeper.sweep();
    await sweeper.stop();

    const released = await sweeping;
    expect(released).toBeGreaterThanOrEqual(5);
    expect(released).toBeLessThan(40);
    expect((await quantitiesOf(h.db, item.id)).reserved).toBe(40 - released);
    expect(await releaseExpiredReservations(h.db, new Date(), 100)).toBe(40 - released);
  });
});
