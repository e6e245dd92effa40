import { randomUUID } from 'node:crypto';
import { applyOnce, createLogger, type EventEnvelope } from '@shop/platform';
import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';
import { eventually, startRedisServer, type RedisServer } from '../../../packages/platform/test/events-support';
import { createCartDb, type CartDb } from '../src/index';
import { inTransaction } from '../src/db';
import type { VariantInfo } from '../src/domain/cart';
import { eventHandlers } from '../src/events/handlers';
import { startVariantCacheSync, VariantCache, type VariantCacheSync } from '../src/ports/variant-cache';
import { describeWithRedisServer } from '@shop/platform/testing';

let redis: RedisServer;
let database: TestDatabase;
let db: CartDb;
const syncs: VariantCacheSync[] = [];
const log = createLogger('cart-events', process.env.LOG_LEVEL ?? 'silent');

beforeAll(async () => {
  redis = await startRedisServer();
  database = await createTestDatabase('cart');
  db = createCartDb({ connectionString: database.url });
});
afterAll(async () => {
  for (const sync of syncs) await sync.stop();
  await redis?.close();
  await db?.$disconnect();
  await database?.drop();
});

const info = (id: string, productId: string, price: string): VariantInfo => ({
  id, productId, sku: `SKU-${id.slice(0, 6)}`, productName: 'Shirt', variantName: null, price, currency: 'USD', isActive: true, productStatus: 'active',
});

/** A cart replica: its own in-process cache, kept in step through the shared Redis. */
async function replica(): Promise<{ cache: VariantCache; sync: VariantCacheSync }> {
  const cache = new VariantCache(60_000);
  const sync = await startVariantCacheSync(cache, redis.connect());
  syncs.push(sync);
  return { cache, sync };
}

function priceChanged(productId: string, variantId: string): EventEnvelope {
  return {
    id: randomUUID(), source: 'catalog', type: 'VariantPriceChanged', aggregateType: 'Product', aggregateId: productId, version: 4, schemaVersion: 1,
    occurredAt: new Date().toISOString(), data: { productId, productVersion: 2, variantId, sku: 'S', oldPrice: '19.90', newPrice: '24.50', currency: 'USD' },
  };
}

/** Redis Streams themselves: a redis-server of this file's own. */
const describeStreams = describeWithRedisServer('cart variant-cache-sync', 'replicas kept in step over Redis Streams');

describeStreams('the cart forgets changed variants on every replica', () => {
  it('applies VariantPriceChanged once: the replica that got it and every other replica forget the variant, a redelivery is skipped', async () => {
    const [a, b, c] = [await replica(), await replica(), await replica()];
    const productId = randomUUID();
    const [changed, other] = [randomUUID(), randomUUID()];
    for (const { cache } of [a, b, c]) {
      cache.set(changed, info(changed, productId, '19.90'));
      cache.set(other, info(other, randomUUID(), '5.00'));
    }
    const handler = eventHandlers({ db, log, variantCacheSync: a.sync }).find((h) => h.type === 'VariantPriceChanged')!;
    const event = priceChanged(productId, changed);
    const run = () => applyOnce((work) => inTransaction(db, work), handler, event);

    expect(await run()).toEqual({ status: 'applied' });
    expect(a.cache.get(changed)).toBeUndefined();
    await eventually(async () => b.cache.get(changed) === undefined && c.cache.get(changed) === undefined, 'the other replicas to forget', 5_000);
    expect([a, b, c].map(({ cache }) => cache.get(other)?.price)).toEqual(['5.00', '5.00', '5.00']);

    expect(await run()).toEqual({ status: 'duplicate' });
    expect(await db.processedEvent.count({ where: { eventId: event.id } })).toBe(1);
  });

  it('forgets every kept variant of a product when the product changes', async () => {
    const { cache, sync } = await replica();
    const productId = randomUUID();
    const [v1, v2, v3] = [randomUUID(), randomUUID(), randomUUID()];
    cache.set(v1, info(v1, productId, '1.00'));
    cache.set(v2, info(v2, productId, '2.00'));
    cache.set(v3, info(v3, randomUUID(), '3.00'));
    const handler = eventHandlers({ db, log, variantCacheSync: sync }).find((h) => h.type === 'ProductArchived')!;
    await applyOnce((work) => inTransaction(db, work), handler, { ...priceChanged(productId, v1), type: 'ProductArchived', data: { productId, productVersion: 3 } });
    expect([cache.get(v1), cache.get(v2), cache.get(v3)?.price]).toEqual([undefined, undefined, '3.00']);
  });

  it('does not keep a catalog answer fetched before the variant was forgotten (a request in flight cannot bring the old price back)', () => {
    const cache = new VariantCache(60_000);
    const id = randomUUID();
    const since = cache.token();
    cache.forget({ variantIds: [id] });
    cache.set(id, info(id, randomUUID(), '19.90'), since);
    expect(cache.get(id)).toBeUndefined();
    cache.set(id, info(id, randomUUID(), '24.50'), cache.token());
    expect(cache.get(id)?.price).toBe('24.50');
  });

  it('forgets in this process when there is no Redis (embedded mode)', async () => {
    const cache = new VariantCache(60_000);
    const sync = await startVariantCacheSync(cache, null);
    const id = randomUUID();
    cache.set(id, info(id, randomUUID(), '1.00'));
    await sync.announce({ variantIds: [id] });
    expect(cache.get(id)).toBeUndefined();
  });
});
