import { Agent, fetch } from 'undici';
import { asAdmin, codeOf, startInventoryHarness, type GraphQLResult, type InventoryHarness } from './harness';
import { RESERVE, reconciliationOf, type Line } from './operations';
import { newOrderId, quantitiesOf, seedItem } from './seed';

let h: InventoryHarness;
// Enough sockets that all requests are in flight at once: the subgraph, not the client, decides who wins.
const agent = new Agent({ connections: 256 });

beforeAll(async () => {
  h = await startInventoryHarness();
});
afterAll(async () => {
  await agent.close();
  await h?.stop();
});

/** Fires all reservations at the real subgraph together and waits for every answer. */
async function fireTogether(requests: { orderId: string; lines: Line[] }[]): Promise<GraphQLResult[]> {
  const send = (r: { orderId: string; lines: Line[] }) =>
    fetch(h.inventory.url, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', ...asAdmin() },
      body: JSON.stringify({ query: RESERVE, variables: { input: r } }),
    }).then((res) => res.json() as Promise<GraphQLResult>);
  return Promise.all(requests.map(send));
}

const tally = (results: GraphQLResult[]) =>
  results.reduce<Record<string, number>>((counts, r) => ({ ...counts, [codeOf(r)]: (counts[codeOf(r)] ?? 0) + 1 }), {});

describe('reservations under concurrency', () => {
  it('lets exactly 10 of 200 simultaneous one-unit reservations through for an item with 10 available', async () => {
    const item = await seedItem(h.db, { available: 10 });

    const results = await fireTogether(Array.from({ length: 200 }, () => ({ orderId: newOrderId(), lines: [{ variantId: item.variantId, quantity: 1 }] })));

    expect(tally(results)).toEqual({ 'no error': 10, OUT_OF_STOCK: 190 });
    const refused = results.find((r) => codeOf(r) === 'OUT_OF_STOCK');
    expect(refused?.errors?.[0].extensions.lines).toEqual([{ variantId: item.variantId, requested: 1, available: 0 }]);
    expect(await quantitiesOf(h.db, item.id)).toEqual({ available: 0, reserved: 10, committed: 0 });
    expect(await h.db.inventoryReservation.count({ where: { inventoryItemId: item.id, status: 'active' } })).toBe(10);
    expect(await h.db.inventoryTransaction.count({ where: { inventoryItemId: item.id, transactionType: 'reservation' } })).toBe(10);
    expect(await reconciliationOf(h)).toEqual([]);
  });

  it('never deadlocks the caller when multi-line reservations lock overlapping items in opposite orders', async () => {
    const items = await Promise.all([seedItem(h.db, { available: 60 }), seedItem(h.db, { available: 60 }), seedItem(h.db, { available: 60 })]);
    const [a, b, c] = items.map((i) => i.variantId);
    const shapes: Line[][] = [
      [{ variantId: a, quantity: 1 }, { variantId: b, quantity: 1 }],
      [{ variantId: b, quantity: 1 }, { variantId: a, quantity: 1 }],
      [{ variantId: c, quantity: 1 }, { variantId: b, quantity: 1 }, { variantId: a, quantity: 1 }],
      [{ variantId: a, quantity: 1 }, { variantId: c, quantity: 1 }],
    ];

    const results = await fireTogether(Array.from({ length: 200 }, (_, i) => ({ orderId: newOrderId(), lines: shapes[i % shapes.length] })));

    // Only two outcomes exist: reserved, or refused for want of stock. No deadlock, no serialization error.
    const counts = tally(results);
    expect(Object.keys(counts).sort()).toEqual(['OUT_OF_STOCK', 'no error']);
    const reservedUnits = results
      .filter((r) => codeOf(r) === 'no error')
      .flatMap((r) => r.data.reserveStock.reservations)
      .reduce((sum: number, r: any) => sum + r.quantity, 0);
    const quantities = await Promise.all(items.map((i) => quantitiesOf(h.db, i.id)));
    for (const q of quantities) {
      expect(q.available).toBeGreaterThanOrEqual(0);
      expect(q.available + q.reserved).toBe(60);
    }
    expect(quantities.reduce((sum, q) => sum + q.reserved, 0)).toBe(reservedUnits);
    // Stock ran out on the busiest item (a is in every shape), so some orders were refused.
    expect(quantities[0].available).toBe(0);
    expect(await reconciliationOf(h)).toEqual([]);
  });

  it('keeps every quantity non-negative even when the code is bypassed: the CHECK constraint refuses', async () => {
    const item = await seedItem(h.db, { available: 1 });
    await expect(h.db.$executeRaw`UPDATE inventory_items SET quantity_available = quantity_available - 2 WHERE id = ${item.id}::uuid`).rejects.toThrow(
      /inventory_items_quantities_check/,
    );
    await expect(h.db.$executeRaw`UPDATE inventory_items SET quantity_reserved = -1 WHERE id = ${item.id}::uuid`).rejects.toThrow(/check/);
  });
});

describe('repeated orders under concurrency', () => {
  it('holds stock once per (order, item) even when an order retries all at once against scarce stock', async () => {
    const item = await seedItem(h.db, { available: 3 });
    const orders = [newOrderId(), newOrderId(), newOrderId(), newOrderId(), newOrderId()];
    // Each order sends its request 20 times at once: 100 requests, 5 distinct orders, 3 units.
    const results = await fireTogether(orders.flatMap((orderId) => Array.from({ length: 20 }, () => ({ orderId, lines: [{ variantId: item.variantId, quantity: 1 }] }))));
    const winners = new Set(results.filter((r) => codeOf(r) === 'no error').map((r) => r.data.reserveStock.orderId));
    expect(winners.size).toBe(3);
    expect(await quantitiesOf(h.db, item.id)).toEqual({ available: 0, reserved: 3, committed: 0 });
    expect(await h.db.inventoryReservation.count({ where: { inventoryItemId: item.id } })).toBe(3);
    // Every repeat of a winning order got the winner's reservation, even those that waited while the stock ran out;
    // every repeat of a losing order was refused.
    orders.forEach((orderId, i) => {
      const answers = results.slice(i * 20, i * 20 + 20);
      if (winners.has(orderId)) {
        expect(answers.map(codeOf)).toEqual(Array(20).fill('no error'));
        expect(new Set(answers.map((r) => r.data.reserveStock.reservations[0].id)).size).toBe(1);
      } else {
        expect(answers.map(codeOf)).toEqual(Array(20).fill('OUT_OF_STOCK'));
      }
    });
  });
});
