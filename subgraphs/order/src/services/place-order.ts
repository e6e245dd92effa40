import { randomUUID } from 'node:crypto';
import { assertService, badUserInput, conflict, Decimal, outboxInsert, parseInput, uniqueViolation } from '@shop/platform';
import type { OrderContext } from '../context';
import { inTransaction, type OrderTx } from '../db';
import { assertCodeApplies, codeDiscount, normalizeCode, type DiscountCodeRules } from '../domain/discount-codes';
import { ORDER_AGGREGATE, ORDER_EVENTS_SCHEMA, type OrderPlacedData } from '../domain/events';
import { placeOrderInput, type PlaceOrderInput } from '../domain/inputs';
import { loyaltyDiscount } from '../domain/loyalty';
import { priceOrder, type DiscountSpec, type OrderPrice } from '../domain/pricing';
import type { Order } from '../generated/prisma/client';
import { findCode, redeemCode, rulesOf } from './discount-codes';

const NUMBER_ATTEMPTS = 5;

/**
 * Places a pending order from lines the caller has already priced (the checkout saga reads prices from the
 * catalog): prices it (discounts, shipping, tax), redeems the discount code and writes the order, its items,
 * discounts, first status history row and the OrderPlaced event in one transaction.
 *
 * Loyalty points are spent through the customer context first (LoyaltyPort); if the order then cannot be
 * written they are given back. Idempotent on `orderId`: a retry with the same id returns the order placed first.
 */
export function placeOrder(ctx: OrderContext, raw: unknown): Promise<Order> {
  assertService(ctx.viewer);
  return placePendingOrder(ctx, raw);
}

/**
 * placeOrder's work, called directly by the checkout saga (this context's own code, not a service caller).
 * `alongside` joins the order's transaction (the saga records its step there); `freshId` says the caller drew the
 * order id itself just now, so no earlier order can hold it and nothing is looked up first; `accessKeyHash` is a
 * guest's access key, written with the order.
 */
export async function placePendingOrder(
  ctx: OrderContext,
  raw: unknown,
  { alongside, freshId = false, accessKeyHash }: { alongside?: (tx: OrderTx, order: Order) => Promise<unknown>; freshId?: boolean; accessKeyHash?: string } = {},
): Promise<Order> {
  const input = parseInput(placeOrderInput, raw);
  const orderId = input.orderId ?? randomUUID();
  const placedBefore = freshId ? null : await ctx.db.order.findUnique({ where: { id: orderId } });
  if (placedBefore) return sameOrderOrConflict(placedBefore, input);
  if (input.currency && input.currency !== ctx.pricing.currency) {
    throw badUserInput(`This shop sells in ${ctx.pricing.currency}.`, [{ field: 'currency', message: `must be ${ctx.pricing.currency}` }]);
  }

  const now = new Date();
  const code = input.discountCode ? await applicableCode(ctx, normalizeCode(input.discountCode), input, now) : null;
  const discounts: DiscountSpec[] = [
    ...(code ? [codeDiscount(code)] : []),
    ...(input.loyaltyPoints ? [loyaltyDiscount(input.loyaltyPoints, ctx.pricing.loyaltyPointValue)] : []),
  ];
  const price = priceOrder(input.lines, {
    shipping: ctx.pricing.shipping,
    tax: ctx.pricing.tax,
    discounts,
    countryCode: input.shippingAddress.countryCode,
    shippingMethod: input.shippingMethod,
  });

  const points = input.loyaltyPoints && input.customerId ? { customerId: input.customerId, points: input.loyaltyPoints } : null;
  if (points) await ctx.loyalty.redeem(points.customerId, points.points, orderId);
  try {
    return await writeWithFreshNumber(ctx, (orderNumber) => writeOrder(ctx, { orderId, orderNumber, input, price, code, now, accessKeyHash }, alongside));
  } catch (error) {
    // The same order placed by a concurrent retry: that one holds the points (redeem is idempotent per order).
    const twin = uniqueViolation(error)?.some((f) => f === 'id' || f === 'orders_pkey') ? await ctx.db.order.findUnique({ where: { id: orderId } }) : null;
    if (twin) return sameOrderOrConflict(twin, input);
    if (points) {
      await ctx.loyalty.refund(points.customerId, points.points, orderId).catch((err: unknown) => {
        ctx.log.error({ err, orderId, ...points }, 'could not give back loyalty points of an order that was not placed');
      });
    }
    throw error;
  }
}

async function applicableCode(ctx: OrderContext, code: string, input: PlaceOrderInput, now: Date): Promise<DiscountCodeRules> {
  const row = await findCode(ctx.db, code);
  const subtotal = input.lines.reduce((sum, l) => sum.plus(new Decimal(l.unitPrice).times(l.quantity)), new Decimal(0));
  const rules = row ? rulesOf(row) : null;
  assertCodeApplies(rules, code, subtotal, now);
  return rules;
}

function sameOrderOrConflict(order: Order, input: PlaceOrderInput): Order {
  if (order.customerId === input.customerId && order.email === input.email) return order;
  throw conflict('An order with this id already exists for someone else.');
}

/** Order numbers are random; on the rare collision with an existing one the whole write is retried with a new number. */
async function writeWithFreshNumber(ctx: OrderContext, write: (orderNumber: string) => Promise<Order>): Promise<Order> {
  for (let attempt = 1; ; attempt++) {
    const orderNumber = ctx.orderNumbers();
    try {
      return await write(orderNumber);
    } catch (error) {
      const collided = uniqueViolation(error)?.some((f) => f === 'order_number' || f === 'orders_order_number_key');
      if (!collided || attempt >= NUMBER_ATTEMPTS) throw error;
      ctx.log.warn({ orderNumber, attempt }, 'order number taken; drawing another');
    }
  }
}

interface OrderDraft {
  orderId: string;
  orderNumber: string;
  input: PlaceOrderInput;
  price: OrderPrice;
  code: DiscountCodeRules | null;
  now: Date;
  /** A guest's access key, hashed (see guest-access.ts). */
  accessKeyHash?: string;
}

function writeOrder(ctx: OrderContext, { orderId, orderNumber, input, price, code, now, accessKeyHash }: OrderDraft, alongside?: (tx: OrderTx, order: Order) => Promise<unknown>): Promise<Order> {
  return inTransaction(ctx.db, async (tx) => {
    if (code) await redeemCode(tx, code.code);
    // The order (Prisma answers it as written), then its items, discounts, history and event in one statement:
    // a nested create would read the order back again, and one INSERT each would cost a round trip each.
    const order = await tx.order.create({
      data: {
        id: orderId,
        orderNumber,
        customerId: input.customerId,
        email: input.email,
        status: 'pending',
        subtotal: price.subtotal,
        discountAmount: price.discount,
        shippingAmount: price.shipping,
        taxAmount: price.tax,
        totalAmount: price.total,
        currency: ctx.pricing.currency,
        shippingMethod: input.shippingMethod,
        shippingAddress: input.shippingAddress,
        billingAddress: input.billingAddress ?? input.shippingAddress,
        orderSource: input.source,
        notes: input.notes,
        loyaltyPointsRedeemed: input.loyaltyPoints ?? 0,
        accessKeyHash,
        createdAt: now,
        updatedAt: now,
        version: 1n,
      },
    });
    const data: OrderPlacedData = {
      schema: ORDER_EVENTS_SCHEMA,
      orderId,
      orderNumber,
      customerId: input.customerId,
      status: 'pending',
      previousStatus: null,
      changedBy: input.customerId,
      occurredAt: now.toISOString(),
      email: input.email,
      currency: ctx.pricing.currency,
      subtotal: price.subtotal,
      discount: price.discount,
      shipping: price.shipping,
      tax: price.tax,
      total: price.total,
      discountCode: code?.code ?? null,
      loyaltyPointsRedeemed: input.loyaltyPoints ?? 0,
      items: input.lines.map((l, i) => ({
        variantId: l.variantId,
        productId: l.productId,
        sku: l.sku,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        name: l.productName,
        variantName: l.variantName ?? null,
        lineTotal: price.lines[i].lineTotal,
      })),
    };
    const items = input.lines.map((line, i) => ({
      variant_id: line.variantId, product_id: line.productId, sku: line.sku, product_name: line.productName, variant_name: line.variantName,
      quantity: line.quantity, unit_price: line.unitPrice, total_price: price.lines[i].lineTotal, product_data: line.productData ?? null,
    }));
    const discounts = price.discounts.map((d) => ({ type: d.type, code: d.code, name: d.name, amount: d.amount }));
    const event = outboxInsert({ aggregateType: ORDER_AGGREGATE, aggregateId: orderId, type: 'OrderPlaced', version: 1n, schemaVersion: ORDER_EVENTS_SCHEMA, data, occurredAt: now });
    await tx.$queryRaw`
      WITH items AS (
        INSERT INTO order_items (order_id, product_variant_id, product_id, sku, product_name, variant_name, quantity, unit_price, total_price, product_data, created_at)
        SELECT ${orderId}::uuid, l.variant_id, l.product_id, l.sku, l.product_name, l.variant_name, l.quantity, l.unit_price, l.total_price, l.product_data, ${now}
        FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS l(
          variant_id uuid, product_id uuid, sku text, product_name text, variant_name text, quantity int, unit_price numeric, total_price numeric, product_data jsonb)
      ), discounts AS (
        INSERT INTO order_discounts (order_id, discount_type, discount_code, discount_name, discount_amount, created_at)
        SELECT ${orderId}::uuid, d.type, d.code, d.name, d.amount, ${now}
        FROM jsonb_to_recordset(${JSON.stringify(discounts)}::jsonb) AS d(type text, code text, name text, amount numeric)
      ), history AS (
        INSERT INTO order_status_history (order_id, previous_status, new_status, notes, changed_by, created_at)
        VALUES (${orderId}::uuid, NULL, 'pending', 'Order placed', ${input.customerId}::uuid, ${now})
      ), published AS (${event.insert})
      SELECT 1`;
    await alongside?.(tx, order);
    return order;
  });
}
