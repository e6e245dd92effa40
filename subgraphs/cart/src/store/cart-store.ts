import type { CartLineData } from '../domain/cart';

/**
 * A cart as kept under `cart:session:{sessionId}` (seed section 5): a guest's cart, or the fast copy of a
 * customer's. Additions to the seed's JSON: `cartId` (the id clients see, never the session id), `version` (bumped
 * on every change; writes compare it, so concurrent changes lose no update), and each line's `sku`. Prices are
 * decimal strings, never floats.
 */
export interface CartDocument {
  cartId: string;
  /** null for a guest cart. */
  customerId: string | null;
  items: CartLineData[];
  /** At the prices the lines were added at; the API shows totals at current prices. */
  totals: { subtotal: string; itemCount: number };
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** What a guest session turns into when signing in merged it: no cart, a note of who took it. */
export interface MergedSession {
  mergedInto: string;
  mergedAt: string;
  version: number;
}

export type SessionDocument = CartDocument | MergedSession;

export const isMerged = (doc: SessionDocument): doc is MergedSession => 'mergedInto' in doc;
export const isGuestCart = (doc: SessionDocument | null): doc is CartDocument => !!doc && !isMerged(doc) && doc.customerId === null;

export interface CartStoreSettings {
  /** Namespaces every key (tests give each file its own). Empty in production. */
  prefix?: string;
  /** Lifetime of a session after its last change: 7 days by default. */
  ttlMs: number;
}

export const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Where carts live between requests: Redis (production, and whenever REDIS_URL is set), or this process's memory
 * (embedded mode without Redis). Both pass test/cart-store.contract.test.ts. Every write renews the TTL.
 */
export interface CartStore {
  readonly kind: 'redis' | 'in-process';
  readSession(sessionId: string): Promise<SessionDocument | null>;
  /**
   * Writes the session if the stored version is still `expectedVersion` (null: only if there is no session);
   * false when another change came first, so the caller reads again and retries.
   */
  replaceSession(sessionId: string, expectedVersion: number | null, doc: SessionDocument): Promise<boolean>;
  /** The fast copy of a customer's cart, through `cart:customer:{customerId} -> {sessionId}`; null on a miss. */
  readCustomerCart(customerId: string): Promise<CartDocument | null>;
  /** Writes a customer cart's fast copy unless the copy there is as new or newer. True when written. */
  putCustomerCart(sessionId: string, cart: CartDocument & { customerId: string }): Promise<boolean>;
  /** `cart:conversion:{customerId} -> {guestSessionId}`: the guest session a customer's sign-in merged last. */
  recordConversion(customerId: string, guestSessionId: string): Promise<void>;
  conversionOf(customerId: string): Promise<string | null>;
  /** Milliseconds until the session expires; null when there is none. */
  sessionTtl(sessionId: string): Promise<number | null>;
  close(): Promise<void>;
}

export const keysFor = (prefix = '') => ({
  session: (sessionId: string) => `${prefix}cart:session:${sessionId}`,
  customer: (customerId: string) => `${prefix}cart:customer:${customerId}`,
  conversion: (customerId: string) => `${prefix}cart:conversion:${customerId}`,
});

export function parseSession(text: string | null): SessionDocument | null {
  if (text === null) return null;
  const doc = JSON.parse(text) as SessionDocument;
  return typeof doc === 'object' && doc !== null && typeof doc.version === 'number' ? doc : null;
}
