import { asAdmin, asCustomer, asSecondAdmin, ADMIN_ID, codeOf, SECOND_ADMIN_ID, startInventoryHarness, THIRD_ADMIN_ID, type InventoryHarness } from './harness';
import { reconciliationOf, reserve } from './operations';
import { newOrderId, quantitiesOf, seedItem } from './seed';

let h: InventoryHarness;

beforeAll(async () => {
  h = await startInventoryHarness();
});
afterAll(() => h?.stop());

const ADJUSTMENT = 'id adjustmentNumber reason notes status createdBy approvedBy approvedAt rejectedBy lines { item { id } currentQuantity adjustedQuantity difference }';
const DRAFT = `mutation ($input: DraftStockAdjustmentInput!) { draftStockAdjustment(input: $input) { ${ADJUSTMENT} } }`;
const APPROVE = `mutation ($id: ID!) { approveStockAdjustment(id: $id) { ${ADJUSTMENT} } }`;
const REJECT = `mutation ($id: ID!) { rejectStockAdjustment(id: $id) { ${ADJUSTMENT} } }`;
const LIST = `query ($status: StockAdjustmentStatus) { stockAdjustments(status: $status, first: 50) { edges { node { id status } } } }`;

async function draft(lines: { variantId: string; adjustedQuantity: number }[], headers = asAdmin()) {
  const result = await h.query(DRAFT, { input: { reason: 'Cycle count', notes: 'Aisle 4', lines } }, headers);
  return result;
}

describe('stock adjustments', () => {
  it('drafts a count with the current, adjusted and difference quantity of each line, changing no stock', async () => {
    const a = await seedItem(h.db, { available: 10 });
    const b = await seedItem(h.db, { available: 4 });
    const { data, errors } = await draft([{ variantId: a.variantId, adjustedQuantity: 7 }, { variantId: b.variantId, adjustedQuantity: 6 }]);

    expect(errors).toBeUndefined();
    expect(data.draftStockAdjustment).toMatchObject({
      status: 'PENDING', reason: 'Cycle count', notes: 'Aisle 4', createdBy: ADMIN_ID, approvedBy: null,
    });
    expect(data.draftStockAdjustment.lines).toHaveLength(2);
    expect(data.draftStockAdjustment.lines).toEqual(
      expect.arrayContaining([
        { item: { id: a.id }, currentQuantity: 10, adjustedQuantity: 7, difference: -3 },
        { item: { id: b.id }, currentQuantity: 4, adjustedQuantity: 6, difference: 2 },
      ]),
    );
    expect(data.draftStockAdjustment.adjustmentNumber).toMatch(/^ADJ-\d{8}-[0-9A-F]{6}$/);
    expect(await quantitiesOf(h.db, a.id)).toEqual({ available: 10, reserved: 0, committed: 0 });
  });

  it('is approved by another admin, who applies every line in one go with an adjustment ledger row each', async () => {
    const a = await seedItem(h.db, { available: 10 });
    const b = await seedItem(h.db, { available: 4 });
    const drafted = (await draft([{ variantId: a.variantId, adjustedQuantity: 7 }, { variantId: b.variantId, adjustedQuantity: 6 }])).data.draftStockAdjustment;

    const { data, errors } = await h.query(APPROVE, { id: drafted.id }, asSecondAdmin());

    expect(errors).toBeUndefined();
    expect(data.approveStockAdjustment).toMatchObject({ status: 'APPROVED', approvedBy: SECOND_ADMIN_ID });
    expect(data.approveStockAdjustment.approvedAt).toEqual(expect.any(String));
    expect((await quantitiesOf(h.db, a.id)).available).toBe(7);
    expect((await quantitiesOf(h.db, b.id)).available).toBe(6);
    const rows = await h.db.inventoryTransaction.findMany({ where: { referenceId: drafted.id }, orderBy: { quantityChange: 'asc' } });
    expect(rows).toMatchObject([
      { inventoryItemId: a.id, transactionType: 'adjustment', quantityChange: -3, referenceType: 'adjustment', reason: 'Cycle count', createdBy: SECOND_ADMIN_ID },
      { inventoryItemId: b.id, transactionType: 'adjustment', quantityChange: 2 },
    ]);
    expect(await reconciliationOf(h)).toEqual([]);
  });

  it('cannot be approved by its own author', async () => {
    const item = await seedItem(h.db, { available: 10 });
    const drafted = (await draft([{ variantId: item.variantId, adjustedQuantity: 1 }])).data.draftStockAdjustment;
    const result = await h.query(APPROVE, { id: drafted.id }, asAdmin());
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect((await quantitiesOf(h.db, item.id)).available).toBe(10);
  });

  it('fails with CONFLICT and applies nothing when stock moved since the draft', async () => {
    const still = await seedItem(h.db, { available: 10 });
    const moved = await seedItem(h.db, { available: 10 });
    const drafted = (await draft([{ variantId: still.variantId, adjustedQuantity: 8 }, { variantId: moved.variantId, adjustedQuantity: 9 }])).data.draftStockAdjustment;
    await reserve(h, newOrderId(), [{ variantId: moved.variantId, quantity: 2 }]);

    const result = await h.query(APPROVE, { id: drafted.id }, asSecondAdmin());

    expect(codeOf(result)).toBe('CONFLICT');
    expect(result.errors?.[0].extensions.lines).toEqual([{ variantId: moved.variantId, drafted: 10, current: 8 }]);
    expect((await quantitiesOf(h.db, still.id)).available).toBe(10);
    expect((await quantitiesOf(h.db, moved.id)).available).toBe(8);
    expect(await h.db.stockAdjustment.findUnique({ where: { id: drafted.id } })).toMatchObject({ status: 'pending', approvedBy: null });
    expect(await h.db.inventoryTransaction.count({ where: { referenceId: drafted.id } })).toBe(0);
  });

  it('is rejected by a reviewer (or withdrawn by its author) without touching stock, and cannot be decided twice', async () => {
    const item = await seedItem(h.db, { available: 10 });
    const first = (await draft([{ variantId: item.variantId, adjustedQuantity: 1 }])).data.draftStockAdjustment;
    const second = (await draft([{ variantId: item.variantId, adjustedQuantity: 2 }])).data.draftStockAdjustment;

    const rejected = await h.query(REJECT, { id: first.id }, asSecondAdmin());
    const withdrawn = await h.query(REJECT, { id: second.id }, asAdmin());

    expect(rejected.data.rejectStockAdjustment).toMatchObject({ status: 'REJECTED', rejectedBy: SECOND_ADMIN_ID, approvedBy: null });
    expect(withdrawn.data.rejectStockAdjustment).toMatchObject({ status: 'REJECTED', rejectedBy: ADMIN_ID });
    expect(codeOf(await h.query(APPROVE, { id: first.id }, asSecondAdmin()))).toBe('CONFLICT');
    expect(codeOf(await h.query(REJECT, { id: first.id }, asSecondAdmin()))).toBe('CONFLICT');
    expect((await quantitiesOf(h.db, item.id)).available).toBe(10);
  });

  it('is approved once when two admins approve at the same moment', async () => {
    const item = await seedItem(h.db, { available: 10 });
    const drafted = (await draft([{ variantId: item.variantId, adjustedQuantity: 12 }])).data.draftStockAdjustment;
    const results = await Promise.all([h.query(APPROVE, { id: drafted.id }, asSecondAdmin()), h.query(APPROVE, { id: drafted.id }, asAdmin(THIRD_ADMIN_ID))]);
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'no error']);
    expect((await quantitiesOf(h.db, item.id)).available).toBe(12);
  });

  it('lists adjustments newest first, by status', async () => {
    const item = await seedItem(h.db, { available: 3 });
    const drafted = (await draft([{ variantId: item.variantId, adjustedQuantity: 3 }])).data.draftStockAdjustment;
    const pending = await h.query(LIST, { status: 'PENDING' }, asAdmin());
    expect(pending.data.stockAdjustments.edges[0].node).toEqual({ id: drafted.id, status: 'PENDING' });
    expect(pending.data.stockAdjustments.edges.every((e: any) => e.node.status === 'PENDING')).toBe(true);
  });

  it('refuses drafts for unknown variants, negative or huge counts, duplicate lines and non-staff callers', async () => {
    const item = await seedItem(h.db, { available: 3 });
    const before = await h.db.stockAdjustment.count();
    expect(codeOf(await draft([{ variantId: '00000000-0000-4000-8000-0000000000ff', adjustedQuantity: 1 }]))).toBe('NOT_FOUND');
    expect(codeOf(await draft([{ variantId: item.variantId, adjustedQuantity: -1 }]))).toBe('BAD_USER_INPUT');
    expect(codeOf(await draft([{ variantId: item.variantId, adjustedQuantity: 1_000_001 }]))).toBe('BAD_USER_INPUT');
    expect(codeOf(await draft([{ variantId: item.variantId, adjustedQuantity: 1 }, { variantId: item.variantId, adjustedQuantity: 2 }]))).toBe('BAD_USER_INPUT');
    expect(codeOf(await draft([{ variantId: item.variantId, adjustedQuantity: 1 }], asCustomer()))).toBe('FORBIDDEN');
    expect(await h.db.stockAdjustment.count()).toBe(before);
  });
});
