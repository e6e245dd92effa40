import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { OrderContext } from '../context';
import { Customer, DiscountCode, Order, OrderDiscount, OrderItem, OrderStatusChange, OrderUpdate } from './Order';
import { Mutation } from './Mutation';
import { Query } from './Query';
import type { Resolvers } from './types.generated';

const typed: Resolvers = { Query, Mutation, Order, OrderItem, OrderDiscount, OrderStatusChange, OrderUpdate, DiscountCode, Customer };

/** Checked above against the schema; @apollo/subgraph's map types `__resolveReference` like a field resolver. */
export const resolvers = typed as GraphQLResolverMap<OrderContext>;
