/**
 * What travels between contexts: an integration event as the publisher recorded it, plus where it came from.
 * The receiver trusts only this envelope's shape; `data` is validated with the receiver's own schema.
 */
export interface EventEnvelope<D = unknown> {
  /** The outbox row's id: receivers record it to apply the event once. */
  id: string;
  /** The publishing context (`order`, `catalog`, …); its stream is `events:<source>`. */
  source: string;
  /** `<Aggregate><PastTense>`: `OrderConfirmed`, `VariantCreated`. */
  type: string;
  aggregateType: string;
  aggregateId: string;
  /** The aggregate's version after the change: per aggregate, events arrive in this order. */
  version: number;
  /** The payload's contract version; a receiver may accept several. */
  schemaVersion: number;
  /** ISO 8601, UTC. */
  occurredAt: string;
  data: D;
  /** Optional: the W3C trace context of the request that recorded the event, so its receivers' work joins that trace. */
  traceparent?: string;
}

/** The stream a context publishes to. */
export const eventStream = (context: string) => `events:${context}`;

/** Where a receiver's failed events wait for staff. */
export const deadLetterStream = (receiver: string) => `events:dead:${receiver}`;

/** The key events are ordered by: one aggregate of one context. */
export const aggregateKey = (e: Pick<EventEnvelope, 'aggregateType' | 'aggregateId'>) => `${e.aggregateType}:${e.aggregateId}`;

const PASCAL = /^[A-Z][A-Za-z0-9]{2,99}$/;

/** `<Aggregate><PastTense>` in PascalCase, as short as the outbox column allows. */
export function assertEventName(type: string): void {
  if (!PASCAL.test(type)) throw new Error(`Event type "${type}" must be <Aggregate><PastTense> in PascalCase (e.g. OrderConfirmed)`);
}

export function encodeEnvelope(envelope: EventEnvelope): string {
  return JSON.stringify(envelope);
}

/** Parses a stream entry's payload; throws on anything that is not an envelope (it then goes to dead letters). */
export function decodeEnvelope(text: string): EventEnvelope {
  const value = JSON.parse(text) as Partial<EventEnvelope>;
  const fields: (keyof EventEnvelope)[] = ['id', 'source', 'type', 'aggregateType', 'aggregateId', 'occurredAt'];
  for (const field of fields) {
    if (typeof value[field] !== 'string') throw new Error(`Event envelope has no ${field}`);
  }
  if (typeof value.version !== 'number' || typeof value.schemaVersion !== 'number') throw new Error('Event envelope has no version');
  return value as EventEnvelope;
}
