import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { SearchContext } from '../context';
import { Mutation } from './Mutation';
import { Query } from './Query';
import type { Resolvers } from './types.generated';

const typed: Resolvers = { Query, Mutation };

/** Checked above against the schema; @apollo/subgraph's map types resolvers more loosely. */
export const resolvers = typed as GraphQLResolverMap<SearchContext>;
