import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { PaymentContext } from '../context';
import { Mutation } from './Mutation';
import { Payment, PaymentEvent } from './Payment';
import { PaymentMethod } from './PaymentMethod';
import { Refund } from './Refund';
import { Query } from './Query';
import type { Resolvers } from './types.generated';

const typed: Resolvers = {
  Query,
  Mutation,
  Payment,
  PaymentEvent,
  Refund,
  PaymentMethod,
};

/** Checked above against the schema; @apollo/subgraph's map types `__resolveReference` like a field resolver. */
export const resolvers = typed as GraphQLResolverMap<PaymentContext>;
