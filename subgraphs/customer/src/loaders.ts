import { byKeys, groupByKeys, RequestLoaders } from '@shop/platform';
import type { CustomerDb } from './db';
import type { Customer, CustomerAddress, CustomerCredential, CustomerLoyalty, CustomerPreferences } from './generated/prisma/client';

/** A page of customers costs the same few statements as one: every child list is batched per request. */
export class CustomerLoaders {
  private readonly loaders = new RequestLoaders();

  constructor(private readonly db: CustomerDb) {}

  get customer() {
    return this.loaders.get<string, Customer | null>('customer', async (ids) =>
      byKeys(ids, await this.db.customer.findMany({ where: { id: { in: [...ids] } } }), (c) => c.id),
    );
  }

  get addresses() {
    return this.loaders.get<string, CustomerAddress[]>('addresses', async (ids) =>
      groupByKeys(
        ids,
        await this.db.customerAddress.findMany({ where: { customerId: { in: [...ids] } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
        (a) => a.customerId,
      ),
    );
  }

  get preferences() {
    return this.loaders.get<string, CustomerPreferences | null>('preferences', async (ids) =>
      byKeys(ids, await this.db.customerPreferences.findMany({ where: { customerId: { in: [...ids] } } }), (p) => p.customerId),
    );
  }

  get loyalty() {
    return this.loaders.get<string, CustomerLoyalty | null>('loyalty', async (ids) =>
      byKeys(ids, await this.db.customerLoyalty.findMany({ where: { customerId: { in: [...ids] } } }), (l) => l.customerId),
    );
  }

  get credential() {
    return this.loaders.get<string, CustomerCredential | null>('credential', async (ids) =>
      byKeys(ids, await this.db.customerCredential.findMany({ where: { customerId: { in: [...ids] } } }), (c) => c.customerId),
    );
  }
}
