import type { PageArgs } from '@shop/platform';
import type { CustomerContext } from '../context';
import { me } from '../services/profile';
import { customerById, searchCustomers } from '../services/staff';

export const Query = {
  me: (_: unknown, _args: unknown, ctx: CustomerContext) => me(ctx),
  customer: (_: unknown, args: { id: string }, ctx: CustomerContext) => customerById(ctx, args.id),
  customers: (_: unknown, args: PageArgs & { filter?: unknown }, ctx: CustomerContext) => searchCustomers(ctx, args),
};
