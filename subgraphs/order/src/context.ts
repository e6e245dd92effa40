import type { Logger, Viewer } from '@shop/platform';
import type { OrderDb } from './db';
import type { OrderNumberGenerator } from './domain/order-number';
import type { ShippingRule, TaxRule } from './domain/pricing';
import type { OrderLoaders } from './loaders';
import type { LoyaltyPort } from './ports/loyalty';
import type { CheckoutDeps } from './checkout/saga';

/** How the shop prices orders: from configuration (ORDER_* variables). */
export interface PricingSettings {
  currency: string;
  shipping: ShippingRule;
  tax: TaxRule;
  /** Money one loyalty point is worth at checkout, e.g. "0.01". */
  loyaltyPointValue: string;
}

/** What every order service function receives first. */
export interface OrderContext {
  db: OrderDb;
  viewer: Viewer;
  log: Logger;
  loaders: OrderLoaders;
  pricing: PricingSettings;
  loyalty: LoyaltyPort;
  orderNumbers: OrderNumberGenerator;
  /** The checkout saga's ports to cart, inventory and payment; null where this process does not take checkouts. */
  checkout: CheckoutDeps | null;
  /** A guest's cart session (the x-cart-session header), for checkout. */
  cartSession: string | null;
}
