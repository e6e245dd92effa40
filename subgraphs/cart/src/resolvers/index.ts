import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { CartContext } from '../context';
import { Cart, CartLine } from './Cart';
import { Customer, ProductVariant } from './entities';
import { Mutation } from './Mutation';
import { Query } from './Query';
import type { Resolvers } from './types.generated';

const typed: Resolvers = { Query, Mutation, Cart, CartLine, ProductVariant, Customer };

/** Checked above against the schema; @apollo/subgraph's map types `__resolveReference` like a field resolver. */
export const resolvers = typed as GraphQLResolverMap<CartContext>;
