import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectRedis, type Redis } from '@shop/platform';
import { describeWithRedis } from '@shop/platform/testing';
import { inProcessCartStore, redisCartStore, type CartDocument, type CartStore } from '../src/index';
import { newSessionId } from '../src/domain/session';
import { deleteKeys, REDIS_URL } from './harness';

/**
 * One contract, two adapters: whatever passes here can hold carts. The Redis suite runs against the machine's
 * real Redis, and is skipped, saying so, where jest's global setup found none (never with CI=true).
 */
let redis: Redis | undefined;
const prefixes: string[] = [];
afterAll(async () => {
  if (!redis) return;
  for (const prefix of prefixes) await deleteKeys(redis, prefix);
  await redis.quit();
});

type Make = (ttlMs?: number, prefix?: string) => CartStore;

const adapters: [string, () => Promise<Make>, jest.Describe][] = [
  ['in-process', async () => (ttlMs = 60_000, prefix = `contract:${randomUUID()}:`) => inProcessCartStore({ prefix, ttlMs }), describe],
  [
    'redis',
    async () => {
      redis ??= connectRedis(REDIS_URL);
      expect(await redis.ping()).toBe('PONG');
      return (ttlMs = 60_000, prefix = `contract:${randomUUID()}:`) => {
        prefixes.push(prefix);
        return redisCartStore(redis!, { prefix, ttlMs });
      };
    },
    describeWithRedis('cart store contract, Redis adapter', 'it proves the Redis cart store itself'),
  ],
];

const cart = (overrides: Partial<CartDocument> = {}): CartDocument => ({
  cartId: randomUUID(), customerId: null, items: [], totals: { subtotal: '0.00', itemCount: 0 },
  createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), version: 1, ...overrides,
});
const line = (quantity: number) => ({ variantId: randomUUID(), sku: 'SKU-1', quantity, price: '9.90', addedAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' });

for (const [name, setUp, describeAdapter] of adapters) describeAdapter(`the ${name} cart store`, () => {
  let make: Make;
  let store: CartStore;
  beforeAll(async () => {
    make = await setUp();
  });
  beforeEach(() => {
    store = make();
  });

  it('has no session under an id it never stored', async () => {
    expect(await store.readSession(newSessionId())).toBeNull();
    expect(await store.sessionTtl(newSessionId())).toBeNull();
  });

  it('creates a session only when none exists, and reads back exactly what was written', async () => {
    const id = newSessionId();
    const doc = cart({ items: [line(2)] });
    expect(await store.replaceSession(id, null, doc)).toBe(true);
    expect(await store.replaceSession(id, null, cart())).toBe(false);
    expect(await store.readSession(id)).toEqual(doc);
  });

  it('replaces a session only at the version the writer read', async () => {
    const id = newSessionId();
    await store.replaceSession(id, null, cart());
    expect(await store.replaceSession(id, 1, cart({ version: 2, items: [line(1)] }))).toBe(true);
    expect(await store.replaceSession(id, 1, cart({ version: 2, items: [line(9)] }))).toBe(false);
    expect((await store.readSession(id))!).toMatchObject({ version: 2, items: [{ quantity: 1 }] });
    expect(await store.replaceSession(newSessionId(), 1, cart({ version: 2 }))).toBe(false);
  });

  it('loses no update when many writers read, change and write one session at once', async () => {
    const id = newSessionId();
    await store.replaceSession(id, null, cart({ items: [line(0 + 1)] }));
    const increment = async () => {
      for (;;) {
        const current = (await store.readSession(id)) as CartDocument;
        const next = { ...current, items: [{ ...current.items[0], quantity: current.items[0].quantity + 1 }], version: current.version + 1 };
        if (await store.replaceSession(id, current.version, next)) return;
      }
    };
    await Promise.all(Array.from({ length: 25 }, increment));
    expect(await store.readSession(id)).toMatchObject({ version: 26, items: [{ quantity: 26 }] });
  });

  it('keeps a session for the TTL after its last write, renewing it on every write', async () => {
    store = make(400);
    const id = newSessionId();
    await store.replaceSession(id, null, cart());
    expect(await store.sessionTtl(id)).toBeGreaterThan(300);
    await sleep(250);
    expect(await store.sessionTtl(id)).toBeLessThan(200);
    await store.replaceSession(id, 1, cart({ version: 2 }));
    expect(await store.sessionTtl(id)).toBeGreaterThan(300);
    await sleep(250);
    expect(await store.readSession(id)).toMatchObject({ version: 2 });
    await sleep(250);
    expect(await store.readSession(id)).toBeNull();
  });

  it("keeps a customer's cart copy under its session, replaced only by a newer version", async () => {
    const customerId = randomUUID();
    const sessionId = newSessionId();
    const v3 = cart({ customerId, version: 3, items: [line(3)] }) as CartDocument & { customerId: string };
    expect(await store.readCustomerCart(customerId)).toBeNull();
    expect(await store.putCustomerCart(sessionId, v3)).toBe(true);
    expect(await store.readCustomerCart(customerId)).toEqual(v3);
    expect(await store.putCustomerCart(sessionId, { ...v3, version: 2, items: [] })).toBe(false);
    expect(await store.putCustomerCart(sessionId, { ...v3, items: [] })).toBe(false);
    expect(await store.readCustomerCart(customerId)).toEqual(v3);
    expect(await store.putCustomerCart(sessionId, { ...v3, version: 4, items: [] })).toBe(true);
    expect((await store.readCustomerCart(customerId))!.version).toBe(4);
    expect(await store.readCustomerCart(randomUUID())).toBeNull();
  });

  it('keeps a merged session as a note of who merged it, and the conversion of the customer', async () => {
    const id = newSessionId();
    const customerId = randomUUID();
    await store.replaceSession(id, null, cart());
    expect(await store.replaceSession(id, 1, { mergedInto: customerId, mergedAt: new Date().toISOString(), version: 2 })).toBe(true);
    expect(await store.readSession(id)).toMatchObject({ mergedInto: customerId });
    expect(await store.conversionOf(customerId)).toBeNull();
    await store.recordConversion(customerId, id);
    expect(await store.conversionOf(customerId)).toBe(id);
  });

  it('keeps stores with different key prefixes apart', async () => {
    const other = make();
    const id = newSessionId();
    await store.replaceSession(id, null, cart());
    expect(await other.readSession(id)).toBeNull();
  });
});
