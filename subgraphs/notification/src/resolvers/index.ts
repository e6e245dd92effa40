import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { NotificationContext } from '../context';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Customer, EmailEvent, Notification, NotificationAttempt, NotificationTemplate } from './types';
import type { Resolvers } from './types.generated';

const typed: Resolvers = { Query, Mutation, Customer, Notification, NotificationAttempt, EmailEvent, NotificationTemplate };

/** Checked above against the schema; @apollo/subgraph's map types `__resolveReference` like a field resolver. */
export const resolvers = typed as GraphQLResolverMap<NotificationContext>;
