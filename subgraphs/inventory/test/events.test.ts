import { randomUUID } from 'node:crypto';
import { createLogger, recordEvent, redisTransport, startConsumer, startRelay, type Consumer, type Relay } from '@shop/platform';
import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';
import { eventually, startRedisServer, type RedisServer } from '../../../packages/platform/test/events-support';
import { createInventoryDb, type InventoryDb } from '../src/index';
import { inTransaction } from '../src/db';
import { eventHandlers } from '../src/events/handlers';
import { applyMovements } from '../src/services/movements';
import { asAdmin, codeOf, startInventoryHarness, type InventoryHarness } from './harness';
import { COMMIT, reserve, RESTOCK } from './operations';
import { newOrderId, seedItem } from './seed';
import { describeWithRedisServer } from '@shop/platform/testing';

let h: InventoryHarness;
let catalogDatabase: TestDatabase;
/** The catalog's outbox, written the way the catalog does (recordEvent in its transaction). */
let catalog: InventoryDb;
let redis: RedisServer;
let relay: Relay;
let consumer: Consumer;
const log = createLogger('inventory-events', process.env.LOG_LEVEL ?? 'silent');

beforeAll(async () => {
  h = await startInventoryHarness();
  catalogDatabase = await createTestDatabase('catalog');
  catalog = createInventoryDb({ connectionString: catalogDatabase.url });
  redis = await startRedisServer();
  const transport = redisTransport(redis.connect());
  relay = startRelay({ context: 'catalog', databaseUrl: catalogDatabase.url, transport, logger: log, pollIntervalMs: 200 });
  consumer = startConsumer({ receiver: 'inventory', transport, inTransaction: (work) => inTransaction(h.db, work), handlers: eventHandlers({ db: h.db, log }), logger: log, blockMs: 200 });
});
afterAll(async () => {
  await consumer?.stop();
  await relay?.stop();
  await redis?.close();
  await catalog?.$disconnect();
  await catalogDatabase?.drop();
  await h?.stop();
});

const stockEvents = (itemId: string) =>
  h.db.domainEvent.findMany({ where: { aggregateId: itemId }, orderBy: { sequence: 'asc' } });
const summary = async (itemId: string) =>
  (await stockEvents(itemId)).map((e) => ({ type: e.eventType, aggregate: e.aggregateType, version: Number(e.version), data: e.eventData as Record<string, unknown> }));

/** Publishes a catalog event for a product, as the catalog's services do. */
async function catalogEvent(productId: string, type: string, data: Record<string, unknown>): Promise<string> {
  return catalog.$transaction((tx) => recordEvent(tx, { aggregateType: 'Product', aggregateId: productId, type, data: { productId, productVersion: 1, ...data } }));
}
const pendingInGroup = async () => Number(((await redis.connect().xpending('events:catalog', 'inventory')) as [number])[0]);
const itemOf = (variantId: string) => h.db.inventoryItem.findUnique({ where: { productVariantId: variantId } });
const processed = (eventId: string) => h.db.processedEvent.count({ where: { eventId } });
const AVAILABILITY = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on ProductVariant { availability { inStock quantityAvailable } } } }`;

/** Redis Streams themselves: a redis-server of this file's own. */
const describeStreams = describeWithRedisServer('inventory events', "the inventory context's relay and consumer over Redis Streams");

describeStreams('stock events', () => {
  it('a reservation records StockLevelChanged with the quantities after it, in its own statement; a refusal and a commit record none', async () => {
    const item = await seedItem(h.db, { available: 10, lowStockThreshold: 2 });
    const orderId = newOrderId();
    expect(codeOf(await reserve(h, orderId, [{ variantId: item.variantId, quantity: 3 }]))).toBe('no error');
    expect(codeOf(await reserve(h, newOrderId(), [{ variantId: item.variantId, quantity: 50 }]))).toBe('OUT_OF_STOCK');
    expect(codeOf(await h.query(COMMIT, { orderId }, asAdmin()))).toBe('no error');
    expect(await summary(item.id)).toEqual([
      {
        type: 'StockLevelChanged', aggregate: 'InventoryItem', version: 2,
        data: { itemId: item.id, variantId: item.variantId, productId: item.productId, available: 7, reserved: 3, committed: 0, previousAvailable: 10, lowStockThreshold: 2 },
      },
    ]);
  });

  it('records StockLow, OutOfStock and BackInStock when available crosses, by the low-stock alert rule', async () => {
    const item = await seedItem(h.db, { available: 5, lowStockThreshold: 2 });
    await reserve(h, newOrderId(), [{ variantId: item.variantId, quantity: 3 }]); // 5 → 2: low
    await reserve(h, newOrderId(), [{ variantId: item.variantId, quantity: 1 }]); // 2 → 1: level only
    await reserve(h, newOrderId(), [{ variantId: item.variantId, quantity: 1 }]); // 1 → 0: out
    expect(codeOf(await h.query(RESTOCK, { input: { variantId: item.variantId, quantity: 4 } }, asAdmin()))).toBe('no error'); // 0 → 4: back
    const events = await summary(item.id);
    expect(events.map((e) => [e.type, e.aggregate, e.version, e.data.available])).toEqual([
      ['StockLevelChanged', 'InventoryItem', 2, 2],
      ['StockLow', 'InventoryItemStock', 2, 2],
      ['StockLevelChanged', 'InventoryItem', 3, 1],
      ['StockLevelChanged', 'InventoryItem', 4, 0],
      ['OutOfStock', 'InventoryItemStock', 4, 0],
      ['StockLevelChanged', 'InventoryItem', 5, 4],
      ['BackInStock', 'InventoryItemStock', 5, 4],
    ]);
    const alerts = await h.db.lowStockAlert.findMany({ where: { inventoryItemId: item.id }, orderBy: { createdAt: 'asc' } });
    expect(alerts.map((a) => a.alertType)).toEqual(['low_stock', 'out_of_stock']);
  });

  it('records nothing when the transaction that moved stock rolls back', async () => {
    const item = await seedItem(h.db, { available: 10 });
    await expect(
      inTransaction(h.db, async (tx) => {
        await applyMovements(tx, [{ itemId: item.id, type: 'restock', quantity: 5, referenceId: null, referenceType: null, reason: 'test' }], null, new Date());
        expect(await tx.domainEvent.count({ where: { aggregateId: item.id } })).toBe(1);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await stockEvents(item.id)).toHaveLength(0);
    expect((await itemOf(item.variantId))?.quantityAvailable).toBe(10);
  });
});

describeStreams('reactions to the catalog', () => {
  it('keeps stock for a variant the catalog created: an item with nothing available, and a redelivery changes nothing', async () => {
    const productId = randomUUID();
    const variantId = randomUUID();
    const eventId = await catalogEvent(productId, 'VariantCreated', { variantId, sku: `EV-${variantId.slice(0, 6)}`, price: '9.99', currency: 'USD', isActive: true, productStatus: 'active' });
    await eventually(async () => (await itemOf(variantId)) !== null, 'the inventory item');
    const item = await itemOf(variantId);
    expect(item).toMatchObject({ productId, sku: `EV-${variantId.slice(0, 6)}`, quantityAvailable: 0, variantArchived: false, productArchived: false });

    // The relay publishes the same row again (as after a Redis that lost its data): the consumer skips it.
    await catalog.$executeRaw`UPDATE domain_events SET published_at = NULL, processed = false, stream_id = NULL WHERE id = ${eventId}::uuid`;
    relay.wake();
    await eventually(async () => (await catalog.domainEvent.findUniqueOrThrow({ where: { id: eventId } })).publishedAt !== null, 'the republish');
    // A later event applied and nothing pending in the group: the consumer has seen the duplicate.
    const marker = randomUUID();
    await catalogEvent(randomUUID(), 'VariantCreated', { variantId: marker, sku: 'MARKER', isActive: true, productStatus: 'active' });
    await eventually(async () => (await itemOf(marker)) !== null && (await pendingInGroup()) === 0, 'the duplicate to be handled');
    expect(await processed(eventId)).toBe(1);
    expect(await h.db.inventoryItem.count({ where: { productVariantId: variantId } })).toBe(1);
    expect(await itemOf(variantId)).toEqual(item);
  });

  it('stops selling an archived variant (reservations OUT_OF_STOCK, NOT_SELLABLE; availability out of stock), and all variants of an archived product', async () => {
    const productId = randomUUID();
    const [kept, archived] = [randomUUID(), randomUUID()];
    for (const variantId of [kept, archived]) {
      await catalogEvent(productId, 'VariantCreated', { variantId, sku: `EV-${variantId.slice(0, 6)}`, price: '9.99', currency: 'USD', isActive: true, productStatus: 'active' });
    }
    await eventually(async () => (await h.db.inventoryItem.count({ where: { productId } })) === 2, 'both items');
    for (const variantId of [kept, archived]) {
      expect(codeOf(await h.query(RESTOCK, { input: { variantId, quantity: 10 } }, asAdmin()))).toBe('no error');
    }

    await catalogEvent(productId, 'VariantArchived', { variantId: archived, sku: 'x' });
    await eventually(async () => (await itemOf(archived))?.variantArchived === true, 'the variant archived');
    const refused = await reserve(h, newOrderId(), [{ variantId: kept, quantity: 1 }, { variantId: archived, quantity: 1 }]);
    expect(codeOf(refused)).toBe('OUT_OF_STOCK');
    expect(refused.errors?.[0].extensions).toMatchObject({ reason: 'NOT_SELLABLE', variantIds: [archived] });
    expect((await itemOf(kept))?.quantityReserved).toBe(0);
    const shown = await h.query(AVAILABILITY, { reps: [{ __typename: 'ProductVariant', id: archived }, { __typename: 'ProductVariant', id: kept }] });
    expect(shown.data._entities.map((e: { availability: unknown }) => e.availability)).toEqual([{ inStock: false, quantityAvailable: 0 }, { inStock: true, quantityAvailable: 10 }]);

    await catalogEvent(productId, 'ProductArchived', {});
    await eventually(async () => (await itemOf(kept))?.productArchived === true, 'the product archived');
    expect(codeOf(await reserve(h, newOrderId(), [{ variantId: kept, quantity: 1 }]))).toBe('OUT_OF_STOCK');

    // Restoring the product brings back the variant archived with it, not the one archived on its own.
    await catalogEvent(productId, 'ProductUpdated', { status: 'active', sku: 'P', name: 'P', slug: 'p', categoryId: null, brandId: null });
    await eventually(async () => (await itemOf(kept))?.productArchived === false, 'the product restored');
    expect(codeOf(await reserve(h, newOrderId(), [{ variantId: kept, quantity: 1 }]))).toBe('no error');
    expect(codeOf(await reserve(h, newOrderId(), [{ variantId: archived, quantity: 1 }]))).toBe('OUT_OF_STOCK');
  });

  it('sends a payload that breaks its contract to the dead letters at once, with the reason', async () => {
    const productId = randomUUID();
    await catalogEvent(productId, 'VariantCreated', { variantId: 'not-a-uuid', sku: 'X' });
    await eventually(async () => (await consumer.deadLetters.list({ first: 50 })).some((l) => l.aggregateId === productId), 'the dead letter');
    const letter = (await consumer.deadLetters.list({ first: 50 })).find((l) => l.aggregateId === productId)!;
    expect(letter.error).toMatch(/variantId/);
    expect(letter.attempts).toBe(1);
  });
});
