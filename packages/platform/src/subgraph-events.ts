import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { DocumentNode } from 'graphql';
import type { ConsumerOptions } from './events/consumer';
import { eventTransport, startContextEvents, type ContextEvents } from './events/context-events';
import { deadLetterResolvers } from './events/graphql';
import type { EventHandler } from './events/handlers';
import type { SqlClient } from './events/outbox';
import type { RelayOptions } from './events/relay';
import type { ProcessedEventsRetentionOptions } from './events/retention';
import type { EventTransport } from './events/transport';
import type { Logger } from './logger';

/** A context's integration events: the relay for its outbox and, when it reacts to anything, its consumer. */
export interface SubgraphEvents<Tx extends SqlClient> {
  /** The context's transaction helper, for the consumer: each event's effect commits with its processed_events row. */
  inTransaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  /** What it reacts to (its events/handlers.ts); with any, its consumer runs and staff get its dead letters. */
  handlers: EventHandler<Tx>[];
  /**
   * Its migration has the outbox (domain_events with the relay's columns and the NOTIFY trigger): the relay
   * publishes it. False until then, so a context without the table starts without a relay.
   */
  publishes: boolean;
  /** Tuning (tests): batch size, poll interval; claim idle time, attempts, backoff. */
  relay?: Partial<Omit<RelayOptions, 'context' | 'databaseUrl' | 'transport'>>;
  consumer?: Partial<Omit<ConsumerOptions<Tx>, 'receiver' | 'transport' | 'inTransaction' | 'handlers'>>;
  /** How long processed_events rows are kept (events/retention.ts), or false to keep them all. */
  retention?: ProcessedEventsRetentionOptions | false;
}

/** The context's relay (when its outbox exists) and consumer (when it reacts to anything); null when neither runs. */
export function startSubgraphEvents<Tx extends SqlClient>(options: {
  name: string;
  log: Logger;
  databaseUrl?: string;
  events?: SubgraphEvents<Tx>;
  eventTransport?: EventTransport;
}): ContextEvents | null {
  const events = options.events;
  if (!events || (!events.publishes && events.handlers.length === 0)) return null;
  if (events.publishes && !options.databaseUrl) throw new Error(`${options.name} publishes events: startSubgraph needs its databaseUrl for the relay`);
  const started = startContextEvents<Tx>({
    context: options.name,
    databaseUrl: options.databaseUrl ?? '',
    transport: options.eventTransport ?? eventTransport(null),
    inTransaction: events.inTransaction,
    handlers: events.handlers,
    logger: options.log,
    relay: events.relay,
    consumer: events.consumer,
    retention: events.retention,
    publishes: events.publishes,
  });
  options.log.info({ publishes: events.publishes, reactsTo: events.handlers.map((h) => `${h.source}.${h.type}`) }, 'integration events started');
  return started;
}

/**
 * A consuming context's staff fields over its dead letters (deadLetterTypeDefs(name) in its schema.graphql),
 * added to its resolvers. Without those fields in the schema the context does not start: its failed events would
 * have nowhere to be seen.
 */
export function withDeadLetters(
  name: string,
  typeDefs: DocumentNode,
  resolvers: GraphQLResolverMap<unknown>,
  deadLetters: Parameters<typeof deadLetterResolvers>[1],
): GraphQLResolverMap<unknown> {
  const fields = deadLetterResolvers(name, deadLetters);
  const missing = Object.keys(fields.Query).filter((field) => !declaresField(typeDefs, 'Query', field));
  if (missing.length) throw new Error(`${name} reacts to events: add deadLetterTypeDefs('${name}') to its schema.graphql (missing Query.${missing[0]})`);
  const own = resolvers as Record<string, Record<string, unknown> | undefined>;
  return { ...resolvers, Query: { ...own.Query, ...fields.Query }, Mutation: { ...own.Mutation, ...fields.Mutation } } as GraphQLResolverMap<unknown>;
}

function declaresField(typeDefs: DocumentNode, type: string, field: string): boolean {
  return typeDefs.definitions.some(
    (d) => (d.kind === 'ObjectTypeDefinition' || d.kind === 'ObjectTypeExtension') && d.name.value === type && (d.fields ?? []).some((f) => f.name.value === field),
  );
}
