import { randomUUID } from 'node:crypto';
import { decodeEnvelope, eventStream, outboxInsert, recordEvent, redisTransport, startRelay } from '../src/events';
import {
  changeWidget, eventually, freshOutboxDb, newIds, publisherDb, startRedisServer,
  type RedisServer, type TestDb,
} from './events-support';
import { describeWithRedisServer, redisForTests } from '../src/testing';

let publisher: TestDb;
let fresh: TestDb;
let redis: RedisServer | undefined;

beforeAll(async () => {
  // The outbox itself needs no Redis; the relay's tests below do.
  [publisher, fresh, redis] = await Promise.all([publisherDb(), freshOutboxDb(), redisForTests.server ? startRedisServer() : undefined]);
});

afterAll(async () => {
  await Promise.all([publisher?.close(), fresh?.close(), redis?.close()]);
});

const eventsOf = (db: TestDb, aggregateId: string) =>
  db.sql<{ event_type: string; version: string; published_at: Date | null }>(
    'SELECT event_type, version, published_at FROM domain_events WHERE aggregate_id = $1 ORDER BY version', [aggregateId]);

describe('the outbox', () => {
  it('holds an event exactly when the change that recorded it committed', async () => {
    const [committed, rolledBack] = newIds(2);
    await changeWidget(publisher, committed);
    await changeWidget(publisher, committed);
    await expect(changeWidget(publisher, rolledBack, { fail: true })).rejects.toThrow('refused');

    expect((await eventsOf(publisher, committed)).map((e) => [e.event_type, e.version])).toEqual([['WidgetChanged', '1'], ['WidgetChanged', '2']]);
    expect(await eventsOf(publisher, rolledBack)).toEqual([]);
    expect(await publisher.sql('SELECT 1 FROM widgets WHERE id = $1', [rolledBack])).toEqual([]);
  });

  it('gives an event without a version the number after its aggregate’s last event', async () => {
    const cart = randomUUID();
    for (let i = 0; i < 3; i += 1) {
      await publisher.inTransaction((tx) => recordEvent(tx, { aggregateType: 'Cart', aggregateId: cart, type: 'CartAbandoned', data: { cartId: cart } }));
    }
    expect((await eventsOf(publisher, cart)).map((e) => e.version)).toEqual(['1', '2', '3']);
  });

  it('writes an event inside a statement of the caller’s own only when the CTE it names has a row', async () => {
    const [changed, missing] = newIds(2);
    await changeWidget(publisher, changed);
    const bump = (id: string) => {
      const { insert } = outboxInsert({ aggregateType: 'Widget', aggregateId: id, type: 'WidgetChanged', version: 2, data: { id } }, 'updated');
      return publisher.inTransaction((tx) => tx.$executeRaw`
        WITH updated AS (UPDATE widgets SET version = version + 1 WHERE id = ${id}::uuid RETURNING id), published AS (${insert})
        SELECT 1`);
    };
    await bump(changed);
    await bump(missing);
    expect((await eventsOf(publisher, changed)).map((e) => [e.event_type, e.version])).toEqual([['WidgetChanged', '1'], ['WidgetChanged', '2']]);
    expect(await eventsOf(publisher, missing)).toEqual([]);
    expect(() => outboxInsert({ aggregateType: 'Widget', aggregateId: changed, type: 'WidgetChanged', data: {} }, 'updated; DROP TABLE widgets')).toThrow('not a CTE name');
  });

  it('refuses an event name that is not <Aggregate><PastTense> in PascalCase', async () => {
    await expect(
      publisher.inTransaction((tx) => recordEvent(tx, { aggregateType: 'Order', aggregateId: randomUUID(), type: 'order.confirmed', version: 1, data: {} })),
    ).rejects.toThrow('PascalCase');
  });

  it('wakes the relays at the commit of a statement that inserted events, never for an INSERT of none', async () => {
    const { Client } = await import('pg');
    const listener = new Client({ connectionString: publisher.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(n.channel));
    try {
      await listener.query('LISTEN domain_events');
      // The shape of the stock statements: events only for rows that changed, here none.
      await publisher.sql(
        `INSERT INTO domain_events (aggregate_id, aggregate_type, event_type, event_data, version)
         SELECT gen_random_uuid(), 'Widget', 'WidgetChanged', '{}'::jsonb, 1 WHERE false`,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard).toEqual([]);
      await changeWidget(publisher, randomUUID());
      await eventually(async () => heard.length > 0, 'the NOTIFY of the committed event', 5_000);
      expect(heard).toEqual(['domain_events']);
    } finally {
      await listener.end();
    }
  });

  it('is the same table whether created for a new context or upgraded from the seed’s domain_events', async () => {
    const columns = (db: TestDb) =>
      db.sql(`SELECT column_name, data_type, character_maximum_length, is_nullable,
                     regexp_replace(column_default, 'nextval\\(.*\\)', 'nextval') AS column_default
                FROM information_schema.columns WHERE table_name = 'domain_events' ORDER BY column_name`);
    const indexes = (db: TestDb) =>
      db.sql(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'domain_events' ORDER BY indexname`);
    expect(await columns(fresh)).toEqual(await columns(publisher));
    expect(await indexes(fresh)).toEqual(await indexes(publisher));
    expect((await columns(fresh)).map((c) => c.column_name)).toEqual(
      expect.arrayContaining(['sequence', 'schema_version', 'published_at', 'stream_id', 'processed', 'event_data']));
  });
});

/** Redis Streams themselves: a redis-server of this file's own. */
const describeStreams = describeWithRedisServer('platform events-outbox, the relay', 'the relay publishing to Redis Streams');

describeStreams('the relay', () => {
  it('publishes committed events in outbox order, woken by NOTIFY, each linked to its aggregate’s previous event', async () => {
    const connection = redis!.connect();
    // A poll of a minute: only the trigger's NOTIFY can make it publish what is committed after it started.
    const relay = startRelay({ context: 'notify', databaseUrl: fresh.url, transport: redisTransport(connection), pollIntervalMs: 60_000 });
    try {
      await eventually(async () => (await fresh.sql("SELECT 1 FROM pg_stat_activity WHERE query = 'LISTEN domain_events'")).length > 0, 'the relay to listen');
      const [a, b, rolledBack] = newIds(3);
      await fresh.sql('CREATE TABLE IF NOT EXISTS widgets (id UUID PRIMARY KEY, version BIGINT NOT NULL)');
      for (const id of [a, b, a, a, b]) await changeWidget(fresh, id);
      await expect(changeWidget(fresh, rolledBack, { fail: true })).rejects.toThrow();

      await eventually(async () => (await connection.xlen(eventStream('notify'))) === 5, 'five entries in events:notify');
      const entries = await connection.xrange(eventStream('notify'), '-', '+');
      const decoded = entries.map(([id, fields]) => ({ id, event: decodeEnvelope(fields[1]), previous: fields[3] || null }));
      expect(decoded.map((d) => [d.event.aggregateId, d.event.version])).toEqual([[a, 1], [b, 1], [a, 2], [a, 3], [b, 2]]);
      expect(decoded.map((d) => d.previous)).toEqual([null, null, decoded[0].id, decoded[2].id, decoded[1].id]);
      expect(decoded[0].event).toMatchObject({ source: 'notify', type: 'WidgetChanged', aggregateType: 'Widget', schemaVersion: 1, data: { widgetId: a, version: 1 } });

      const rows = await fresh.sql<{ processed: boolean; stream_id: string }>(
        'SELECT processed, stream_id FROM domain_events WHERE aggregate_id = ANY($1) ORDER BY sequence', [[a, b]]);
      expect(rows).toEqual(decoded.map((d) => ({ processed: true, stream_id: d.id })));
    } finally {
      await relay.stop();
    }
  });

  it('keeps the stream bounded: about maxStreamLength entries stay, the outbox keeps every row', async () => {
    const connection = redis!.connect();
    const relay = startRelay({ context: 'bounded', databaseUrl: publisher.url, transport: redisTransport(connection), maxStreamLength: 100, batchSize: 50 });
    try {
      const ids = newIds(40);
      for (let round = 0; round < 10; round += 1) await Promise.all(ids.map((id) => changeWidget(publisher, id)));
      await eventually(async () => (await publisher.sql('SELECT 1 FROM domain_events WHERE published_at IS NULL')).length === 0, 'every row published');
      const length = await connection.xlen(eventStream('bounded'));
      expect(relay.published).toBeGreaterThanOrEqual(400);
      expect(length).toBeGreaterThanOrEqual(100);
      expect(length).toBeLessThanOrEqual(200);
    } finally {
      await relay.stop();
    }
  });
});
