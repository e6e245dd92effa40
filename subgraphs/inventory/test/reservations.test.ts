import { commitReservations, reserveStock } from '../src/index';
import { asAdmin, codeOf, startInventoryHarness, type InventoryHarness } from './harness';
import { COMMIT, FULFIL, ITEM, reconciliationOf, RELEASE, reserve } from './operations';
import { newOrderId, quantitiesOf, seedItem } from './seed';

let h: InventoryHarness;

beforeAll(async () => {
  h = await startInventoryHarness();
});
afterAll(() => h?.stop());

const countRows = async () => ({
  reservations: await h.db.inventoryReservation.count(),
  ledger: await h.db.inventoryTransaction.count(),
});

describe('reserveStock', () => {
  it('moves the quantity from available to reserved, holds it until the TTL and writes one reservation ledger row', async () => {
    const item = await seedItem(h.db, { available: 10 });
    const orderId = newOrderId();
    const before = Date.now();
    const { data, errors } = await reserve(h, orderId, [{ variantId: item.variantId, quantity: 3 }], { ttlSeconds: 600 });

    expect(errors).toBeUndefined();
    const [reservation] = data.reserveStock.reservations;
    expect(reservation).toMatchObject({ orderId, quantity: 3, status: 'ACTIVE', variant: { id: item.variantId } });
    const expires = Date.parse(reservation.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 600_000 - 1_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 600_000 + 1_000);
    expect(await quantitiesOf(h.db, item.id)).toEqual({ available: 7, reserved: 3, committed: 0 });
    const ledger = await h.db.inventoryTransaction.findMany({ where: { inventoryItemId: item.id, transactionType: 'reservation' } });
    expect(ledger).toMatchObject([{ quantityChange: -3, reservedChange: 3, committedChange: 0, referenceId: orderId, referenceType: 'order' }]);
  });

  it('reserves every line or none: one short line refuses the order with OUT_OF_STOCK and writes nothing', async () => {
    const plenty = await seedItem(h.db, { available: 50 });
    const scarce = await seedItem(h.db, { available: 1 });
    const rowsBefore = await countRows();

    const result = await reserve(h, newOrderId(), [
      { variantId: plenty.variantId, quantity: 5 },
      { variantId: scarce.variantId, quantity: 2 },
    ]);

    expect(codeOf(result)).toBe('OUT_OF_STOCK');
    expect(result.errors?.[0].extensions.lines).toEqual([{ variantId: scarce.variantId, requested: 2, available: 1 }]);
    expect(result.errors?.[0].message).toContain('2 requested, 1 available');
    expect(await quantitiesOf(h.db, plenty.id)).toEqual({ available: 50, reserved: 0, committed: 0 });
    expect(await quantitiesOf(h.db, scarce.id)).toEqual({ available: 1, reserved: 0, committed: 0 });
    expect(await countRows()).toEqual(rowsBefore);
  });

  it('names every short line with what is available', async () => {
    const a = await seedItem(h.db, { available: 0 });
    const b = await seedItem(h.db, { available: 4 });
    const result = await reserve(h, newOrderId(), [{ variantId: a.variantId, quantity: 1 }, { variantId: b.variantId, quantity: 5 }]);
    expect(result.errors?.[0].extensions.lines).toEqual([
      { variantId: a.variantId, requested: 1, available: 0 },
      { variantId: b.variantId, requested: 5, available: 4 },
    ]);
  });

  it('reserves once when called twice for the same order, returning the same reservation', async () => {
    const item = await seedItem(h.db, { available: 10 });
    const orderId = newOrderId();
    const lines = [{ variantId: item.variantId, quantity: 4 }];

    const first = await reserve(h, orderId, lines);
    const second = await reserve(h, orderId, lines);

    expect(second.errors).toBeUndefined();
    expect(second.data.reserveStock.reservations).toEqual(first.data.reserveStock.reservations);
    expect(await quantitiesOf(h.db, item.id)).toEqual({ available: 6, reserved: 4, committed: 0 });
    expect(await h.db.inventoryTransaction.count({ where: { inventoryItemId: item.id, transactionType: 'reservation' } })).toBe(1);
  });

  it('reserves once when the same order is sent many times at the same moment', async () => {
    const item = await seedItem(h.db, { available: 10 });
    const orderId = newOrderId();
    const results = await Promise.all(Array.from({ length: 20 }, () => reserve(h, orderId, [{ variantId: item.variantId, quantity: 2 }])));
    expect(results.map(codeOf)).toEqual(Array(20).fill('no error'));
    expect(new Set(results.map((r) => r.data.reserveStock.reservations[0].id)).size).toBe(1);
    expect(await quantitiesOf(h.db, item.id)).toEqual({ available: 8, reserved: 2, committed: 0 });
  });

  it('adds the new lines of a repeated call and keeps the lines already held', async () => {
    const held = await seedItem(h.db, { available: 10 });
    const added = await seedItem(h.db, { available: 10 });
    const orderId = newOrderId();
    await reserve(h, orderId, [{ variantId: held.variantId, quantity: 1 }]);
    const { data } = await reserve(h, orderId, [{ variantId: held.variantId, quantity: 1 }, { variantId: added.variantId, quantity: 2 }]);
    expect(data.reserveStock.reservations.map((r: any) => r.quantity)).toEqual([1, 2]);
    expect(await quantitiesOf(h.db, held.id)).toEqual({ available: 9, reserved: 1, committed: 0 });
    expect(await quantitiesOf(h.db, added.id)).toEqual({ available: 8, reserved: 2, committed: 0 });
  });

  it('refuses a repeated call that asks for another quantity, with CONFLICT, changing nothing', async () => {
    const item = await seedItem(h.db, { available: 10 });
    const orderId = newOrderId();
    await reserve(h, orderId, [{ variantId: item.variantId, quantity: 1 }]);
    const result = await reserve(h, orderId, [{ variantId: item.variantId, quantity: 3 }]);
    expect(codeOf(result)).toBe('CONFLICT');
    expect(await quantitiesOf(h.db, item.id)).toEqual({ available: 9, reserved: 1, committed: 0 });
  });

  it('is callable in-process by the checkout saga, with the same rules', async () => {
    const item = await seedItem(h.db, { available: 2 });
    const orderId = newOrderId();
    const result = await reserveStock(h.context(), { orderId, lines: [{ variantId: item.variantId, quantity: 2 }] });
    expect(result.reservations[0]).toMatchObject({ quantity: 2, status: 'active', variantId: item.variantId });
    await expect(reserveStock(h.context(), { orderId: newOrderId(), lines: [{ variantId: item.variantId, quantity: 1 }] })).rejects.toMatchObject({
      extensions: { code: 'OUT_OF_STOCK' },
    });
    expect((await commitReservations(h.context(), orderId))[0].status).toBe('committed');
  });
});

describe('the rest of the checkout saga', () => {
  async function reservedOrder(quantity = 3, available = 10) {
    const item = await seedItem(h.db, { available });
    const orderId = newOrderId();
    const { errors } = await reserve(h, orderId, [{ variantId: item.variantId, quantity }]);
    expect(errors).toBeUndefined();
    return { item, orderId };
  }

  it('commits: reserved becomes committed, and committing again changes nothing', async () => {
    const { item, orderId } = await reservedOrder(3);
    h.statements.reset();
    const first = await h.query(COMMIT, { orderId }, asAdmin());
    // The reservations locked; the items, ledger, events and the reservations' status in one statement; COMMIT
    // (Prisma's log does not report BEGIN): the items' locks are held across no round trip but the COMMIT.
    expect(h.statements.count).toBe(3);
    const again = await h.query(COMMIT, { orderId }, asAdmin());
    expect(first.data.commitReservations[0].status).toBe('COMMITTED');
    expect(again.data.commitReservations[0].status).toBe('COMMITTED');
    expect(await quantitiesOf(h.db, item.id)).toEqual({ available: 7, reserved: 0, committed: 3 });
    expect(await h.db.inventoryTransaction.count({ where: { inventoryItemId: item.id, transactionType: 'commit' } })).toBe(1);
  });

  it('fulfils: committed stock leaves the books as a sale, once', async () => {
    const { item, orderId } = await reservedOrder(3);
    await h.query(COMMIT, { orderId }, asAdmin());
    await h.query(FULFIL, { orderId }, asAdmin());
    const again = await h.query(FULFIL, { orderId }, asAdmin());
    expect(again.data.fulfilReservations[0].status).toBe('FULFILLED');
    expect(await quantitiesOf(h.db, item.id)).toEqual({ available: 7, reserved: 0, committed: 0 });
    const sale = await h.db.inventoryTransaction.findMany({ where: { inventoryItemId: item.id, transactionType: 'sale' } });
    expect(sale).toMatchObject([{ quantityChange: 0, reservedChange: 0, committedChange: -3 }]);
  });

  it('releases: reserved stock goes back on sale, and releasing again changes nothing', async () => {
    const { item, orderId } = await reservedOrder(4);
    await h.query(RELEASE, { orderId }, asAdmin());
    const again = await h.query(RELEASE, { orderId }, asAdmin());
    expect(again.data.releaseReservations[0].status).toBe('RELEASED');
    expect(await quantitiesOf(h.db, item.id)).toEqual({ available: 10, reserved: 0, committed: 0 });
  });

  it('refuses to commit a released order, to release a committed one and to fulfil an uncommitted one', async () => {
    const released = await reservedOrder();
    await h.query(RELEASE, { orderId: released.orderId }, asAdmin());
    expect(codeOf(await h.query(COMMIT, { orderId: released.orderId }, asAdmin()))).toBe('CONFLICT');

    const committed = await reservedOrder();
    await h.query(COMMIT, { orderId: committed.orderId }, asAdmin());
    expect(codeOf(await h.query(RELEASE, { orderId: committed.orderId }, asAdmin()))).toBe('CONFLICT');

    const active = await reservedOrder();
    expect(codeOf(await h.query(FULFIL, { orderId: active.orderId }, asAdmin()))).toBe('CONFLICT');
    expect(await quantitiesOf(h.db, active.item.id)).toEqual({ available: 7, reserved: 3, committed: 0 });
  });

  it('answers NOT_FOUND for an order that holds nothing', async () => {
    expect(codeOf(await h.query(COMMIT, { orderId: newOrderId() }, asAdmin()))).toBe('NOT_FOUND');
  });

  it('shows every movement in the item ledger, newest first, with who made it', async () => {
    const { item, orderId } = await reservedOrder(2);
    await h.query(COMMIT, { orderId }, asAdmin());
    const { data } = await h.query(ITEM, { variantId: item.variantId }, asAdmin());
    expect(data.inventoryItem.ledger.edges.map((e: any) => e.node.type)).toEqual(['COMMIT', 'RESERVATION', 'RESTOCK']);
    expect(data.inventoryItem.ledger.edges[0].node).toMatchObject({ quantityChange: 0, reservedChange: -2, committedChange: 2, referenceId: orderId });
    expect(data.inventoryItem.ledger.edges[0].node.createdBy).toMatch(/^0{8}-/);
  });
});

describe('reconciliation', () => {
  it('finds every item equal to the sum of its ledger after a mixed workload', async () => {
    const items = await Promise.all([seedItem(h.db, { available: 30 }), seedItem(h.db, { available: 30 })]);
    for (let i = 0; i < 6; i++) {
      const orderId = newOrderId();
      await reserve(h, orderId, items.map((it) => ({ variantId: it.variantId, quantity: 1 + i })));
      if (i % 3 === 0) await h.query(RELEASE, { orderId }, asAdmin());
      if (i % 3 >= 1) await h.query(COMMIT, { orderId }, asAdmin());
      if (i % 3 === 2) await h.query(FULFIL, { orderId }, asAdmin());
    }
    expect(await reconciliationOf(h)).toEqual([]);
  });

  it('reports an item whose quantity was changed behind the ledger', async () => {
    const item = await seedItem(h.db, { available: 5 });
    await h.db.$executeRaw`UPDATE inventory_items SET quantity_available = 6 WHERE id = ${item.id}::uuid`;
    const mismatches = await reconciliationOf(h);
    expect(mismatches).toEqual([expect.objectContaining({ item: { id: item.id }, quantityAvailable: 6, ledgerAvailable: 5 })]);
    await h.db.$executeRaw`UPDATE inventory_items SET quantity_available = 5 WHERE id = ${item.id}::uuid`;
  });
});
