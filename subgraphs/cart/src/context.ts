import type { Logger, Viewer } from '@shop/platform';
import type { CartDb } from './db';
import type { CartLimits } from './domain/cart';
import type { SessionHeader } from './domain/session';
import type { CartLoaders } from './loaders';
import type { CartStore } from './store/cart-store';
import type { OwnedCart } from './services/views';

export interface CartSettings {
  limits: CartLimits;
  /** The currency of an empty cart's totals (a cart with lines shows the catalog's). */
  currency: string;
}

/** What every cart service function receives first. */
export interface CartContext {
  db: CartDb;
  store: CartStore;
  viewer: Viewer;
  log: Logger;
  requestId: string;
  /** The x-cart-session header, read but not yet looked up. */
  session: SessionHeader;
  settings: CartSettings;
  loaders: CartLoaders;
  now: () => Date;
  /**
   * Customers whose Redis copy this process failed to update (Redis unreachable at the time): read from
   * PostgreSQL until a write succeeds again. Shared by the requests of one process.
   */
  staleCopies: Set<string>;
  /** The caller's cart, read once per request (Query.cart and many cartQuantity fields share it). */
  callerCart?: Promise<OwnedCart | null>;
}
