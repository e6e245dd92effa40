import { SpanKind } from '@opentelemetry/api';
import type { Pool } from 'pg';
import client from 'prom-client';
import type { EventEnvelope } from '../events/envelope';
import { eventConsumerLag, eventsApplied, metricsRegistry } from './metrics';
import { contextFrom, inSpan, linkTo, tracer, tracingEnabled } from './tracing';

/** The outbox of every relay of this process, by publishing context, read at each scrape. */
const outboxes = new Map<string, Pool>();

/** How long a scrape waits for an outbox's figures before leaving them out. */
const OUTBOX_QUERY_TIMEOUT_MS = 2_000;

type Figures = Map<string, { waiting: number; age: number }>;
let reading: Promise<Figures> | null = null;

/** Both outbox gauges of one scrape share one query per outbox (the registry collects its metrics at once). */
function outboxFigures(): Promise<Figures> {
  reading ??= (async () => {
    const figures: Figures = new Map();
    await Promise.all(
      [...outboxes].map(async ([context, pool]) => {
        const found = await waitingIn(pool).catch(() => null);
        if (found) figures.set(context, found);
      }),
    );
    return figures;
  })().finally(() => {
    reading = null;
  });
  return reading;
}

new client.Gauge({
  name: 'shop_event_relay_waiting_events',
  help: 'Outbox rows committed but not yet published to the context\'s stream',
  labelNames: ['context'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const [context, { waiting }] of await outboxFigures()) this.set({ context }, waiting);
  },
});

new client.Gauge({
  name: 'shop_event_relay_oldest_waiting_seconds',
  help: 'Age of the oldest outbox row not yet published (0 when none waits): the relay\'s lag',
  labelNames: ['context'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const [context, { age }] of await outboxFigures()) this.set({ context }, age);
  },
});

/** Uses idx_domain_events_unpublished (published_at, sequence); gives up after OUTBOX_QUERY_TIMEOUT_MS. */
async function waitingIn(pool: Pool): Promise<{ waiting: number; age: number }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('outbox figures timed out')), OUTBOX_QUERY_TIMEOUT_MS);
  });
  try {
    const { rows } = await Promise.race([
      pool.query<{ waiting: number; age: number }>(
        `SELECT count(*)::int AS waiting,
                COALESCE(extract(epoch FROM (now() AT TIME ZONE 'UTC') - min(occurred_at)), 0)::float8 AS age
           FROM domain_events WHERE published_at IS NULL`,
      ),
      timeout,
    ]);
    return { waiting: rows[0].waiting, age: Math.max(0, rows[0].age) };
  } finally {
    clearTimeout(timer);
  }
}

/** Makes a relay's outbox figures part of the scrape until the returned function is called (the relay stops). */
export function watchOutbox(context: string, pool: Pool): () => void {
  outboxes.set(context, pool);
  return () => {
    if (outboxes.get(context) === pool) outboxes.delete(context);
  };
}

/**
 * A receiver's transaction for `events`, in a CONSUMER span: one event's span continues the trace of the request
 * that recorded it (its `traceparent`); a batch's span links to each event's trace instead.
 */
export function applyingEvents<T>(receiver: string, events: EventEnvelope[], work: () => Promise<T>): Promise<T> {
  if (!tracingEnabled()) return work();
  const [first] = events;
  const attributes = { 'messaging.system': 'redis', 'messaging.consumer.group.name': receiver, 'messaging.batch.message_count': events.length };
  const span = events.length === 1
    ? tracer().startSpan(`apply ${first.source}.${first.type}`, {
        kind: SpanKind.CONSUMER,
        attributes: { ...attributes, 'messaging.message.id': first.id, 'shop.event.type': first.type },
      }, contextFrom(first.traceparent))
    : tracer().startSpan(`apply ${events.length} events`, {
        kind: SpanKind.CONSUMER, root: true, attributes, links: events.flatMap((e) => linkTo(e.traceparent)),
      });
  return inSpan(span, work);
}

/** An event's effect committed in `receiver`: counted, with its lag from the moment it occurred. */
export function eventApplied(receiver: string, envelope: EventEnvelope): void {
  const labels = { receiver, source: envelope.source };
  eventsApplied.inc(labels);
  const occurred = Date.parse(envelope.occurredAt);
  if (Number.isFinite(occurred)) eventConsumerLag.observe(labels, Math.max(0, (Date.now() - occurred) / 1000));
}

/**
 * The relay's append of a batch to its stream (Redis in production) in a PRODUCER span linked to the trace of
 * each event in it: a batch serves many requests, so it starts a trace of its own.
 */
export function publishingEvents<T>(stream: string, traceparents: (string | undefined)[], work: () => Promise<T>): Promise<T> {
  if (!tracingEnabled()) return work();
  const span = tracer().startSpan(`publish ${stream}`, {
    kind: SpanKind.PRODUCER,
    root: true,
    attributes: { 'messaging.system': 'redis', 'messaging.destination.name': stream, 'messaging.batch.message_count': traceparents.length },
    links: traceparents.flatMap(linkTo),
  });
  return inSpan(span, work);
}
