import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { notFound } from '@shop/platform';
import type { OrderContext } from '../context';
import { parseOrderNumber } from '../domain/order-number';
import type { Order } from '../generated/prisma/client';

/** A guest order as checkout answers it: with the one copy of its access key there will ever be. */
export type OrderWithAccessKey = Order & { accessKey?: string };

const hashOf = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * Gives a guest order a new access key (192 random bits), stores only its hash and answers the key with the
 * order. A repeated checkout (same idempotency key, after a lost answer) issues a new one: the old copy was lost.
 * An order that already carries its key (the checkout that placed it) is answered as it is.
 */
export async function withGuestAccessKey(ctx: OrderContext, order: OrderWithAccessKey): Promise<OrderWithAccessKey> {
  if (order.customerId || order.accessKey) return order;
  const { accessKey, accessKeyHash } = newAccessKey();
  await ctx.db.order.update({ where: { id: order.id }, data: { accessKeyHash } });
  return { ...order, accessKey };
}

/** A fresh access key and the hash to store (checkout writes it with the order it places, saving an update). */
export function newAccessKey(): { accessKey: string; accessKeyHash: string } {
  const accessKey = randomBytes(24).toString('base64url');
  return { accessKey, accessKeyHash: hashOf(accessKey) };
}

/** A guest's order by number and access key; a wrong key is NOT_FOUND, exactly as a number that does not exist. */
export async function guestOrder(ctx: OrderContext, number: string, accessKey: string): Promise<Order> {
  const order = accessKey.length <= 100 ? await ctx.db.order.findUnique({ where: { orderNumber: parseOrderNumber(number) } }) : null;
  const expected = order?.accessKeyHash ? Buffer.from(order.accessKeyHash, 'hex') : null;
  if (!order || !expected || expected.length !== 32 || !timingSafeEqual(expected, Buffer.from(hashOf(accessKey), 'hex'))) throw notFound('That order');
  ctx.loaders.order.prime(order.id, order);
  return order;
}
