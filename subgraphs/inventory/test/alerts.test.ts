import { Prisma } from '../src/db';
import { alertFor } from '../src/domain/stock';
import { ALERT_KIND_SQL } from '../src/services/alert-sql';
import { asAdmin, asSecondAdmin, codeOf, startInventoryHarness, type InventoryHarness } from './harness';
import { reserve, RESTOCK } from './operations';
import { newOrderId, seedItem } from './seed';

let h: InventoryHarness;

beforeAll(async () => {
  h = await startInventoryHarness();
});
afterAll(() => h?.stop());

const ALERTS = `query ($all: Boolean, $after: String) { lowStockAlerts(unacknowledgedOnly: $all, first: 2, after: $after) {
  edges { node { id type currentQuantity thresholdQuantity acknowledged acknowledgedBy item { id } } } pageInfo { hasNextPage endCursor }
} }`;
const ACK = `mutation ($id: ID!) { acknowledgeLowStockAlert(id: $id) { id acknowledged acknowledgedBy acknowledgedAt } }`;
const REORDER = `query ($after: String) { reorderSuggestions(first: 50, after: $after) { edges { node { item { id } quantityAvailable reorderPoint reorderQuantity } } } }`;

const alertsOf = (itemId: string) => h.db.lowStockAlert.findMany({ where: { inventoryItemId: itemId }, orderBy: { createdAt: 'asc' } });
const take = (variantId: string, quantity: number) => reserve(h, newOrderId(), [{ variantId, quantity }]);

describe('low-stock alerts', () => {
  it('raises one low_stock alert when a reservation crosses the threshold, in the same transaction', async () => {
    const item = await seedItem(h.db, { available: 12, lowStockThreshold: 10 });
    await take(item.variantId, 1);
    expect(await alertsOf(item.id)).toEqual([]);
    await take(item.variantId, 2);
    expect(await alertsOf(item.id)).toMatchObject([{ alertType: 'low_stock', currentQuantity: 9, thresholdQuantity: 10, isAcknowledged: false }]);
  });

  it('raises no duplicate while the alert is unacknowledged, and a new one after acknowledgement and a new crossing', async () => {
    const item = await seedItem(h.db, { available: 12, lowStockThreshold: 10 });
    await take(item.variantId, 3);
    await take(item.variantId, 1);
    expect(await alertsOf(item.id)).toHaveLength(1);

    const [alert] = await alertsOf(item.id);
    const acked = await h.query(ACK, { id: alert.id }, asAdmin());
    expect(acked.data.acknowledgeLowStockAlert).toMatchObject({ acknowledged: true, acknowledgedBy: expect.any(String) });

    await take(item.variantId, 1); // still low, no new crossing
    expect(await alertsOf(item.id)).toHaveLength(1);
    await h.query(RESTOCK, { input: { variantId: item.variantId, quantity: 10 } }, asAdmin());
    await take(item.variantId, 10); // 17 → 7: crosses again
    expect((await alertsOf(item.id)).map((a) => [a.alertType, a.isAcknowledged])).toEqual([['low_stock', true], ['low_stock', false]]);
  });

  it('raises out_of_stock on reaching zero, alongside an open low_stock alert', async () => {
    const item = await seedItem(h.db, { available: 12, lowStockThreshold: 10 });
    await take(item.variantId, 4);
    await take(item.variantId, 8);
    expect((await alertsOf(item.id)).map((a) => [a.alertType, a.currentQuantity, a.thresholdQuantity])).toEqual([
      ['low_stock', 8, 10],
      ['out_of_stock', 0, 0],
    ]);
  });

  it('keeps one open alert of a kind when many reservations cross at once', async () => {
    const item = await seedItem(h.db, { available: 30, lowStockThreshold: 10 });
    await Promise.all(Array.from({ length: 30 }, () => take(item.variantId, 1)));
    expect((await alertsOf(item.id)).map((a) => a.alertType).sort()).toEqual(['low_stock', 'out_of_stock']);
  });

  it('lists unacknowledged alerts newest first, page by page, and all alerts on request', async () => {
    const item = await seedItem(h.db, { available: 3, lowStockThreshold: 2 });
    await take(item.variantId, 1);
    await take(item.variantId, 2);
    const page1 = await h.query(ALERTS, {}, asAdmin());
    expect(page1.data.lowStockAlerts.edges.map((e: any) => e.node.type)).toEqual(['OUT_OF_STOCK', 'LOW_STOCK']);
    expect(page1.data.lowStockAlerts.edges.every((e: any) => !e.node.acknowledged)).toBe(true);
    expect(page1.data.lowStockAlerts.pageInfo.hasNextPage).toBe(true);
    const page2 = await h.query(ALERTS, { after: page1.data.lowStockAlerts.pageInfo.endCursor }, asAdmin());
    const ids = [...page1.data.lowStockAlerts.edges, ...page2.data.lowStockAlerts.edges].map((e: any) => e.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    const all = await h.query(ALERTS, { all: false }, asAdmin());
    expect(all.errors).toBeUndefined();
  });

  it('states the same crossing rule in SQL as in the domain function', async () => {
    const cases: [number, number, number | null][] = [];
    for (const before of [0, 1, 5, 9, 10, 11, 30]) for (const after of [0, 1, 5, 9, 10, 11, 30]) for (const threshold of [null, 0, 10]) cases.push([before, after, threshold]);
    const rows = await h.db.$queryRaw<{ kind: string | null }[]>`
      SELECT ${Prisma.raw(ALERT_KIND_SQL)} AS kind
      FROM unnest(${cases.map((c) => c[0])}::int[], ${cases.map((c) => c[1])}::int[], ${cases.map((c) => c[2])}::int[]) WITH ORDINALITY AS c(before, after, threshold, n)
      ORDER BY n`;
    expect(rows.map((r) => r.kind)).toEqual(cases.map(([b, a, t]) => alertFor(b, a, t)));
  });

  it('raises an alert when an approved stock count takes an item below its threshold', async () => {
    const item = await seedItem(h.db, { available: 12, lowStockThreshold: 10 });
    const draft = await h.query(
      `mutation ($input: DraftStockAdjustmentInput!) { draftStockAdjustment(input: $input) { id } }`,
      { input: { reason: 'Damaged stock', lines: [{ variantId: item.variantId, adjustedQuantity: 4 }] } },
      asAdmin(),
    );
    await h.query(`mutation ($id: ID!) { approveStockAdjustment(id: $id) { status } }`, { id: draft.data.draftStockAdjustment.id }, asSecondAdmin());
    expect(await alertsOf(item.id)).toMatchObject([{ alertType: 'low_stock', currentQuantity: 4 }]);
  });

  it('is for staff only', async () => {
    expect(codeOf(await h.query(ALERTS, {}))).toBe('UNAUTHENTICATED');
  });
});

describe('reorder suggestions', () => {
  it('lists items at or below their reorder point, emptiest first, with their reorder quantity', async () => {
    const low = await seedItem(h.db, { available: 5, reorderPoint: 20, reorderQuantity: 100 });
    const atPoint = await seedItem(h.db, { available: 20, reorderPoint: 20, reorderQuantity: 40 });
    const fine = await seedItem(h.db, { available: 21, reorderPoint: 20 });
    const untracked = await seedItem(h.db, { available: 0, reorderPoint: null });

    const { data } = await h.query(REORDER, {}, asAdmin());
    const nodes = data.reorderSuggestions.edges.map((e: any) => e.node);
    const ids = nodes.map((n: any) => n.item.id);

    expect(nodes.find((n: any) => n.item.id === low.id)).toEqual({ item: { id: low.id }, quantityAvailable: 5, reorderPoint: 20, reorderQuantity: 100 });
    expect(ids).toContain(atPoint.id);
    expect(ids).not.toContain(fine.id);
    expect(ids).not.toContain(untracked.id);
    expect(ids.indexOf(low.id)).toBeLessThan(ids.indexOf(atPoint.id));
    const quantities = nodes.map((n: any) => n.quantityAvailable);
    expect(quantities).toEqual([...quantities].sort((a, b) => a - b));
  });
});
