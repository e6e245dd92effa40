import { SpanKind } from '@opentelemetry/api';
import { z } from 'zod';
import { inProcessTransport, on, startConsumer, startRelay, type EventHandler, type EventTransport } from '../src/events';
import { metricsRegistry, tracer } from '../src/observability';
import { recordSpans } from '../src/observability/testing';
import { changeWidget, eventually, newIds, publisherDb, receiverDb, recordEffect, widgetChanged, type TestDb, type Tx } from './events-support';

let publisher: TestDb;
let receiver: TestDb;
const running: { stop(): Promise<void> }[] = [];

beforeEach(async () => {
  [publisher, receiver] = await Promise.all([publisherDb(), receiverDb()]);
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
  await Promise.all([publisher.close(), receiver.close()]);
});

function relay(transport: EventTransport) {
  running.push(startRelay({ context: 'widgets', databaseUrl: publisher.url, transport, pollIntervalMs: 100 }));
}

function consumer(transport: EventTransport, receiverName: string, handler: EventHandler<Tx> = recordEffect() as EventHandler<Tx>) {
  running.push(startConsumer({ receiver: receiverName, transport, inTransaction: receiver.inTransaction, handlers: [handler], blockMs: 200 }));
}

const effects = async () => Number((await receiver.sql<{ n: string }>('SELECT count(*) AS n FROM effects'))[0].n);

/** One sample of the scrape, by metric name and labels (e.g. `{context="widgets"}`). */
async function sample(name: string, labels: string): Promise<number | undefined> {
  const text = await metricsRegistry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

describe('trace context through the outbox', () => {
  test("the receiver's span continues the trace of the request that recorded the event, and its SQL is part of it", async () => {
    const recorded = recordSpans();
    running.push({ stop: recorded.stop });
    const transport = inProcessTransport();
    // Strict: a trace context left in the payload would break the contract and send the event to the dead letters.
    consumer(transport, 'stock', on('widgets', 'WidgetChanged', widgetChanged.strict(), async (event, tx: Tx) => {
      await tx.$executeRaw`INSERT INTO effects (event_id, aggregate_id, version) VALUES (${event.id}::uuid, ${event.aggregateId}::uuid, ${event.data.version})`;
    }));
    const [id] = newIds(1);
    const producer = await tracer().startActiveSpan('checkout', async (span) => {
      await changeWidget(publisher, id);
      span.end();
      return span.spanContext();
    });
    relay(transport);
    await eventually(async () => (await effects()) === 1, 'the effect');
    await eventually(async () => recorded.spans().some((s) => s.kind === SpanKind.CONSUMER), 'the consumer span');

    const applying = recorded.spans().find((s) => s.name === 'apply widgets.WidgetChanged')!;
    expect(applying.spanContext().traceId).toBe(producer.traceId);
    expect(applying.parentSpanContext?.spanId).toBe(producer.spanId);
    const insert = recorded.spans().find((s) => String(s.attributes['db.query.text']).includes('INSERT INTO effects'))!;
    expect(insert.spanContext().traceId).toBe(producer.traceId);
    // The producer's own INSERT into the outbox is a span of the request's trace too.
    expect(recorded.spans().some((s) => s.spanContext().traceId === producer.traceId && String(s.attributes['db.query.text']).includes('INSERT INTO domain_events'))).toBe(true);
    // The relay's append to the stream is a trace of its own (a batch serves many requests), linked to the event's.
    const publish = recorded.spans().find((s) => s.name === 'publish events:widgets')!;
    expect(publish.kind).toBe(SpanKind.PRODUCER);
    expect(publish.links.map((l) => l.context.traceId)).toEqual([producer.traceId]);
    // The row carries the trace context beside the payload, the payload itself is as recorded.
    const [row] = await publisher.sql<{ event_data: Record<string, unknown> }>('SELECT event_data FROM domain_events');
    expect(row.event_data.$traceparent).toBe(`00-${producer.traceId}-${producer.spanId}-01`);
  });

  test('without tracing nothing is added to the outbox row', async () => {
    const [id] = newIds(1);
    await changeWidget(publisher, id);
    const [row] = await publisher.sql<{ event_data: Record<string, unknown> }>('SELECT event_data FROM domain_events');
    expect(row.event_data).toEqual({ widgetId: id, version: 1 });
  });
});

describe('event metrics', () => {
  test('published, applied with their lag, and dead-lettered events are counted', async () => {
    const transport = inProcessTransport();
    const before = {
      published: (await sample('shop_events_published_total', '{context="widgets"}')) ?? 0,
      applied: (await sample('shop_events_applied_total', '{receiver="metrics-stock",source="widgets"}')) ?? 0,
      dead: (await sample('shop_event_dead_letters_total', '{receiver="metrics-refusing"}')) ?? 0,
    };
    consumer(transport, 'metrics-stock');
    // A receiver whose contract the payload breaks: each event goes to its dead letters at once.
    consumer(transport, 'metrics-refusing', on('widgets', 'WidgetChanged', z.object({ colour: z.string() }), async () => undefined));
    relay(transport);
    for (const id of newIds(3)) await changeWidget(publisher, id);
    await eventually(async () => (await effects()) === 3, 'the effects');
    await eventually(async () => (await sample('shop_event_dead_letters_total', '{receiver="metrics-refusing"}')) === before.dead + 3, 'dead letters');

    expect(await sample('shop_events_published_total', '{context="widgets"}')).toBe(before.published + 3);
    expect(await sample('shop_events_applied_total', '{receiver="metrics-stock",source="widgets"}')).toBe(before.applied + 3);
    expect(await sample('shop_event_consumer_lag_seconds_count', '{receiver="metrics-stock",source="widgets"}')).toBeGreaterThanOrEqual(3);
    expect(await sample('shop_event_relay_waiting_events', '{context="widgets"}')).toBe(0);
  });

  test("rows the relay cannot publish show as the relay's backlog and lag", async () => {
    const broken: EventTransport = { ...inProcessTransport(), append: () => Promise.reject(new Error('stream store unreachable')) };
    relay(broken);
    for (const id of newIds(2)) await changeWidget(publisher, id);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await sample('shop_event_relay_waiting_events', '{context="widgets"}')).toBe(2);
    expect(await sample('shop_event_relay_oldest_waiting_seconds', '{context="widgets"}')).toBeGreaterThanOrEqual(1);
  });
});
