import { money } from '@shop/platform';
import type { OrderContext } from '../context';
import type { OrderItem as ItemRow } from '../generated/prisma/client';
import { orderReference, ordersOfCustomer } from '../services/order-queries';
import { updatesSince } from '../services/order-updates';
import type {
  CustomerResolvers, DiscountCodeResolvers, DiscountKind, DiscountType, OrderDiscountResolvers, OrderItemResolvers, OrderResolvers, OrderSource, OrderStatus,
  OrderStatusChangeResolvers, OrderUpdateResolvers,
} from './types.generated';

type Ctx = OrderContext;
const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);
const iso = (date: Date | null) => (date ?? new Date(0)).toISOString();
/** The columns' CHECKs hold the enums' values in lower case. */
const upper = <E extends string>(value: string) => value.toUpperCase() as E;

export const Order: OrderResolvers = {
  __resolveReference: (ref, ctx) => orderReference(ctx, ref.id),
  number: (o) => o.orderNumber,
  status: (o) => upper<OrderStatus>(o.status),
  customer: (o) => (o.customerId ? { __typename: 'Customer', id: o.customerId } : null),
  items: (o, _, ctx) => ctx.loaders.items.load(o.id),
  discounts: (o, _, ctx) => ctx.loaders.discounts.load(o.id),
  subtotal: (o) => money(o.subtotal, o.currency),
  discountTotal: (o) => money(o.discountAmount, o.currency),
  shippingTotal: (o) => money(o.shippingAmount, o.currency),
  taxTotal: (o) => money(o.taxAmount, o.currency),
  total: (o) => money(o.totalAmount, o.currency),
  refundedTotal: (o) => money(o.refundedAmount, o.currency),
  estimatedDeliveryDate: (o) => day(o.estimatedDeliveryDate),
  actualDeliveryDate: (o) => day(o.actualDeliveryDate),
  source: (o) => upper<OrderSource>(o.orderSource ?? 'web'),
  statusHistory: (o, _, ctx) => ctx.loaders.history.load(o.id),
  placedAt: (o) => iso(o.createdAt),
  updatedAt: (o) => iso(o.updatedAt),
  version: (o) => Number(o.version ?? 1),
  accessKey: (o) => o.accessKey ?? null,
  updatesSince: (o, args, ctx) => updatesSince(ctx, o, args.version),
};

/** Reached through Order.updatesSince: the order is the one the caller is already reading. */
export const OrderUpdate: OrderUpdateResolvers = {
  order: (u, _, ctx) => orderReference(ctx, u.orderId),
};

/** Items carry their order's currency: loaded in the same request, so the order loader answers from its cache. */
export const OrderItem: OrderItemResolvers = {
  variant: (i) => ({ __typename: 'ProductVariant', id: i.productVariantId }),
  unitPrice: async (i, _, ctx) => money(i.unitPrice, await currencyOf(ctx, i.orderId)),
  lineTotal: async (i, _, ctx) => money(i.totalPrice, await currencyOf(ctx, i.orderId)),
  imageUrl: (i) => snapshot(i).imageUrl ?? null,
  attributes: (i) => Object.entries(snapshot(i).attributes ?? {}).map(([name, value]) => ({ name, value: String(value) })),
};

export const OrderDiscount: OrderDiscountResolvers = {
  type: (d) => upper<DiscountType>(d.discountType),
  code: (d) => d.discountCode,
  name: (d) => d.discountName,
  amount: async (d, _, ctx) => money(d.discountAmount, await currencyOf(ctx, d.orderId)),
};

export const OrderStatusChange: OrderStatusChangeResolvers = {
  previousStatus: (h) => (h.previousStatus ? upper<OrderStatus>(h.previousStatus) : null),
  status: (h) => upper<OrderStatus>(h.newStatus),
  at: (h) => iso(h.createdAt),
};

export const DiscountCode: DiscountCodeResolvers = {
  kind: (c) => upper<DiscountKind>(c.kind),
  value: (c) => c.value.toFixed(2),
  minOrderAmount: (c) => c.minOrderAmount?.toFixed(2) ?? null,
  startsAt: (c) => c.startsAt?.toISOString() ?? null,
  endsAt: (c) => c.endsAt?.toISOString() ?? null,
};

export const Customer: CustomerResolvers = {
  orders: (c, args, ctx) => ordersOfCustomer(ctx, c.id, args),
};

async function currencyOf(ctx: Ctx, orderId: string): Promise<string> {
  return (await ctx.loaders.order.load(orderId))?.currency ?? 'USD';
}

function snapshot(item: ItemRow): { imageUrl?: string; attributes?: Record<string, unknown> } {
  const data = item.productData;
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as { imageUrl?: string; attributes?: Record<string, unknown> }) : {};
}
