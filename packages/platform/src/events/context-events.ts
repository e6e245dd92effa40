import type { Logger } from '../logger';
import type { Redis } from '../redis';
import { startConsumer, type Consumer, type ConsumerOptions } from './consumer';
import type { EventHandler } from './handlers';
import { inProcessTransport } from './in-process-transport';
import type { SqlClient } from './outbox';
import { redisTransport } from './redis-transport';
import { startRelay, type Relay, type RelayOptions } from './relay';
import { startProcessedEventsRetention, type ProcessedEventsRetention, type ProcessedEventsRetentionOptions } from './retention';
import type { EventTransport } from './transport';

let shared: EventTransport | null = null;

/**
 * Redis Streams when the service has a Redis; otherwise the one in-process transport of this process, which is
 * correct only while every service runs in this process (the embedded mode) — log that at start-up.
 */
export function eventTransport(redis: Redis | null | undefined): EventTransport {
  if (redis) return redisTransport(redis);
  shared ??= inProcessTransport();
  return shared;
}

export interface ContextEventsOptions<Tx extends SqlClient> {
  /** The context: publishes its outbox to `events:<context>`, consumes as group `<context>`. */
  context: string;
  databaseUrl: string;
  transport: EventTransport;
  inTransaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  /** What this context reacts to (none: it only publishes). */
  handlers?: EventHandler<Tx>[];
  /** Its outbox exists and the relay publishes it (default true; false: it only consumes, or has no outbox yet). */
  publishes?: boolean;
  logger?: Logger;
  relay?: Partial<Omit<RelayOptions, 'context' | 'databaseUrl' | 'transport'>>;
  consumer?: Partial<Omit<ConsumerOptions<Tx>, 'receiver' | 'transport' | 'inTransaction' | 'handlers'>>;
  /**
   * Pruning of the consumer's `processed_events` (with the consumer): rows older than 30 days and beyond the
   * newest 200,000 of their source, by default; false turns it off.
   */
  retention?: ProcessedEventsRetentionOptions | false;
}

export interface ContextEvents {
  relay: Relay | null;
  consumer: Consumer | null;
  /** Prunes `processed_events`; runs with the consumer. */
  retention: ProcessedEventsRetention | null;
  stop(): Promise<void>;
}

/**
 * A context's whole part in the event backbone: the relay for its outbox and, if it reacts to anything, its
 * consumer and the pruning of what that consumer records in `processed_events`. `recordEvent(tx, …)` inside its
 * transactions is the rest.
 */
export function startContextEvents<Tx extends SqlClient>(options: ContextEventsOptions<Tx>): ContextEvents {
  const { context, databaseUrl, transport, inTransaction, handlers = [], logger, publishes = true } = options;
  const relay = publishes ? startRelay({ ...options.relay, context, databaseUrl, transport, logger }) : null;
  const consumer = handlers.length
    ? startConsumer({ ...options.consumer, receiver: context, transport, inTransaction, handlers, logger })
    : null;
  const retention = consumer && options.retention !== false
    ? startProcessedEventsRetention({ ...options.retention, context, sources: handlers.map((h) => h.source), inTransaction, logger })
    : null;
  return {
    relay,
    consumer,
    retention,
    async stop() {
      await Promise.all([relay?.stop(), consumer?.stop(), retention?.stop()]);
    },
  };
}
