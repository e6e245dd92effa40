import { eventStream, on, redisTransport, startConsumer, startRelay, type Consumer, type Relay } from '../src/events';
import {
  changeWidget, effectsByAggregate, eventually, newIds, publisherDb, receiverDb, recordEffect, startRedisServer, widgetChanged,
  type RedisServer, type TestDb, type Tx,
} from './events-support';
import { describeWithRedisServer } from '../src/testing';

let publisher: TestDb;
let receiver: TestDb;
let redis: RedisServer;
const running: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});

// Each test gets its own publishing and receiving databases: one database is one context, as in the shop.
beforeEach(async () => {
  [publisher, receiver] = await Promise.all([publisherDb(), receiverDb()]);
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
  await Promise.all([publisher.close(), receiver.close()]);
});

afterAll(async () => {
  await redis?.close();
});

function relay(context: string): Relay {
  const started = startRelay({ context, databaseUrl: publisher.url, transport: redisTransport(redis.connect()), batchSize: 100 });
  running.push(started);
  return started;
}

function consumer(source: string, options: { claimIdleMs?: number } = {}): Consumer {
  const started = startConsumer({
    receiver: 'stock',
    transport: redisTransport(redis.connect()),
    inTransaction: receiver.inTransaction,
    handlers: [recordEffect(source)],
    concurrency: 4,
    claimIdleMs: options.claimIdleMs ?? 2000,
    blockMs: 500,
  });
  running.push(started);
  return started;
}

/** Changes each widget `rounds` times (one widget's changes one after another, widgets side by side); every 5th change is rolled back. */
async function traffic(db: TestDb, widgets: string[], rounds: number, pause = 0): Promise<number> {
  let committed = 0;
  await Promise.all(
    widgets.map(async (id, w) => {
      for (let round = 0; round < rounds; round += 1) {
        const fail = (w + round) % 5 === 4;
        await changeWidget(db, id, { fail }).then(() => (committed += 1), () => undefined);
        if (pause) await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }),
  );
  return committed;
}

/** Changes the widgets one after another with a pause, round after round, until stopped; resolves to the number committed. */
function steadyTraffic(db: TestDb, widgets: string[], pauseMs: number) {
  let stopped = false;
  let committed = 0;
  let round = 0;
  const done = (async () => {
    while (!stopped) {
      for (const [w, id] of widgets.entries()) {
        await changeWidget(db, id, { fail: (w + round) % 5 === 4 }).then(() => (committed += 1), () => undefined);
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
      round += 1;
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await done;
      return committed;
    },
  };
}

async function expectEveryEventAppliedOnceInOrder(widgets: string[], committed: number) {
  const effects = await effectsByAggregate(receiver);
  const total = [...effects.values()].reduce((n, versions) => n + versions.length, 0);
  expect(total).toBe(committed);
  const [{ distinct }] = await receiver.sql<{ distinct: string }>('SELECT count(DISTINCT event_id) AS distinct FROM effects');
  expect(Number(distinct)).toBe(committed);
  for (const id of widgets) {
    const versions = effects.get(id) ?? [];
    // Versions of a widget are 1..n with no gaps (a rolled-back change takes no version), applied in that order.
    expect(versions).toEqual(versions.map((_, i) => i + 1));
  }
}

/** Redis Streams themselves: a redis-server of this file's own. */
const describeStreams = describeWithRedisServer('platform events-delivery', 'delivery, ordering and outages over Redis Streams');

describeStreams('delivery from outbox to effect', () => {
  it('with two relays and two consumers applies every committed event exactly once, each aggregate in order', async () => {
    const context = 'widgets';
    const [r1, r2] = [relay(context), relay(context)];
    const [c1, c2] = [consumer(context), consumer(context)];
    const widgets = newIds(25);

    const committed = await traffic(publisher, widgets, 12);
    await eventually(async () => (await receiver.sql('SELECT 1 FROM effects')).length >= committed, `${committed} effects`);
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a wrongly repeated effect to show up

    await expectEveryEventAppliedOnceInOrder(widgets, committed);
    expect(committed).toBe(240);
    expect(r1.published + r2.published).toBe(committed);
    expect(c1.applied + c2.applied).toBe(committed);
    expect(await redis.connect().xlen(eventStream(context))).toBe(committed);
  });

  it('with Redis killed in the middle of the traffic and started again empty, delivers every event afterwards and applies none twice', async () => {
    const context = 'outage';
    relay(context);
    relay(context);
    consumer(context);
    consumer(context);
    const widgets = newIds(20);
    const outageMs = Number(process.env.EVENTS_OUTAGE_MS ?? 30_000); // the 30 s

    const load = steadyTraffic(publisher, widgets, 10);
    await eventually(async () => (await receiver.sql('SELECT 1 FROM effects')).length >= 40, 'the first effects');
    await redis.stop(); // SIGKILL: no persistence, so its streams and consumer groups are gone for good
    let whileDown: number;
    try {
      await new Promise((resolve) => setTimeout(resolve, outageMs));
      const [{ waiting }] = await publisher.sql<{ waiting: string }>(
        'SELECT count(*) AS waiting FROM domain_events WHERE published_at IS NULL AND aggregate_id = ANY($1)', [widgets]);
      whileDown = Number(waiting);
    } finally {
      await redis.start();
    }
    await new Promise((resolve) => setTimeout(resolve, 1000)); // traffic goes on after Redis is back
    const committed = await load.stop();
    expect(whileDown).toBeGreaterThan(0); // rows waited in the outbox while Redis was down

    await eventually(async () => (await receiver.sql('SELECT 1 FROM effects')).length >= committed, `${committed} effects after the outage`, 45_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expectEveryEventAppliedOnceInOrder(widgets, committed);
  }, 120_000);

  it('applies a backlog in shared transactions where a failing event undoes only itself: it is retried or dead-lettered, its aggregate’s later events wait for it', async () => {
    const context = 'batched';
    const r = relay(context);
    const widgets = newIds(10);
    for (let round = 0; round < 4; round += 1) await Promise.all(widgets.map((id) => changeWidget(publisher, id)));
    await eventually(async () => r.published === 40, 'the backlog published');

    // Version 2 of every other widget fails once; version 3 of the first widget always fails.
    await receiver.sql('CREATE TABLE applied_in (event_id UUID NOT NULL, xid BIGINT NOT NULL)');
    const failedOnce = new Set<string>();
    const handler = on(context, 'WidgetChanged', widgetChanged, async (event, tx: Tx) => {
      await tx.$executeRaw`INSERT INTO effects (event_id, aggregate_id, version) VALUES (${event.id}::uuid, ${event.aggregateId}::uuid, ${event.data.version})`;
      await tx.$executeRaw`INSERT INTO applied_in (event_id, xid) VALUES (${event.id}::uuid, txid_current())`;
      const w = widgets.findIndex((id) => id === event.aggregateId);
      if (w === 0 && event.data.version === 3) throw new Error('refused for good');
      if (w % 2 === 0 && event.data.version === 2 && !failedOnce.has(event.id)) {
        failedOnce.add(event.id);
        throw new Error('refused once');
      }
    });
    const started = startConsumer({
      receiver: 'stock', transport: redisTransport(redis.connect()), inTransaction: receiver.inTransaction, handlers: [handler],
      concurrency: 2, batchSize: 50, maxAttempts: 3, backoffMs: 20, blockMs: 500,
    });
    running.push(started);

    await eventually(async () => (await started.deadLetters.list()).length === 1 && started.applied === 39, '39 events applied and one dead letter');
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a wrongly repeated effect to show up
    const effects = await effectsByAggregate(receiver);
    expect(effects.get(widgets[0])).toEqual([1, 2, 4]);
    for (const id of widgets.slice(1)) expect(effects.get(id)).toEqual([1, 2, 3, 4]);
    expect(failedOnce.size).toBe(5);
    const [{ events, transactions }] = await receiver.sql<{ events: string; transactions: string }>(
      'SELECT count(DISTINCT event_id) AS events, count(DISTINCT xid) AS transactions FROM applied_in');
    expect(Number(events)).toBe(39);
    expect(Number(transactions)).toBeLessThan(39); // the backlog went in shared transactions
    const [{ processed }] = await receiver.sql<{ processed: string }>('SELECT count(*) AS processed FROM processed_events');
    expect(Number(processed)).toBe(39); // the dead-lettered event's record went with its effect
    const [letter] = await started.deadLetters.list();
    expect(letter).toMatchObject({ aggregateId: widgets[0], version: 3, attempts: 3, error: 'Error: refused for good' });
  });

  it('reclaims the events a consumer took and never acknowledged, once they have been idle long enough', async () => {
    const context = 'reclaim';
    const connection = redis.connect();
    const stream = eventStream(context);
    // A consumer that died: it read events as member of the group, then vanished without acknowledging them.
    await connection.xgroup('CREATE', stream, 'stock', '0', 'MKSTREAM');
    const r = relay(context);
    const widgets = newIds(10);
    const committed = await traffic(publisher, widgets, 3);
    await eventually(async () => r.published === committed, 'everything published');
    const taken = (await connection.call('XREADGROUP', 'GROUP', 'stock', 'dead-consumer', 'COUNT', 1000, 'STREAMS', stream, '>')) as unknown[];
    expect(taken[1]).toHaveLength(committed); // RESP3: [stream, entries]

    const survivor = consumer(context, { claimIdleMs: 1000 });
    await eventually(async () => (await receiver.sql('SELECT 1 FROM effects')).length >= committed, 'the dead consumer’s events applied');
    await expectEveryEventAppliedOnceInOrder(widgets, committed);
    expect(survivor.applied).toBe(committed);
    const summary = (await connection.call('XPENDING', stream, 'stock')) as [number, ...unknown[]];
    expect(summary[0]).toBe(0);
  });
});
