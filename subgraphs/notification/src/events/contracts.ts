import { z } from 'zod';

/**
 * The notification context's own copy of the events it consumes, only the fields it relies on. A payload that
 * breaks these goes to the dead letters at once. Publishers: customer (src/events/publish.ts), order
 * (src/domain/events.ts), payment (src/events/publish.ts), cart (src/domain/abandonment.ts), inventory
 * (src/services/stock-events-sql.ts).
 */
const id = z.uuid();
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal string');

/** CustomerRegistered and CustomerProfileChanged: who to write to. */
export const customerContactV1 = z.object({
  customerId: id,
  email: z.string().min(3).max(255),
  firstName: z.string().max(100).nullish(),
  lastName: z.string().max(100).nullish(),
  phone: z.string().max(40).nullish(),
  status: z.string().max(20).nullish(),
  /** The language the customer reads (BCP 47), from their preferences; en-US when an older event lacks it. */
  language: z.string().max(35).nullish(),
});
export type CustomerContact = z.infer<typeof customerContactV1>;

/** CustomerSuspended and CustomerReactivated. */
export const customerStatusV1 = z.object({ customerId: id, status: z.string().max(20).nullish() });

const orderBase = {
  orderId: id,
  orderNumber: z.string().min(1).max(50),
  customerId: id.nullable(),
};

export const orderPlacedV1 = z.object({
  ...orderBase,
  email: z.string().min(3).max(255),
  currency: z.string().length(3),
  subtotal: decimal,
  discount: decimal,
  shipping: decimal,
  tax: decimal,
  total: decimal,
  occurredAt: z.string(),
  items: z.array(
    z.object({
      variantId: id,
      sku: z.string().max(100),
      quantity: z.number().int().positive(),
      unitPrice: decimal,
      name: z.string().max(500).optional(),
      variantName: z.string().max(200).nullish(),
      lineTotal: decimal.optional(),
    }),
  ),
});
export type OrderPlaced = z.infer<typeof orderPlacedV1>;

/** OrderConfirmed, OrderShipped, OrderDelivered, OrderCancelled, OrderRefunded. */
export const orderChangedV1 = z.object({
  ...orderBase,
  notes: z.string().nullish(),
  currency: z.string().length(3),
  total: decimal,
  carrier: z.string().max(100).nullish(),
  trackingNumber: z.string().max(100).nullish(),
  amount: decimal.nullish(),
  /** OrderCancelled: whether the order had been confirmed (a checkout refused at payment never was). */
  wasConfirmed: z.boolean().nullish(),
});
export type OrderChanged = z.infer<typeof orderChangedV1>;

export const paymentFailedV1 = z.object({
  paymentId: id,
  orderId: id,
  customerId: id.nullable(),
  currency: z.string().length(3),
  amount: decimal,
  reason: z.string().max(100).nullish(),
});
export type PaymentFailed = z.infer<typeof paymentFailedV1>;

export const cartAbandonedV1 = z.object({
  abandonedCartId: id,
  cart: z.object({
    cartId: id,
    customerId: id,
    items: z.array(z.object({ variantId: id, sku: z.string().max(100), quantity: z.number().int().positive(), unitPrice: decimal })),
  }),
});
export type CartAbandoned = z.infer<typeof cartAbandonedV1>;

/** StockLow and OutOfStock. */
export const stockCrossedV1 = z.object({
  itemId: id,
  variantId: id,
  productId: id.nullable(),
  available: z.number().int(),
  lowStockThreshold: z.number().int().nullable(),
  /** Not published yet (asked of inventory): the item's SKU; staff are shown the variant id without it. */
  sku: z.string().max(100).optional(),
});
export type StockCrossed = z.infer<typeof stockCrossedV1>;

/** ProductCreated and ProductUpdated (catalog): the product's name. */
export const productFactsV1 = z.object({ productId: id, name: z.string().min(1).max(500) });
export type ProductFacts = z.infer<typeof productFactsV1>;

/** VariantCreated and VariantUpdated (catalog): the variant's SKU. */
export const variantFactsV1 = z.object({ productId: id, variantId: id, sku: z.string().min(1).max(100) });
export type VariantFacts = z.infer<typeof variantFactsV1>;
