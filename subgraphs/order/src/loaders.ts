import { byKeys, groupByKeys, RequestLoaders } from '@shop/platform';
import type { OrderDb } from './db';
import type { Order, OrderDiscount, OrderItem, OrderStatusHistory } from './generated/prisma/client';

/** A page of orders costs the same few statements as one: every child list is batched per request. */
export class OrderLoaders {
  private readonly loaders = new RequestLoaders();

  constructor(private readonly db: OrderDb) {}

  get order() {
    return this.loaders.get<string, Order | null>('order', async (ids) =>
      byKeys(ids, await this.db.order.findMany({ where: { id: { in: [...ids] } } }), (o) => o.id),
    );
  }

  get items() {
    return this.loaders.get<string, OrderItem[]>('items', async (ids) =>
      groupByKeys(
        ids,
        await this.db.orderItem.findMany({ where: { orderId: { in: [...ids] } }, orderBy: [{ createdAt: 'asc' }, { productName: 'asc' }, { sku: 'asc' }] }),
        (i) => i.orderId,
      ),
    );
  }

  get discounts() {
    return this.loaders.get<string, OrderDiscount[]>('discounts', async (ids) =>
      groupByKeys(
        ids,
        await this.db.orderDiscount.findMany({ where: { orderId: { in: [...ids] } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
        (d) => d.orderId,
      ),
    );
  }

  get history() {
    return this.loaders.get<string, OrderStatusHistory[]>('history', async (ids) =>
      groupByKeys(
        ids,
        await this.db.orderStatusHistory.findMany({ where: { orderId: { in: [...ids] } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
        (h) => h.orderId,
      ),
    );
  }
}
