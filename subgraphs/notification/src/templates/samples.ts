/**
 * Made-up values for staff previews of a template: every variable the kind's templates may use, filled the way the
 * sender fills them (money as decimal strings). Unknown kinds get the shared values, so a preview always renders.
 */
const SHOP = { name: 'Northwind Goods', url: 'https://shop.example.com' };
const CUSTOMER = { firstName: 'Ada', lastName: 'Lovelace' };
const ORDER = {
  number: 'ORD-2026-000123',
  total: '34.99',
  currency: 'EUR',
  lines: [
    { sku: 'MUG-BLUE', name: 'Blue enamel mug', quantity: 2, unitPrice: '12.50', lineTotal: '25.00' },
    { sku: 'TEA-EARL-250', name: 'Earl Grey tea, 250 g', quantity: 1, unitPrice: '9.99', lineTotal: '9.99' },
  ],
  carrier: 'DHL',
  trackingNumber: 'JD014600006281234567',
  trackingUrl: 'https://www.dhl.com/en/express/tracking.html?AWB=JD014600006281234567',
  url: 'https://shop.example.com/account/orders/ORD-2026-000123',
};

const BY_KIND: Record<string, Record<string, unknown>> = {
  order_confirmation: { order: ORDER },
  payment_failed: { order: ORDER, payment: { reason: 'The card was declined by the bank.' } },
  order_shipped: { order: ORDER },
  order_delivered: { order: ORDER },
  order_cancelled: { order: ORDER },
  refund_issued: { order: ORDER, refund: { amount: '25.00' } },
  abandoned_cart: {
    cart: {
      lines: ORDER.lines.map(({ sku, name, quantity, unitPrice }) => ({ sku, name, quantity, unitPrice })),
      url: 'https://shop.example.com/cart?recover=3f9c2a',
    },
    unsubscribeUrl: 'https://shop.example.com/unsubscribe?token=sample',
  },
  welcome: {},
  account_suspended: {},
  low_stock: { customer: { firstName: 'Sam', lastName: 'Staff' }, stock: { sku: 'MUG-BLUE', available: 3, threshold: 5 } },
  out_of_stock: { customer: { firstName: 'Sam', lastName: 'Staff' }, stock: { sku: 'MUG-BLUE', available: 0, threshold: 5 } },
};

export function sampleValues(name: string): Record<string, unknown> {
  return structuredClone({ shop: SHOP, customer: CUSTOMER, ...(BY_KIND[name] ?? { order: ORDER }) });
}
