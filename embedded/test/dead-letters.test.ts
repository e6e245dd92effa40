import { randomUUID } from 'node:crypto';
import { until } from '@shop/platform/testing';
import { asAdmin, asCustomer, startShop, type Shop } from './shop-harness';

/**
 * A reaction that keeps failing, through the whole shop: staff add a variant, inventory's real VariantCreated
 * handler fails on every attempt (a trigger in inventory's database refuses that variant's item, as a broken
 * deployment or a bad row would), the event goes to inventory's dead letters after the consumer's attempts
 * (5, backoff from 200 ms: a few seconds), staff see it through the gateway, "fix" the handler by dropping the
 * trigger and replay it. Waits poll with a deadline (no timed assertions).
 */
let shop: Shop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.stop());

const ADD_VARIANT = `mutation($p: ID!, $v: Int!, $input: VariantInput!) { addVariant(productId: $p, expectedVersion: $v, input: $input) { id sku } }`;
const PRODUCT_VERSION = `query($id: ID!) { product(id: $id) { version } }`;
const ITEM = `query($v: ID!) { inventoryItem(variantId: $v) { sku quantityAvailable sellable } }`;
const LETTERS = `{ inventoryEventDeadLetters(first: 100) { id eventId source type aggregateType error attempts failedAt data } }`;
const REPLAY = `mutation($id: ID!) { replayInventoryEventDeadLetter(id: $id) { outcome error deadLetter { id attempts } } }`;

async function ok(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = asAdmin) {
  const { data, errors } = await shop.gateway.query(query, variables, headers);
  if (errors) throw new Error(JSON.stringify(errors));
  return data;
}

type Letter = { id: string; eventId: string; source: string; type: string; aggregateType: string; error: string; attempts: number; failedAt: string; data: string };
const letters = async (): Promise<Letter[]> => (await ok(LETTERS)).inventoryEventDeadLetters;
const letterFor = (all: Letter[], variantId: string) => all.find((l) => l.type === 'VariantCreated' && JSON.parse(l.data).variantId === variantId);

/** Inventory's database refuses to keep stock for this SKU, whatever inserts it. */
async function breakStockKeepingFor(sku: string): Promise<() => Promise<void>> {
  const name = `refuse_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await shop.inventoryDb.$executeRawUnsafe(`
    CREATE FUNCTION ${name}() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION 'the stock ledger refuses %', NEW.sku;
    END $$ LANGUAGE plpgsql`);
  await shop.inventoryDb.$executeRawUnsafe(`
    CREATE TRIGGER ${name} BEFORE INSERT ON inventory_items FOR EACH ROW
    WHEN (NEW.sku = '${sku.replace(/'/g, "''")}') EXECUTE FUNCTION ${name}()`);
  return async () => {
    await shop.inventoryDb.$executeRawUnsafe(`DROP TRIGGER ${name} ON inventory_items`);
    await shop.inventoryDb.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
  };
}

describe("inventory's dead letters through the gateway", () => {
  it('a variant whose stock cannot be kept reaches the dead letters after its attempts, and replays once fixed', async () => {
    const { productId, sku: baseSku } = await shop.product(0);
    const sku = `${baseSku}-XXL`;
    const fix = await breakStockKeepingFor(sku);
    const version = (await ok(PRODUCT_VERSION, { id: productId })).product.version;
    const { addVariant } = await ok(ADD_VARIANT, { p: productId, v: version, input: { sku, price: '25.00' } });
    const variantId: string = addVariant.id;

    const all = await until(letters, (l) => letterFor(l, variantId) !== undefined, 'the dead letter', 30_000);
    const letter = letterFor(all, variantId)!;
    expect(letter).toMatchObject({ source: 'catalog', type: 'VariantCreated', attempts: 5 });
    expect(letter.error).toContain(`the stock ledger refuses ${sku}`);
    expect(JSON.parse(letter.data)).toMatchObject({ productId, variantId, sku });
    expect(await shop.inventoryDb.inventoryItem.count({ where: { productVariantId: variantId } })).toBe(0);

    // Only staff see and replay dead letters.
    const asShopper = await shop.gateway.query(LETTERS, {}, asCustomer(randomUUID()));
    expect(asShopper.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await shop.gateway.query(REPLAY, { id: letter.id }, {});
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // Replaying before the fix fails again: the letter stays, with one more attempt.
    const stillBroken = (await ok(REPLAY, { id: letter.id })).replayInventoryEventDeadLetter;
    expect(stillBroken.outcome).toBe('FAILED');
    expect(stillBroken.error).toContain(`the stock ledger refuses ${sku}`);
    expect(stillBroken.deadLetter.attempts).toBe(6);

    await fix();
    const replayed = (await ok(REPLAY, { id: stillBroken.deadLetter.id })).replayInventoryEventDeadLetter;
    expect(replayed).toEqual({ outcome: 'APPLIED', error: null, deadLetter: null });
    expect((await ok(ITEM, { v: variantId })).inventoryItem).toEqual({ sku, quantityAvailable: 0, sellable: true });
    expect(letterFor(await letters(), variantId)).toBeUndefined();

    const again = await shop.gateway.query(REPLAY, { id: stillBroken.deadLetter.id }, asAdmin);
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
