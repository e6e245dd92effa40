import { randomUUID } from 'node:crypto';
import { connectRedis, type Redis } from '@shop/platform';
import { describeWithRedis, itWithRedis, redisForTests, testRedisUrl } from '@shop/platform/testing';
import { memoryCacheStore, redisCacheStore, tieredCacheStore, type CacheStore } from '../src/entity-cache';

/** The two places the gateway keeps public answers behave alike: Redis (production) and this process (embedded). */
let redis: Redis;

beforeAll(() => {
  if (redisForTests.machine) redis = connectRedis(testRedisUrl());
});

afterAll(async () => {
  if (!redis) return;
  const keys = await redis.keys('test:gateway-cache:*');
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const describeInRedis = describeWithRedis('gateway entity-cache-store, the Redis stores', 'they prove the Redis cache store itself');
const stores: [string, () => CacheStore, jest.Describe][] = [
  ['in process', () => memoryCacheStore(1_000), describe],
  ['in Redis', () => redisCacheStore(redis, `test:gateway-cache:${randomUUID()}:`), describeInRedis],
  ['in process in front of Redis', () => tieredCacheStore(memoryCacheStore(1_000), redisCacheStore(redis, `test:gateway-cache:${randomUUID()}:`)), describeInRedis],
];

/** The answers a store holds for `keys`, as JSON text (undefined where it holds none). */
const answers = async (store: CacheStore, keys: string[]) => (await store.getMany(keys)).map((hit) => hit?.json);

for (const [where, make, describeStore] of stores) describeStore(`the entity cache store ${where}`, () => {
  it('answers what it holds and nothing for what it does not', async () => {
    const store = make();
    await store.setMany([{ key: 'a', json: '{"id":"1"}', ttlMs: 60_000, tags: ['id:1'] }]);
    expect(await answers(store, ['a', 'b'])).toEqual(['{"id":"1"}', undefined]);
  });

  it('says when to fetch an entry again: in the last fifth of its TTL', async () => {
    const store = make();
    const before = Date.now();
    await store.setMany([{ key: 'page', json: '"page"', ttlMs: 10_000, tags: [] }]);
    const [hit] = await store.getMany(['page']);
    expect(hit?.refreshAt).toBeGreaterThanOrEqual(before + 8_000);
    expect(hit?.refreshAt).toBeLessThanOrEqual(Date.now() + 8_000);
  });

  it('forgets an entry at its TTL', async () => {
    const store = make();
    await store.setMany([{ key: 'short', json: '1', ttlMs: 50, tags: [] }]);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await answers(store, ['short'])).toEqual([undefined]);
  });

  it('evicts every entry of a tag, and only those', async () => {
    const store = make();
    await store.setMany([
      { key: 'page', json: '"page"', ttlMs: 60_000, tags: ['id:p1', 'lists:catalog'] },
      { key: 'variant', json: '"variant"', ttlMs: 60_000, tags: ['id:v1', 'id:p1'] },
      { key: 'other', json: '"other"', ttlMs: 60_000, tags: ['id:p2'] },
    ]);
    await store.invalidate(['id:p1']);
    expect(await answers(store, ['page', 'variant', 'other'])).toEqual([undefined, undefined, '"other"']);
    await store.invalidate(['id:unknown']);
    expect(await answers(store, ['other'])).toEqual(['"other"']);
  });
});

itWithRedis('gateway entity-cache-store, shared between replicas', 'replicas share answers through Redis')('answers from Redis what another replica put there', async () => {
  const prefix = `test:gateway-cache:${randomUUID()}:`;
  const [one, two] = [tieredCacheStore(memoryCacheStore(), redisCacheStore(redis, prefix)), tieredCacheStore(memoryCacheStore(), redisCacheStore(redis, prefix))];
  await one.setMany([{ key: 'shared', json: '"warm"', ttlMs: 60_000, tags: ['id:x'] }]);
  expect(await answers(two, ['shared'])).toEqual(['"warm"']);
  await two.invalidate(['id:x']);
  await one.invalidate(['id:x']); // each replica hears the event and evicts its own memory
  expect(await answers(one, ['shared'])).toEqual([undefined]);
});

it('keeps an answer stored again under new tags out of reach of its old ones in process', async () => {
  const store = memoryCacheStore(100);
  await store.setMany([{ key: 'page', json: '"old"', ttlMs: 60_000, tags: ['id:old'] }]);
  await store.setMany([{ key: 'page', json: '"new"', ttlMs: 60_000, tags: ['id:new'] }]);
  await store.invalidate(['id:old']);
  expect(await answers(store, ['page'])).toEqual(['"new"']);
  await store.invalidate(['id:new']);
  expect(await answers(store, ['page'])).toEqual([undefined]);
});

it('drops the least recently used answers past its size in process', async () => {
  const store = memoryCacheStore(100);
  await store.setMany(Array.from({ length: 150 }, (_, i) => ({ key: `k${i}`, json: `${i}`, ttlMs: 60_000, tags: [] })));
  expect(store.size()).toBe(100);
  expect(await answers(store, ['k0', 'k149'])).toEqual([undefined, '149']);
});

itWithRedis('gateway entity-cache-store, tag pruning', 'tags in Redis hold only live keys')(
  'keeps in a tag only the keys still alive: the expired ones leave when the tag is next written',
  async () => {
    const prefix = `test:gateway-cache:${randomUUID()}:`;
    const store = redisCacheStore(redis, prefix);
    await store.setMany(Array.from({ length: 50 }, (_, i) => ({ key: `gone${i}`, json: '1', ttlMs: 50, tags: ['entities:catalog'] })));
    await new Promise((resolve) => setTimeout(resolve, 120));
    await store.setMany([{ key: 'alive', json: '"alive"', ttlMs: 60_000, tags: ['entities:catalog'] }]);
    expect(await redis.zrange(`${prefix}ztag:entities:catalog`, '0', '-1')).toEqual(['alive']);
    await store.invalidate(['entities:catalog']);
    expect(await answers(store, ['alive'])).toEqual([undefined]);
    expect(await redis.exists(`${prefix}ztag:entities:catalog`)).toBe(0);
  },
);
