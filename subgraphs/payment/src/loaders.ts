import { byKeys, groupByKeys, RequestLoaders } from '@shop/platform';
import type { PaymentDb } from './db';
import type { Payment, PaymentEvent, PaymentMethod, Refund } from './generated/prisma/client';

/** A page of payments costs the same few statements as one: every child list is batched per request. */
export class PaymentLoaders {
  private readonly loaders = new RequestLoaders();

  constructor(private readonly db: PaymentDb) {}

  get payment() {
    return this.loaders.get<string, Payment | null>('payment', async (ids) =>
      byKeys(ids, await this.db.payment.findMany({ where: { id: { in: [...ids] } } }), (p) => p.id),
    );
  }

  get method() {
    return this.loaders.get<string, PaymentMethod | null>('method', async (ids) =>
      byKeys(ids, await this.db.paymentMethod.findMany({ where: { id: { in: [...ids] } } }), (m) => m.id),
    );
  }

  get events() {
    return this.loaders.get<string, PaymentEvent[]>('events', async (ids) =>
      groupByKeys(
        ids,
        await this.db.paymentEvent.findMany({ where: { paymentId: { in: [...ids] } }, orderBy: { sequence: 'asc' } }),
        (e) => e.paymentId,
      ),
    );
  }

  get refunds() {
    return this.loaders.get<string, Refund[]>('refunds', async (ids) =>
      groupByKeys(
        ids,
        await this.db.refund.findMany({ where: { paymentId: { in: [...ids] } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
        (r) => r.paymentId,
      ),
    );
  }
}
