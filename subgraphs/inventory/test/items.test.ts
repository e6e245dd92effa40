import { randomUUID } from 'node:crypto';
import { createLogger } from '@shop/platform';
import { seedDemoInventory } from '../src/index';
import { demoQuantity } from '../src/seed/demo-inventory';
import { asAdmin, codeOf, anonymous, startInventoryHarness, type InventoryHarness } from './harness';
import { ITEM, reconciliationOf, reserve, RESTOCK } from './operations';
import { newOrderId, seedItem } from './seed';

let h: InventoryHarness;

beforeAll(async () => {
  h = await startInventoryHarness();
});
afterAll(() => h?.stop());

const ENSURE = `mutation ($input: EnsureInventoryItemInput!) { ensureInventoryItem(input: $input) {
  id sku quantityAvailable lowStockThreshold reorderPoint reorderQuantity variant { id } product { id } } }`;
const SETTINGS = `mutation ($variantId: ID!, $input: InventorySettingsInput!) { updateInventorySettings(variantId: $variantId, input: $input) {
  lowStockThreshold reorderPoint reorderQuantity version } }`;
const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
  ... on ProductVariant { id availability { inStock quantityAvailable lowStock } }
  ... on Product { id availability { inStock totalAvailable } } } }`;

describe('inventory items', () => {
  it('keeps stock for a new catalog variant, idempotently: the same call twice gives one item', async () => {
    const input = { variantId: randomUUID(), productId: randomUUID(), sku: 'TEE-RED-M' };
    const first = await h.query(ENSURE, { input }, asAdmin());
    const second = await h.query(ENSURE, { input }, asAdmin());

    expect(first.data.ensureInventoryItem).toMatchObject({
      sku: 'TEE-RED-M', quantityAvailable: 0, lowStockThreshold: 10, reorderPoint: 20, reorderQuantity: 100,
      variant: { id: input.variantId }, product: { id: input.productId },
    });
    expect(second.data.ensureInventoryItem.id).toBe(first.data.ensureInventoryItem.id);
    expect(await h.db.inventoryItem.count({ where: { productVariantId: input.variantId } })).toBe(1);
  });

  it('creates one item when the same variant arrives many times at once', async () => {
    const input = { variantId: randomUUID(), productId: randomUUID(), sku: 'MUG-1', lowStockThreshold: 3 };
    const results = await Promise.all(Array.from({ length: 10 }, () => h.query(ENSURE, { input }, asAdmin())));
    expect(new Set(results.map((r) => r.data.ensureInventoryItem.id)).size).toBe(1);
    expect(results[0].data.ensureInventoryItem.lowStockThreshold).toBe(3);
  });

  it('follows a SKU change and refuses to move a variant to another product', async () => {
    const input = { variantId: randomUUID(), productId: randomUUID(), sku: 'OLD' };
    await h.query(ENSURE, { input }, asAdmin());
    expect((await h.query(ENSURE, { input: { ...input, sku: 'NEW' } }, asAdmin())).data.ensureInventoryItem.sku).toBe('NEW');
    expect(codeOf(await h.query(ENSURE, { input: { ...input, productId: randomUUID() } }, asAdmin()))).toBe('CONFLICT');
  });

  it('restocks: adds to available, stamps last_restocked_at and writes a restock ledger row by the admin', async () => {
    const item = await seedItem(h.db, { available: 2 });
    const { data } = await h.query(RESTOCK, { input: { variantId: item.variantId, quantity: 40, reason: 'PO-1182' } }, asAdmin());
    expect(data.restockInventory).toMatchObject({ quantityAvailable: 42, lastRestockedAt: expect.any(String) });
    const ledger = (await h.query(ITEM, { variantId: item.variantId }, asAdmin())).data.inventoryItem.ledger.edges.map((e: any) => e.node);
    expect(ledger[0]).toMatchObject({ type: 'RESTOCK', quantityChange: 40, reason: 'PO-1182', createdBy: expect.any(String) });
  });

  it('changes alert and reorder settings, bumping the version', async () => {
    const item = await seedItem(h.db, { available: 2 });
    const { data } = await h.query(SETTINGS, { variantId: item.variantId, input: { lowStockThreshold: 1, reorderQuantity: 25 } }, asAdmin());
    expect(data.updateInventorySettings).toEqual({ lowStockThreshold: 1, reorderPoint: 3, reorderQuantity: 25, version: 2 });
    expect(codeOf(await h.query(SETTINGS, { variantId: item.variantId, input: { reorderPoint: -1 } }, asAdmin()))).toBe('BAD_USER_INPUT');
  });

  it('answers null for a variant without an item', async () => {
    expect((await h.query(ITEM, { variantId: randomUUID() }, asAdmin())).data.inventoryItem).toBeNull();
  });
});

describe('availability', () => {
  it('answers for variants and products through _entities, zero for ones without stock', async () => {
    const productId = randomUUID();
    const a = await seedItem(h.db, { available: 7, lowStockThreshold: 2, productId });
    const b = await seedItem(h.db, { available: 2, lowStockThreshold: 2, productId });
    await reserve(h, newOrderId(), [{ variantId: a.variantId, quantity: 3 }]);
    const stranger = randomUUID();

    const { data } = await h.query(ENTITIES, {
      r: [
        { __typename: 'ProductVariant', id: a.variantId },
        { __typename: 'ProductVariant', id: b.variantId },
        { __typename: 'ProductVariant', id: stranger },
        { __typename: 'Product', id: productId },
        { __typename: 'Product', id: randomUUID() },
        { __typename: 'ProductVariant', id: 'not-a-uuid' },
      ],
    }, anonymous());

    expect(data._entities).toEqual([
      { id: a.variantId, availability: { inStock: true, quantityAvailable: 4, lowStock: false } },
      { id: b.variantId, availability: { inStock: true, quantityAvailable: 2, lowStock: true } },
      { id: stranger, availability: { inStock: false, quantityAvailable: 0, lowStock: false } },
      { id: productId, availability: { inStock: true, totalAvailable: 6 } },
      { id: expect.any(String), availability: { inStock: false, totalAvailable: 0 } },
      { id: 'not-a-uuid', availability: { inStock: false, quantityAvailable: 0, lowStock: false } },
    ]);
  });

  it('costs one statement per entity type, whether the gateway asks for 10 or 50 products', async () => {
    const statementsFor = async (count: number) => {
      const products = await Promise.all(
        Array.from({ length: count }, async () => {
          const productId = randomUUID();
          const items = [await seedItem(h.db, { productId }), await seedItem(h.db, { productId })];
          return { productId, variants: items.map((i) => i.variantId) };
        }),
      );
      const r = products.flatMap((p) => [{ __typename: 'Product', id: p.productId }, ...p.variants.map((id) => ({ __typename: 'ProductVariant', id }))]);
      h.statements.reset();
      const { data, errors } = await h.query(ENTITIES, { r }, anonymous());
      expect(errors).toBeUndefined();
      expect(data._entities).toHaveLength(count * 3);
      return h.statements.count;
    };
    const ten = await statementsFor(10);
    const fifty = await statementsFor(50);
    expect(fifty).toBe(ten);
    expect(ten).toBe(2);
  });
});

describe('demo stock', () => {
  it('keeps stock for every demo variant once, with opening restocks that reconcile, and the same numbers every run', async () => {
    const log = createLogger('demo', 'silent');
    const fresh = await startInventoryHarness();
    try {
      const productId = randomUUID();
      const variants = Array.from({ length: 40 }, (_, i) => ({ id: randomUUID(), productId, sku: `DEMO-${i}` }));
      expect(await seedDemoInventory(fresh.db, variants, log)).toEqual({ seeded: true, items: 40 });
      expect(await seedDemoInventory(fresh.db, variants, log)).toMatchObject({ seeded: false });
      expect(await fresh.db.inventoryItem.count()).toBe(40);
      const quantities = variants.map((v) => demoQuantity(v.sku));
      expect(quantities).toEqual(variants.map((v) => demoQuantity(v.sku)));
      expect(quantities.some((q) => q === 0)).toBe(true);
      expect(quantities.some((q) => q > 0 && q <= 10)).toBe(true);
      const stored = await fresh.db.inventoryItem.findMany({ select: { sku: true, quantityAvailable: true } });
      for (const s of stored) expect(s.quantityAvailable).toBe(demoQuantity(s.sku));
      expect(await reconciliationOf(fresh)).toEqual([]);
    } finally {
      await fresh.stop();
    }
  });
});
