import type { Redis } from '@shop/platform';
import { keysFor, parseSession, type CartDocument, type CartStore, type CartStoreSettings, type SessionDocument } from './cart-store';

/**
 * Compare-and-set in one Lua script: the session is written only if its stored version is the one the caller read
 * ('' = only if absent). Redis runs a script atomically, so two requests changing one cart cannot both win.
 * (WATCH/MULTI would need a connection per request: WATCH is per connection and ours is shared and pipelined.)
 */
const REPLACE_SESSION = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '' then
  if current then return 0 end
else
  if not current then return 0 end
  local ok, doc = pcall(cjson.decode, current)
  if not ok or tonumber(doc.version) ~= tonumber(ARGV[1]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

/** A customer cart's copy is replaced only by a newer version, so a slow writer never restores an older cart. */
const PUT_CUSTOMER_CART = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, doc = pcall(cjson.decode, current)
  if ok and tonumber(doc.version) and tonumber(doc.version) >= tonumber(ARGV[1]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[3])
return 1`;

/** cart:customer:{id} -> {sessionId} -> the cart, in one round trip. */
const READ_CUSTOMER_CART = `
local sessionId = redis.call('GET', KEYS[1])
if not sessionId then return false end
return redis.call('GET', ARGV[1] .. sessionId)`;

type Scripts = {
  cartReplaceSession(key: string, expected: string, json: string, ttlMs: number): Promise<number>;
  cartPutCustomer(sessionKey: string, customerKey: string, version: number, json: string, ttlMs: number, sessionId: string): Promise<number>;
  cartReadCustomer(customerKey: string, sessionPrefix: string): Promise<string | null>;
};

/**
 * The production adapter. Scripts are sent once and then called by their SHA (ioredis' defineCommand). Uses the
 * caller's connection and does not close it.
 */
export function redisCartStore(redis: Redis, settings: CartStoreSettings): CartStore {
  const keys = keysFor(settings.prefix);
  const client = redis as Redis & Partial<Scripts>;
  if (!client.cartReplaceSession) {
    redis.defineCommand('cartReplaceSession', { numberOfKeys: 1, lua: REPLACE_SESSION });
    redis.defineCommand('cartPutCustomer', { numberOfKeys: 2, lua: PUT_CUSTOMER_CART });
    redis.defineCommand('cartReadCustomer', { numberOfKeys: 1, lua: READ_CUSTOMER_CART });
  }
  const scripts = redis as Redis & Scripts;
  return {
    kind: 'redis',
    readSession: async (sessionId) => parseSession(await redis.get(keys.session(sessionId))),
    async replaceSession(sessionId, expectedVersion, doc: SessionDocument) {
      const expected = expectedVersion === null ? '' : String(expectedVersion);
      return (await scripts.cartReplaceSession(keys.session(sessionId), expected, JSON.stringify(doc), settings.ttlMs)) === 1;
    },
    async readCustomerCart(customerId) {
      const doc = parseSession(await scripts.cartReadCustomer(keys.customer(customerId), keys.session('')));
      return doc && !('mergedInto' in doc) && doc.customerId === customerId ? (doc as CartDocument) : null;
    },
    async putCustomerCart(sessionId, cart) {
      const written = await scripts.cartPutCustomer(
        keys.session(sessionId), keys.customer(cart.customerId), cart.version, JSON.stringify(cart), settings.ttlMs, sessionId,
      );
      return written === 1;
    },
    async recordConversion(customerId, guestSessionId) {
      await redis.set(keys.conversion(customerId), guestSessionId, 'PX', settings.ttlMs);
    },
    conversionOf: (customerId) => redis.get(keys.conversion(customerId)),
    async sessionTtl(sessionId) {
      const ttl = await redis.pttl(keys.session(sessionId));
      return ttl >= 0 ? ttl : null;
    },
    close: async () => undefined,
  };
}
