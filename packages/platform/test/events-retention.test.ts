import { randomUUID } from 'node:crypto';
import { compareStreamIds, redisTransport, startContextEvents, startProcessedEventsRetention, type ProcessedEventsRetention } from '../src/events';
import {
  changeWidget, eventually, newIds, publisherDb, receiverDb, recordEffect, startRedisServer,
  type RedisServer, type TestDb, type Tx,
} from './events-support';
import { describeWithRedisServer } from '../src/testing';

const DAY_MS = 24 * 60 * 60 * 1000;
let receiver: TestDb;
const running: { stop(): Promise<void> }[] = [];

beforeEach(async () => {
  receiver = await receiverDb();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
  await receiver.close();
});

/** `count` rows of `source` applied `daysAgo` days ago (each a second older than the one before). */
async function appliedRows(source: string, count: number, daysAgo: number): Promise<string[]> {
  const ids = newIds(count);
  for (const [i, id] of ids.entries()) {
    await receiver.sql(
      `INSERT INTO processed_events (event_id, source, event_type, aggregate_id, version, processed_at)
       VALUES ($1, $2, 'WidgetChanged', $3, 1, LOCALTIMESTAMP - make_interval(days => $4, secs => $5))`,
      [id, source, randomUUID(), daysAgo, i],
    );
  }
  return ids;
}

const remaining = async (source?: string) =>
  (await receiver.sql<{ event_id: string }>(`SELECT event_id FROM processed_events WHERE $1::text IS NULL OR source = $1 ORDER BY event_id`, [source ?? null]))
    .map((r) => r.event_id);

/** A job that only runs when the test asks it to. */
function retention(options: { sources: string[]; keepLatest: number; batchSize?: number }): ProcessedEventsRetention {
  const job = startProcessedEventsRetention<Tx>({
    context: 'loyalty', inTransaction: receiver.inTransaction, maxAgeMs: 30 * DAY_MS, firstRunMs: 3_600_000, intervalMs: 3_600_000, pauseMs: 1, ...options,
  });
  running.push(job);
  return job;
}

describe('pruning processed_events', () => {
  it('deletes rows applied longer ago than the retention, in batches, and keeps the newer ones', async () => {
    await appliedRows('ledger', 25, 40);
    await appliedRows('archive', 3, 31); // a source the context no longer consumes: age alone
    const recent = [...(await appliedRows('ledger', 5, 29)), ...(await appliedRows('ledger', 5, 0)), ...(await appliedRows('archive', 2, 1))];

    expect(await retention({ sources: ['ledger'], keepLatest: 0, batchSize: 10 }).prune()).toBe(28);
    expect(await remaining()).toEqual([...recent].sort());
  });

  it('keeps the newest rows of each consumed source however old, since a stream or a relay may still deliver them again', async () => {
    const ledger = await appliedRows('ledger', 10, 40); // i = 0 is the newest
    const stock = await appliedRows('stock', 3, 40);

    expect(await retention({ sources: ['ledger', 'stock'], keepLatest: 5 }).prune()).toBe(5);
    expect(await remaining('ledger')).toEqual(ledger.slice(0, 5).sort());
    expect(await remaining('stock')).toEqual([...stock].sort());
  });

  it('one replica prunes at a time, and a second pass finds nothing left to delete', async () => {
    await appliedRows('ledger', 30, 40);
    const [a, b] = [retention({ sources: ['ledger'], keepLatest: 0, batchSize: 5 }), retention({ sources: ['ledger'], keepLatest: 0, batchSize: 5 })];
    const [first, second] = await Promise.all([a.prune(), b.prune()]);
    expect(first + second).toBeLessThanOrEqual(30);
    await a.prune();
    expect(await remaining()).toEqual([]);
    expect(await b.prune()).toBe(0);
  });
});

/** Redis Streams themselves: a redis-server of this file's own. */
const describeStreams = describeWithRedisServer('platform events-retention, started with the context events', 'the retention started beside a consumer on Redis Streams');

describeStreams('pruning started with the context events', () => {
  let publisher: TestDb;
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.close();
  });
  beforeEach(async () => {
    publisher = await publisherDb();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
    await publisher.close();
  });

  it('runs by itself, and a recent event delivered again still applies once', async () => {
    const old = await appliedRows('widgets', 4, 45);
    const connection = redis.connect();
    const relay = startContextEvents({ context: 'widgets', databaseUrl: publisher.url, transport: redisTransport(redis.connect()), inTransaction: publisher.inTransaction });
    const consumer = startContextEvents<Tx>({
      context: 'loyalty', databaseUrl: receiver.url, transport: redisTransport(redis.connect()), inTransaction: receiver.inTransaction,
      handlers: [recordEffect('widgets')], publishes: false,
      retention: { maxAgeMs: 30 * DAY_MS, keepLatest: 0, firstRunMs: 0, intervalMs: 50 },
    });
    running.push(relay, consumer);
    expect(consumer.retention).not.toBeNull();

    const [widget] = newIds(1);
    await changeWidget(publisher, widget);
    await eventually(async () => (await receiver.sql('SELECT 1 FROM effects')).length === 1, 'the effect');
    await eventually(async () => (await remaining()).every((id) => !old.includes(id)), 'the old rows to be pruned');

    // Published again (as after a lost stream): the consumer gets it a second time and finds its row.
    const [{ stream_id: firstEntry }] = await publisher.sql<{ stream_id: string }>('SELECT stream_id FROM domain_events');
    await publisher.sql('UPDATE domain_events SET published_at = NULL, processed = false');
    relay.relay!.wake();
    const secondEntry = await waitFor(async () => {
      const [row] = await publisher.sql<{ stream_id: string | null; published_at: Date | null }>('SELECT stream_id, published_at FROM domain_events');
      return row.published_at && row.stream_id !== firstEntry ? row.stream_id : null;
    }, 'the event to be published again');
    await eventually(async () => {
      const groups = (await connection.xinfo('GROUPS', 'events:widgets')) as unknown[][];
      const group = groups.map((g) => Object.fromEntries(chunk(g))).find((g) => g.name === 'loyalty');
      return !!group && Number(group.pending) === 0 && compareStreamIds(String(group['last-delivered-id']), secondEntry!) >= 0;
    }, 'the consumer to take the second delivery');

    expect(await receiver.sql('SELECT event_id FROM effects')).toHaveLength(1);
    expect(await receiver.sql(`SELECT 1 FROM processed_events WHERE source = 'widgets'`)).toHaveLength(1);
    expect(consumer.consumer!.applied).toBe(1);
  });
});

function chunk(flat: unknown[]): [string, unknown][] {
  const pairs: [string, unknown][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([String(flat[i]), flat[i + 1]]);
  return pairs;
}

async function waitFor<T>(read: () => Promise<T | null>, what: string): Promise<T> {
  let value: T | null = null;
  await eventually(async () => (value = await read()) !== null, what);
  return value!;
}
