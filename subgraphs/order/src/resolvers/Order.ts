import { money } from '@shop/platform';
import type { OrderContext } from '../context';
import type { DiscountCode as DiscountCodeRow, Order as OrderRow, OrderDiscount as DiscountRow, OrderItem as ItemRow, OrderStatusHistory } from '../generated/prisma/client';
import { orderReference, ordersOfCustomer } from '../services/order-queries';
import { updatesSince } from '../services/order-updates';
import type { OrderUpdate as OrderUpdateShape } from '../domain/order-updates';

type Ctx = OrderContext;
const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);
const iso = (date: Date | null) => (date ?? new Date(0)).toISOString();

export const Order = {
  __resolveReference: (ref: { id: string }, ctx: Ctx) => orderReference(ctx, ref.id),
  number: (o: OrderRow) => o.orderNumber,
  status: (o: OrderRow) => o.status.toUpperCase(),
  customer: (o: OrderRow) => (o.customerId ? { __typename: 'Customer', id: o.customerId } : null),
  items: (o: OrderRow, _: unknown, ctx: Ctx) => ctx.loaders.items.load(o.id),
  discounts: (o: OrderRow, _: unknown, ctx: Ctx) => ctx.loaders.discounts.load(o.id),
  subtotal: (o: OrderRow) => money(o.subtotal, o.currency),
  discountTotal: (o: OrderRow) => money(o.discountAmount, o.currency),
  shippingTotal: (o: OrderRow) => money(o.shippingAmount, o.currency),
  taxTotal: (o: OrderRow) => money(o.taxAmount, o.currency),
  total: (o: OrderRow) => money(o.totalAmount, o.currency),
  refundedTotal: (o: OrderRow) => money(o.refundedAmount, o.currency),
  estimatedDeliveryDate: (o: OrderRow) => day(o.estimatedDeliveryDate),
  actualDeliveryDate: (o: OrderRow) => day(o.actualDeliveryDate),
  source: (o: OrderRow) => (o.orderSource ?? 'web').toUpperCase(),
  statusHistory: (o: OrderRow, _: unknown, ctx: Ctx) => ctx.loaders.history.load(o.id),
  placedAt: (o: OrderRow) => iso(o.createdAt),
  updatedAt: (o: OrderRow) => iso(o.updatedAt),
  version: (o: OrderRow) => Number(o.version ?? 1),
  accessKey: (o: OrderRow & { accessKey?: string }) => o.accessKey ?? null,
  updatesSince: (o: OrderRow, args: { version: number }, ctx: Ctx) => updatesSince(ctx, o, args.version),
};

/** Reached through Order.updatesSince: the order is the one the caller is already reading. */
export const OrderUpdate = {
  order: (u: OrderUpdateShape, _: unknown, ctx: Ctx) => orderReference(ctx, u.orderId),
};

/** Items carry their order's currency: loaded in the same request, so the order loader answers from its cache. */
export const OrderItem = {
  variant: (i: ItemRow) => ({ __typename: 'ProductVariant', id: i.productVariantId }),
  unitPrice: async (i: ItemRow, _: unknown, ctx: Ctx) => money(i.unitPrice, await currencyOf(ctx, i.orderId)),
  lineTotal: async (i: ItemRow, _: unknown, ctx: Ctx) => money(i.totalPrice, await currencyOf(ctx, i.orderId)),
  imageUrl: (i: ItemRow) => snapshot(i).imageUrl ?? null,
  attributes: (i: ItemRow) => Object.entries(snapshot(i).attributes ?? {}).map(([name, value]) => ({ name, value: String(value) })),
};

export const OrderDiscount = {
  type: (d: DiscountRow) => d.discountType.toUpperCase(),
  code: (d: DiscountRow) => d.discountCode,
  name: (d: DiscountRow) => d.discountName,
  amount: async (d: DiscountRow, _: unknown, ctx: Ctx) => money(d.discountAmount, await currencyOf(ctx, d.orderId)),
};

export const OrderStatusChange = {
  previousStatus: (h: OrderStatusHistory) => h.previousStatus?.toUpperCase() ?? null,
  status: (h: OrderStatusHistory) => h.newStatus.toUpperCase(),
  at: (h: OrderStatusHistory) => iso(h.createdAt),
};

export const DiscountCode = {
  kind: (c: DiscountCodeRow) => c.kind.toUpperCase(),
  value: (c: DiscountCodeRow) => c.value.toFixed(2),
  minOrderAmount: (c: DiscountCodeRow) => c.minOrderAmount?.toFixed(2) ?? null,
  startsAt: (c: DiscountCodeRow) => c.startsAt?.toISOString() ?? null,
  endsAt: (c: DiscountCodeRow) => c.endsAt?.toISOString() ?? null,
};

export const Customer = {
  orders: (c: { id: string }, args: { first?: number; after?: string }, ctx: Ctx) => ordersOfCustomer(ctx, c.id, args),
};

async function currencyOf(ctx: Ctx, orderId: string): Promise<string> {
  return (await ctx.loaders.order.load(orderId))?.currency ?? 'USD';
}

function snapshot(item: ItemRow): { imageUrl?: string; attributes?: Record<string, unknown> } {
  const data = item.productData;
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as { imageUrl?: string; attributes?: Record<string, unknown> }) : {};
}
