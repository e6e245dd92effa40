import { randomUUID } from 'node:crypto';
import { ADMIN_ID, asAdmin, asCustomer, asService, anonymous, codeOf, startInventoryHarness, type InventoryHarness } from './harness';
import { COMMIT, RECONCILIATION, reserve, RESTOCK } from './operations';
import { newOrderId, quantitiesOf, seedItem } from './seed';

let h: InventoryHarness;
let item: Awaited<ReturnType<typeof seedItem>>;

beforeAll(async () => {
  h = await startInventoryHarness();
  item = await seedItem(h.db, { available: 10 });
});
afterAll(() => h?.stop());

const nothingWritten = async () => {
  expect(await quantitiesOf(h.db, item.id)).toEqual({ available: 10, reserved: 0, committed: 0 });
  expect(await h.db.inventoryReservation.count()).toBe(0);
  expect(await h.db.inventoryTransaction.count()).toBe(1); // the opening restock
};

describe('reserveStock refuses bad input with BAD_USER_INPUT and writes nothing', () => {
  const line = (quantity: number) => [{ variantId: item.variantId, quantity }];

  it.each([
    ['a zero quantity', 0],
    ['a negative quantity', -3],
    ['a quantity above 1,000,000', 1_000_001],
  ])('%s', async (_, quantity) => {
    const result = await reserve(h, newOrderId(), line(quantity));
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions.fields[0].field).toBe('lines.0.quantity');
    await nothingWritten();
  });

  it('a quantity beyond a 32-bit integer (refused by GraphQL itself)', async () => {
    expect(codeOf(await reserve(h, newOrderId(), line(10_000_000_000)))).toBe('BAD_USER_INPUT');
    await nothingWritten();
  });

  it.each([
    ['shorter than a minute', 59],
    ['longer than a day', 86_401],
    ['of minus one second', -1],
  ])('a TTL %s', async (_, ttlSeconds) => {
    const result = await reserve(h, newOrderId(), line(1), { ttlSeconds });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions.fields[0].field).toBe('ttlSeconds');
    await nothingWritten();
  });

  it('an order id or variant id that is not a UUID', async () => {
    expect(codeOf(await reserve(h, 'order-1', line(1)))).toBe('BAD_USER_INPUT');
    expect(codeOf(await reserve(h, newOrderId(), [{ variantId: 'abc', quantity: 1 }]))).toBe('BAD_USER_INPUT');
    await nothingWritten();
  });

  it('no lines, more than 100 lines, or the same variant twice', async () => {
    expect(codeOf(await reserve(h, newOrderId(), []))).toBe('BAD_USER_INPUT');
    const many = Array.from({ length: 101 }, () => ({ variantId: item.variantId, quantity: 1 }));
    expect(codeOf(await reserve(h, newOrderId(), many))).toBe('BAD_USER_INPUT');
    expect(codeOf(await reserve(h, newOrderId(), [...line(1), ...line(2)]))).toBe('BAD_USER_INPUT');
    await nothingWritten();
  });

  it('answers NOT_FOUND for a variant no stock is kept for, naming it, and writes nothing for the other lines', async () => {
    const unknown = '00000000-0000-4000-8000-0000000000ee';
    const result = await reserve(h, newOrderId(), [...line(1), { variantId: unknown, quantity: 1 }]);
    expect(codeOf(result)).toBe('NOT_FOUND');
    expect(result.errors?.[0].extensions.variantIds).toEqual([unknown]);
    await nothingWritten();
  });

  it('accepts the bounds themselves: quantity 1 and TTL 60 or 86400 seconds', async () => {
    expect(codeOf(await reserve(h, newOrderId(), line(1), { ttlSeconds: 60 }))).toBe('no error');
    expect(codeOf(await reserve(h, newOrderId(), line(1), { ttlSeconds: 86_400 }))).toBe('no error');
    expect(await quantitiesOf(h.db, item.id)).toEqual({ available: 8, reserved: 2, committed: 0 });
  });
});

describe('restock and saga operations refuse bad input too', () => {
  it('refuses restocking zero, negative or huge quantities, and unknown variants', async () => {
    const other = await seedItem(h.db, { available: 0 });
    for (const quantity of [0, -1, 1_000_001]) {
      expect(codeOf(await h.query(RESTOCK, { input: { variantId: other.variantId, quantity } }, asAdmin()))).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(await h.query(RESTOCK, { input: { variantId: '00000000-0000-4000-8000-0000000000ef', quantity: 1 } }, asAdmin()))).toBe('NOT_FOUND');
    expect(await quantitiesOf(h.db, other.id)).toEqual({ available: 0, reserved: 0, committed: 0 });
  });

  it('refuses an order id that is not a UUID', async () => {
    expect(codeOf(await h.query(COMMIT, { orderId: 'nope' }, asAdmin()))).toBe('BAD_USER_INPUT');
  });
});

describe('who may do what', () => {
  it('keeps stock operations, the ledger and reconciliation for staff: customers get FORBIDDEN, strangers UNAUTHENTICATED', async () => {
    const other = await seedItem(h.db, { available: 5 });
    const lines = [{ variantId: other.variantId, quantity: 1 }];
    expect(codeOf(await reserve(h, newOrderId(), lines, {}, asCustomer()))).toBe('FORBIDDEN');
    expect(codeOf(await reserve(h, newOrderId(), lines, {}, anonymous()))).toBe('UNAUTHENTICATED');
    expect(codeOf(await h.query(RESTOCK, { input: { variantId: other.variantId, quantity: 5 } }, asCustomer()))).toBe('FORBIDDEN');
    expect(codeOf(await h.query(RECONCILIATION, {}, asCustomer()))).toBe('FORBIDDEN');
    expect(codeOf(await h.query(`{ inventoryItem(variantId: "${other.variantId}") { id } }`, {}, anonymous()))).toBe('UNAUTHENTICATED');
    expect(await quantitiesOf(h.db, other.id)).toEqual({ available: 5, reserved: 0, committed: 0 });
  });

  it('shows availability to everyone, through _entities as the gateway asks', async () => {
    const other = await seedItem(h.db, { available: 5 });
    const result = await h.query(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ProductVariant { availability { inStock quantityAvailable lowStock } } } }`,
      { r: [{ __typename: 'ProductVariant', id: other.variantId }] },
      anonymous(),
    );
    expect(result.data._entities).toEqual([{ availability: { inStock: true, quantityAvailable: 5, lowStock: false } }]);
  });

  it('ignores bare identity headers: without a token the caller is anonymous', async () => {
    const headers = { 'x-dev-customer-id': ADMIN_ID, 'x-dev-roles': 'admin' };
    expect(codeOf(await h.query(RECONCILIATION, {}, headers))).toBe('UNAUTHENTICATED');
  });

  it('lets the checkout saga (a service token) reserve, but not restock', async () => {
    const item = await seedItem(h.db, { available: 5 });
    const reserve = await h.query(
      `mutation($input: ReserveStockInput!) { reserveStock(input: $input) { reservations { quantity } } }`,
      { input: { orderId: randomUUID(), lines: [{ variantId: item.variantId, quantity: 1 }] } },
      asService(),
    );
    expect(reserve.errors).toBeUndefined();
    const restock = await h.query(
      `mutation($input: RestockInput!) { restockInventory(input: $input) { id } }`,
      { input: { variantId: item.variantId, quantity: 1 } },
      asService(),
    );
    expect(codeOf(restock)).toBe('FORBIDDEN');
  });
});
