/**
 * The variables a template may use: what the sending side fills in for every message. A template declares the
 * ones it uses (checkTemplate refuses a variable it uses without declaring, and a declared one not listed here,
 * since nothing would ever fill it).
 *
 * Values, as the sender passes them to renderTemplate:
 *   customer.firstName, customer.lastName          the recipient (staff messages: the staff member, may be empty)
 *   order.number, order.total, order.currency      total as a decimal string already formatted ("84.97")
 *   order.lines[]: sku, name, quantity, unitPrice, lineTotal   (money as decimal strings)
 *   order.carrier, order.trackingNumber, order.trackingUrl     order_shipped / order_delivered
 *   order.url                                      the order's page in the shop
 *   refund.amount                                  decimal string, in order.currency
 *   payment.reason                                 a shopper-readable reason, never a provider's raw message
 *   cart.lines[]: sku, name, quantity, unitPrice   abandoned_cart
 *   cart.url                                       a link back to the cart
 *   stock.sku, stock.available, stock.threshold    low_stock / out_of_stock (to staff)
 *   shop.name, shop.url                            the shop itself
 *   unsubscribeUrl                                 marketing only: a signed link that works without signing in
 *
 * A list is declared by its path (`order.lines`) and each item field it uses (`order.lines.sku`); inside
 * {{#each order.lines}} the item's fields are written bare ({{sku}}) and the rest of the values with `../`.
 * Any value whose name ends in `url`/`Url` is rendered only if it is an http(s) link, so a link can never
 * become `javascript:`.
 */
export const LIST_ITEM_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'order.lines': ['sku', 'name', 'quantity', 'unitPrice', 'lineTotal'],
  'cart.lines': ['sku', 'name', 'quantity', 'unitPrice'],
};

const SCALARS = [
  'customer.firstName',
  'customer.lastName',
  'order.number',
  'order.total',
  'order.currency',
  'order.carrier',
  'order.trackingNumber',
  'order.trackingUrl',
  'order.url',
  'refund.amount',
  'payment.reason',
  'cart.url',
  'stock.sku',
  'stock.available',
  'stock.threshold',
  'shop.name',
  'shop.url',
  'unsubscribeUrl',
];

/** Every variable a template may declare, list items included (`order.lines.sku`). */
export const TEMPLATE_VARIABLES: ReadonlySet<string> = new Set([
  ...SCALARS,
  ...Object.entries(LIST_ITEM_FIELDS).flatMap(([list, fields]) => [list, ...fields.map((f) => `${list}.${f}`)]),
]);

/** The message kinds the shop sends; each has at least an en-US email template. */
export const TEMPLATE_KINDS = [
  'order_confirmation',
  'payment_failed',
  'order_shipped',
  'order_delivered',
  'order_cancelled',
  'refund_issued',
  'abandoned_cart',
  'welcome',
  'account_suspended',
  'low_stock',
  'out_of_stock',
] as const;

export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
