import { badUserInput, notFound } from '../errors';
import { MAX_DEAD_LETTER_PAGE, type DeadLetters } from './dead-letters';

const STREAM_ID = /^\d{1,20}-\d{1,20}$/;
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * The staff GraphQL over one context's dead letters, for its schema.graphql. Root fields carry the context's
 * name (every context has its own dead letters, and the supergraph needs distinct fields); the value types are
 * @shareable so every subgraph can declare them (import @shareable and @requiresRole in the schema's @link).
 */
export function deadLetterTypeDefs(receiver: string): string {
  const name = pascal(receiver);
  return `
"An integration event this context failed to apply, waiting for staff."
type EventDeadLetter @shareable {
  id: ID!
  eventId: ID
  source: String
  type: String
  aggregateType: String
  aggregateId: ID
  version: Int
  "The last failure, one line."
  error: String!
  attempts: Int!
  failedAt: String!
  "The event's payload as published (JSON)."
  data: String!
}

enum EventReplayOutcome {
  APPLIED
  ALREADY_APPLIED
  FAILED
}

type EventReplayResult @shareable {
  outcome: EventReplayOutcome!
  "Why it failed again; the dead letter stays."
  error: String
  deadLetter: EventDeadLetter
}

extend type Query {
  "Oldest first; after: the id of the last letter of the previous page."
  ${receiver}EventDeadLetters(first: Int = 20, after: ID): [EventDeadLetter!]! @requiresRole(role: "admin")
}

extend type Mutation {
  replay${name}EventDeadLetter(id: ID!): EventReplayResult! @requiresRole(role: "admin")
  discard${name}EventDeadLetter(id: ID!): Boolean! @requiresRole(role: "admin")
}
`;
}

/** Resolvers for `deadLetterTypeDefs(receiver)`; `deadLetters` is the context's consumer's. */
export function deadLetterResolvers(receiver: string, deadLetters: () => DeadLetters) {
  const name = pascal(receiver);
  return {
    Query: {
      [`${receiver}EventDeadLetters`]: (_: unknown, args: { first?: number; after?: string | null }) => {
        const first = args.first ?? 20;
        if (first < 1 || first > MAX_DEAD_LETTER_PAGE) throw badUserInput(`first must be between 1 and ${MAX_DEAD_LETTER_PAGE}.`);
        if (args.after && !STREAM_ID.test(args.after)) throw badUserInput('after must be the id of a dead letter.');
        return deadLetters().list({ first, after: args.after });
      },
    },
    Mutation: {
      [`replay${name}EventDeadLetter`]: async (_: unknown, { id }: { id: string }) => {
        const result = STREAM_ID.test(id) ? await deadLetters().replay(id) : null;
        if (!result) throw notFound('The dead letter');
        return result;
      },
      [`discard${name}EventDeadLetter`]: async (_: unknown, { id }: { id: string }) => {
        if (!STREAM_ID.test(id) || !(await deadLetters().discard(id))) throw notFound('The dead letter');
        return true;
      },
    },
  };
}
