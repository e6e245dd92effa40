import type { Logger, Viewer } from '@shop/platform';
import type { OrderDb } from './db';
import type { OrderNumberGenerator } from './domain/order-number';
import type { ShippingRule, TaxRule } from './domain/pricing';
import type { OrderLoaders } from './loaders';
import type { CheckoutStep } from './domain/checkout';
import type { CheckoutPorts, LoyaltyPort } from './ports';

/** How the shop prices orders: from configuration (ORDER_* variables). */
export interface PricingSettings {
  currency: string;
  shipping: ShippingRule;
  tax: TaxRule;
  /** Money one loyalty point is worth at checkout, e.g. "0.01". */
  loyaltyPointValue: string;
}

export interface CheckoutSettings {
  /** How long stock is held for a checkout in progress (inventory's reservation TTL). */
  reservationTtlSeconds: number;
  /** Capture the payment as soon as the order is confirmed; otherwise at shipment. */
  captureOnConfirm: boolean;
}

/** How this process takes checkouts: its links to cart, inventory and payment, and the saga's settings. */
export interface CheckoutDeps {
  ports: CheckoutPorts;
  settings: CheckoutSettings;
  /** Tests only: runs after each recorded step; throwing a ProcessCrash there simulates the process dying. */
  afterStep?: (step: CheckoutStep, orderId: string) => void | Promise<void>;
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
  /** Links to cart, inventory and payment (ports/); null where this process does not take checkouts. */
  ports: CheckoutPorts | null;
  /** The checkout saga's ports and settings; null where this process does not take checkouts. */
  checkout: CheckoutDeps | null;
  /** A guest's cart session (the x-cart-session header), for checkout. */
  cartSession: string | null;
}
