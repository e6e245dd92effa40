import { keysFor, parseSession, type CartDocument, type CartStore, type CartStoreSettings } from './cart-store';

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * Embedded mode without Redis: carts in this process's memory, with the same keys, versions and TTLs as Redis.
 * Correct only while every replica is this one process; carts are lost when it stops. Values are kept as JSON
 * text, as in Redis, so no caller can change a stored cart by mutating an object it read.
 */
export function inProcessCartStore(settings: CartStoreSettings, clock: () => number = Date.now): CartStore {
  const keys = keysFor(settings.prefix);
  const entries = new Map<string, Entry>();
  let writes = 0;

  const get = (key: string): string | null => {
    const entry = entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt > clock()) return entry.value;
    entries.delete(key);
    return null;
  };
  const set = (key: string, value: string) => {
    entries.set(key, { value, expiresAt: clock() + settings.ttlMs });
    // Expired sessions nobody reads again are dropped now and then, so memory does not grow without bound.
    if (++writes % 1_000 === 0) for (const [k, e] of entries) if (e.expiresAt <= clock()) entries.delete(k);
  };

  return {
    kind: 'in-process',
    readSession: async (sessionId) => parseSession(get(keys.session(sessionId))),
    async replaceSession(sessionId, expectedVersion, doc) {
      const current = parseSession(get(keys.session(sessionId)));
      if (expectedVersion === null ? current !== null : current?.version !== expectedVersion) return false;
      set(keys.session(sessionId), JSON.stringify(doc));
      return true;
    },
    async readCustomerCart(customerId) {
      const sessionId = get(keys.customer(customerId));
      const doc = sessionId === null ? null : parseSession(get(keys.session(sessionId)));
      return doc && !('mergedInto' in doc) && doc.customerId === customerId ? (doc as CartDocument) : null;
    },
    async putCustomerCart(sessionId, cart) {
      const current = parseSession(get(keys.session(sessionId)));
      if (current && current.version >= cart.version) return false;
      set(keys.session(sessionId), JSON.stringify(cart));
      set(keys.customer(cart.customerId), sessionId);
      return true;
    },
    async recordConversion(customerId, guestSessionId) {
      set(keys.conversion(customerId), guestSessionId);
    },
    conversionOf: async (customerId) => get(keys.conversion(customerId)),
    async sessionTtl(sessionId) {
      const entry = entries.get(keys.session(sessionId));
      return entry && entry.expiresAt > clock() ? entry.expiresAt - clock() : null;
    },
    close: async () => entries.clear(),
  };
}
