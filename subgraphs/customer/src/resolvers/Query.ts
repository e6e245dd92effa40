import { me } from '../services/profile';
import { customerById, searchCustomers } from '../services/staff';
import type { QueryResolvers } from './types.generated';

export const Query: QueryResolvers = {
  me: (_, _args, ctx) => me(ctx),
  customer: (_, args, ctx) => customerById(ctx, args.id),
  customers: (_, args, ctx) => searchCustomers(ctx, args),
};
