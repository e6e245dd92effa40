import { z } from 'zod';
import {
  inProcessTransport, on, redisTransport, startConsumer, startRelay,
  type Consumer, type EventTransport, type Relay,
} from '../src/events';
import {
  changeWidget, effectsByAggregate, eventually, newIds, publisherDb, receiverDb, widgetChanged, startRedisServer,
  type RedisServer, type TestDb, type Tx,
} from './events-support';
import { describeWithRedisServer, redisForTests } from '../src/testing';

let publisher: TestDb;
let receiver: TestDb;
let redis: RedisServer | undefined;
const running: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  if (redisForTests.server) redis = await startRedisServer();
});

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

/** A handler that throws while `broken.now` is true, counting its calls. */
function flakyHandler(context: string, broken: { now: boolean; calls: number }) {
  return on(context, 'WidgetChanged', widgetChanged, async (event, tx: Tx) => {
    broken.calls += 1;
    await tx.$executeRaw`INSERT INTO effects (event_id, aggregate_id, version) VALUES (${event.id}::uuid, ${event.aggregateId}::uuid, ${event.data.version})`;
    if (broken.now) throw new Error('the loyalty ledger is unavailable');
  });
}

function start(context: string, transport: () => EventTransport, handlers: ReturnType<typeof flakyHandler>[]): { relay: Relay; consumer: Consumer } {
  const relay = startRelay({ context, databaseUrl: publisher.url, transport: transport() });
  const consumer = startConsumer({ receiver: 'loyalty', transport: transport(), inTransaction: receiver.inTransaction, handlers, maxAttempts: 3, backoffMs: 20 });
  running.push(relay, consumer);
  return { relay, consumer };
}

const transports: [string, () => () => EventTransport, jest.Describe][] = [
  ['Redis Streams', () => () => redisTransport(redis!.connect()), describeWithRedisServer('platform events-dead-letters over Redis Streams', 'dead letters kept in a Redis stream')],
  [
    'the in-process transport',
    () => {
      const shared = inProcessTransport();
      return () => shared;
    },
    describe,
  ],
];

for (const [name, makeTransport, describeTransport] of transports) describeTransport(`dead letters over ${name}`, () => {
  it('sends an event whose handler always throws to the dead letters after N attempts, and replays it once the handler is fixed', async () => {
    const broken = { now: true, calls: 0 };
    const { consumer } = start('ledger', makeTransport(), [flakyHandler('ledger', broken)]);
    const [widget] = newIds(1);
    await changeWidget(publisher, widget);

    await eventually(async () => (await consumer.deadLetters.list()).length === 1, 'a dead letter');
    const [letter] = await consumer.deadLetters.list();
    expect(letter).toMatchObject({ source: 'ledger', type: 'WidgetChanged', aggregateId: widget, version: 1, attempts: 3, error: 'Error: the loyalty ledger is unavailable' });
    expect(JSON.parse(letter.data)).toEqual({ widgetId: widget, version: 1 });
    expect(broken.calls).toBe(3);
    expect(await receiver.sql('SELECT 1 FROM effects')).toEqual([]); // each failed attempt rolled back its effect
    expect(await receiver.sql('SELECT 1 FROM processed_events')).toEqual([]);

    const stillBroken = await consumer.deadLetters.replay(letter.id);
    expect(stillBroken).toMatchObject({ outcome: 'FAILED', error: 'Error: the loyalty ledger is unavailable', deadLetter: { attempts: 4, eventId: letter.eventId } });
    expect(await consumer.deadLetters.list()).toHaveLength(1);

    broken.now = false;
    const [again] = await consumer.deadLetters.list();
    expect(await consumer.deadLetters.replay(again.id)).toEqual({ outcome: 'APPLIED' });
    expect(await consumer.deadLetters.list()).toEqual([]);
    expect((await effectsByAggregate(receiver)).get(widget)).toEqual([1]);
    expect(await consumer.deadLetters.replay(again.id)).toBeNull(); // gone: a second replay finds nothing
  });

  it('sends a payload that breaks the receiver’s contract to the dead letters at once, and discards it on request', async () => {
    const strict = on('contract', 'WidgetChanged', widgetChanged.extend({ colour: z.string() }), async () => undefined);
    const { consumer } = start('contract', makeTransport(), [strict]);
    await changeWidget(publisher, newIds(1)[0]);

    await eventually(async () => (await consumer.deadLetters.list()).length === 1, 'a dead letter');
    const [letter] = await consumer.deadLetters.list();
    expect(letter.attempts).toBe(1);
    expect(letter.error).toContain('colour');
    expect(await consumer.deadLetters.discard(letter.id)).toBe(true);
    expect(await consumer.deadLetters.discard(letter.id)).toBe(false);
    expect(await consumer.deadLetters.list()).toEqual([]);
  });

  it('lets later events of the same aggregate through once an earlier one is dead-lettered, and applies the rest in order', async () => {
    const broken = { now: false, calls: 0 };
    const failing = new Set<number>([2]);
    const handler = on('order-kept', 'WidgetChanged', widgetChanged, async (event, tx: Tx) => {
      broken.calls += 1;
      if (failing.has(event.data.version)) throw new Error(`version ${event.data.version} refused`);
      await tx.$executeRaw`INSERT INTO effects (event_id, aggregate_id, version) VALUES (${event.id}::uuid, ${event.aggregateId}::uuid, ${event.data.version})`;
    });
    const { consumer } = start('order-kept', makeTransport(), [handler]);
    const [widget] = newIds(1);
    for (let i = 0; i < 4; i += 1) await changeWidget(publisher, widget);

    await eventually(async () => (await effectsByAggregate(receiver)).get(widget)?.length === 3, 'versions 1, 3 and 4 applied');
    expect((await effectsByAggregate(receiver)).get(widget)).toEqual([1, 3, 4]);
    const [letter] = await consumer.deadLetters.list();
    expect(letter).toMatchObject({ version: 2, attempts: 3 });
  });
});
