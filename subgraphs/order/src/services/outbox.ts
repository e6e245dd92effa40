import type { OrderTx } from '../db';
import { ORDER_AGGREGATE, type OrderEventType } from '../domain/events';
import type { DomainEvent } from '../generated/prisma/client';

export interface OutboxEvent {
  aggregateId: string;
  type: OrderEventType;
  /** The aggregate's version after the change; one event per version (unique index). */
  version: bigint;
  data: object;
  occurredAt: Date;
}

/**
 * The transactional outbox: the event row is written with the transaction's client, so it commits with the
 * change it records or not at all. A relay (later) publishes rows with processed = false.
 */
export function recordEvent(tx: OrderTx, event: OutboxEvent): Promise<DomainEvent> {
  return tx.domainEvent.create({
    data: {
      aggregateId: event.aggregateId,
      aggregateType: ORDER_AGGREGATE,
      eventType: event.type,
      eventData: event.data as never,
      version: event.version,
      occurredAt: event.occurredAt,
    },
  });
}
