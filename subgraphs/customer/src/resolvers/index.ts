import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { CustomerContext } from '../context';
import { Address, Customer, Loyalty, LoyaltyTransactionType, Preferences } from './Customer';
import { Mutation } from './Mutation';
import { Query } from './Query';
import type { Resolvers } from './types.generated';

const typed: Resolvers = {
  Query,
  Mutation,
  Customer,
  Address,
  Preferences,
  Loyalty,
  LoyaltyTransaction: LoyaltyTransactionType,
};

/** Checked above against the schema; @apollo/subgraph's map types `__resolveReference` like a field resolver. */
export const resolvers = typed as GraphQLResolverMap<CustomerContext>;
