import type { Channel } from '../channels/port';

/**
 * Which preference decides a kind of message. `transactional` and `security` are always sent by email, whatever the
 * preferences say: an order's confirmation, cancellation and refunds (the consumer's record of the contract and of
 * money moving — EU Consumer Rights Directive art. 8(7), and most shops' terms), a failed payment (the order waits
 * on it), the welcome (the account's confirmation), and a suspension of the account (security). `orderUpdates`
 * (shipped, delivered) and `marketing` (abandoned cart) follow the customer's switches; `staff` goes to the shop's
 * own addresses and no preference applies.
 */
export type Category = 'transactional' | 'security' | 'orderUpdates' | 'marketing' | 'staff';

export const CATEGORY_OF: Readonly<Record<string, Category>> = {
  order_confirmation: 'transactional',
  payment_failed: 'transactional',
  order_cancelled: 'transactional',
  refund_issued: 'transactional',
  welcome: 'transactional',
  account_suspended: 'security',
  order_shipped: 'orderUpdates',
  order_delivered: 'orderUpdates',
  abandoned_cart: 'marketing',
  low_stock: 'staff',
  out_of_stock: 'staff',
};

export const categoryOf = (kind: string): Category => CATEGORY_OF[kind] ?? 'transactional';

/** A customer's switches (the seed's notification_preferences), with the seed's defaults when they have no row. */
export interface Preferences {
  emailEnabled: boolean;
  smsEnabled: boolean;
  pushEnabled: boolean;
  marketingEmails: boolean;
  orderUpdates: boolean;
  promotionalOffers: boolean;
  securityAlerts: boolean;
}

export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({
  emailEnabled: true,
  smsEnabled: false,
  pushEnabled: true,
  marketingEmails: true,
  orderUpdates: true,
  promotionalOffers: true,
  securityAlerts: true,
});

/** What the recipient can be reached by: SMS needs a phone number, push a customer account. */
export interface Reach {
  email: boolean;
  phone: boolean;
  account: boolean;
}

/**
 * The channels a message of `kind` goes out on. Email: always for transactional and security messages (even with
 * email or the security switch off), else when email and the kind's category are on. SMS and push are extras,
 * only with their channel switch on (and, for optional kinds, the category too).
 */
export function channelsFor(kind: string, prefs: Preferences, reach: Reach): Channel[] {
  const category = categoryOf(kind);
  if (category === 'staff') return reach.email ? ['email'] : [];
  const mandatory = category === 'transactional' || category === 'security';
  const wanted = mandatory || (category === 'orderUpdates' ? prefs.orderUpdates : prefs.marketingEmails);
  const channels: Channel[] = [];
  if (reach.email && (mandatory || (prefs.emailEnabled && wanted))) channels.push('email');
  // Marketing never goes by SMS or push: the seed's switch is for marketing *emails*, and a text is more intrusive.
  if (category === 'marketing' || !wanted) return channels;
  if (reach.phone && prefs.smsEnabled) channels.push('sms');
  if (reach.account && prefs.pushEnabled) channels.push('push');
  return channels;
}
