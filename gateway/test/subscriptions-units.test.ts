import { buildSchema, execute, parse, subscribe, type ExecutionResult, type GraphQLResolveInfo, type OperationDefinitionNode, type FragmentDefinitionNode, type FieldNode, Kind } from 'graphql';
import { randomUUID } from 'node:crypto';
import { createLogger, encodeEnvelope, eventStream, inProcessTransport, type EventTransport } from '@shop/platform';
import { orderQueryFor } from '../src/subscriptions/order-selection';
import { startOrderFeed, type OrderFeed, type OrderUpdateListener } from '../src/subscriptions/order-feed';
import type { LiveOrderUpdate } from '../src/subscriptions/order-update';
import { orderUpdateOf } from '../src/subscriptions/order-update';
import { UpdateStream } from '../src/subscriptions/update-stream';
import { fieldResolver, trackingSchema, type SubscriberContext } from '../src/subscriptions/tracking';

function fakeFeed() {
  const listeners = new Set<OrderUpdateListener>();
  const feed: OrderFeed = {
    listen: (l) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    listenerCount: () => listeners.size,
    stop: async () => undefined,
  };
  return { feed, emit: (u: LiveOrderUpdate) => [...listeners].forEach((l) => l(u)) };
}

const update = (orderId: string, version: number, status = 'PROCESSING'): LiveOrderUpdate => ({
  kind: 'PROCESSING_STARTED', orderId, number: `SO-${orderId}`, customerId: null, status, previousStatus: 'CONFIRMED', version,
  occurredAt: new Date(0).toISOString(), carrier: null, trackingNumber: null, refundedAmount: null,
});

describe('a subscription stream', () => {
  it('drops changes of the order at or below the version the subscriber starts from, even when they arrive late', async () => {
    const { feed, emit } = fakeFeed();
    const stream = new UpdateStream(feed, () => true, 100);
    emit(update('a', 1));
    stream.release([], () => true, { orderId: 'a', version: 2 });
    emit(update('a', 2)); // published after commit, reaching the feed after the subscription is live
    emit(update('a', 3));
    expect((await stream.next()).value).toMatchObject({ orderId: 'a', version: 3 });
    await stream.return();
  });

  it('sends caught-up changes first, then what arrived meanwhile, each version once and in order', async () => {
    const { feed, emit } = fakeFeed();
    const stream = new UpdateStream(feed, () => true, 100);
    emit(update('a', 3));
    emit(update('a', 4));
    stream.release([update('a', 2), update('a', 3)]);
    emit(update('a', 4));
    emit(update('a', 5));
    const versions: number[] = [];
    for (let i = 0; i < 4; i++) versions.push((await stream.next()).value!.version);
    expect(versions).toEqual([2, 3, 4, 5]);
    await stream.return();
  });

  it('removes its feed listener on return, even while a reader waits, and ends that reader', async () => {
    const { feed } = fakeFeed();
    const stream = new UpdateStream(feed, () => true, 100);
    stream.release();
    const waiting = stream.next();
    expect(feed.listenerCount()).toBe(1);
    await stream.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(feed.listenerCount()).toBe(0);
  });

  it('ends a reader that falls too far behind with SUBSCRIPTION_TOO_SLOW and lets go of the feed', async () => {
    const { feed, emit } = fakeFeed();
    const stream = new UpdateStream(feed, () => true, 3);
    stream.release();
    for (let v = 1; v <= 5; v++) emit(update('a', v));
    await expect(stream.next()).rejects.toMatchObject({ extensions: { code: 'SUBSCRIPTION_TOO_SLOW' } });
    expect(feed.listenerCount()).toBe(0);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('ends as too slow when more updates pile up than it may hold while its order is still looked up', async () => {
    const { feed, emit } = fakeFeed();
    const stream = new UpdateStream(feed, () => true, 2);
    for (let v = 1; v <= 3; v++) emit(update(`o${v}`, v));
    expect(feed.listenerCount()).toBe(0);
    stream.release();
    await expect(stream.next()).rejects.toMatchObject({ extensions: { code: 'SUBSCRIPTION_TOO_SLOW' } });
  });

  it('keeps only what its filter accepts', async () => {
    const { feed, emit } = fakeFeed();
    const stream = new UpdateStream(feed, (u) => u.orderId === 'b', 10);
    stream.release();
    emit(update('a', 3));
    emit(update('b', 7));
    expect((await stream.next()).value).toMatchObject({ orderId: 'b', version: 7 });
    await stream.return();
  });
});

describe('order events as updates', () => {
  const envelope = (type: string, data: Record<string, unknown>) => ({
    id: 'e1', source: 'order', type, aggregateType: 'Order', aggregateId: 'o1', version: 4, schemaVersion: 1, occurredAt: '2026-11-30T10:00:00.000Z', data,
  });

  it('carries the facts of a shipment from the event', () => {
    expect(orderUpdateOf(envelope('OrderShipped', {
      orderNumber: 'SO-1', customerId: 'c1', status: 'shipped', previousStatus: 'processing', carrier: 'DHL', trackingNumber: 'JD1', occurredAt: '2026-11-30T10:00:01.000Z',
    }))).toEqual({
      kind: 'SHIPPED', orderId: 'o1', number: 'SO-1', customerId: 'c1', status: 'SHIPPED', previousStatus: 'PROCESSING', version: 4,
      occurredAt: '2026-11-30T10:00:01.000Z', carrier: 'DHL', trackingNumber: 'JD1', refundedAmount: null,
    });
  });

  it('ignores events that are not order changes', () => {
    expect(orderUpdateOf(envelope('OrderSomethingElse', { orderNumber: 'SO-1', status: 'shipped' }))).toBeNull();
    expect(orderUpdateOf({ ...envelope('OrderShipped', { orderNumber: 'SO-1', status: 'shipped' }), aggregateType: 'Payment' })).toBeNull();
  });
});

describe("the subscriber's selection as a query", () => {
  const schema = buildSchema(`
    type Query { order(number: String!): Order }
    type Order { number: String! items(first: Int): [Item!]! }
    type Item { sku: String! }
  `);
  const infoFor = (source: string): GraphQLResolveInfo => {
    const document = parse(source);
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
    const fragments = Object.fromEntries(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
    );
    const field = (operation.selectionSet.selections[0] as FieldNode).selectionSet!.selections.find((s) => s.kind === Kind.FIELD && s.name.value === 'order') as FieldNode;
    return { fieldNodes: [field], fragments, operation, variableValues: { n: 2, number: 'x' }, schema } as unknown as GraphQLResolveInfo;
  };

  it('keeps aliases, fragments and the variables the selection uses, and asks __typename everywhere', () => {
    const info = infoFor(`subscription($number: String!, $n: Int) {
      orderUpdated(number: $number) { version order { no: number items(first: $n) { ...Line } } }
    }
    fragment Line on Item { sku }`);
    const { query, numberVariable, variables } = orderQueryFor(info);
    expect(numberVariable).toBe('trackedOrderNumber');
    expect(variables).toEqual({ n: 2 });
    const printed = query.replace(/\s+/g, ' ');
    expect(printed).toContain('query OrderUpdateSelection($n: Int, $trackedOrderNumber: String!)');
    expect(printed).toContain('order: order(number: $trackedOrderNumber) { no: number items(first: $n) { ...Line __typename } __typename }');
    expect(printed).toContain('fragment Line on Item { sku __typename }');
  });

  it("reads a guest's order with their access key", () => {
    const info = infoFor(`subscription($number: String!, $key: String) { orderUpdated(number: $number, accessKey: $key) { order { number } } }`);
    const { query } = orderQueryFor(info, true);
    const printed = query.replace(/\s+/g, ' ');
    expect(printed).toContain('($trackedOrderNumber: String!, $trackedOrderAccessKey: String!)');
    expect(printed).toMatch(/order: guestOrder\( ?number: \$trackedOrderNumber,? accessKey: \$trackedOrderAccessKey ?\) \{ number __typename \}/);
  });
});

describe('the order feed', () => {
  it('hears what was published while its group was lost, once the group is made again', async () => {
    const base = inProcessTransport();
    const stream = eventStream('order');
    const starts: string[] = [];
    let group = '';
    let lose = false;
    const shipped = encodeEnvelope({
      id: randomUUID(), source: 'order', type: 'OrderShipped', aggregateType: 'Order', aggregateId: 'o1', version: 4, schemaVersion: 1,
      occurredAt: new Date().toISOString(), data: { orderNumber: 'SO-1', customerId: 'c1', status: 'shipped', previousStatus: 'processing' },
    } as never);
    const transport: EventTransport = {
      ...base,
      ensureGroup: (s, g, from) => {
        group = g;
        starts.push(from);
        return base.ensureGroup(s, g, from);
      },
      read: async (...args) => {
        if (!lose) return base.read(...args);
        // The stream store restarts empty: the group is gone, and the relay publishes before the feed reads again.
        lose = false;
        await base.dropGroup(stream, group);
        await base.append(stream, [{ aggregateKey: 'o1', previous: null, payload: shipped }], 1_000, null);
        throw new Error('NOGROUP No such key or consumer group');
      },
    };
    const feed = startOrderFeed({ transport, log: createLogger('test', 'silent'), blockMs: 20 });
    const heard: LiveOrderUpdate[] = [];
    feed.listen((u) => heard.push(u));
    try {
      await waitUntil(() => starts.length === 1);
      lose = true;
      await waitUntil(() => heard.length === 1);
      expect(heard[0]).toMatchObject({ orderId: 'o1', version: 4, status: 'SHIPPED' });
      expect(starts).toEqual(['latest', 'beginning']);
    } finally {
      await feed.stop();
    }
  });
});

async function waitUntil(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the order of an update', () => {
  const api = buildSchema(`
    type Query { order(number: String!): Order }
    type Order { number: String! note: String items: [Item!]! }
    type Item { sku: String! variant: Variant }
    type Variant { name: String! }
    type Money { amount: String! currency: String! }
    type OrderUpdate { orderId: ID! number: String! version: Int! refundedAmount: Money order: Order }
    type Subscription { orderUpdated(number: String!, afterVersion: Int, accessKey: String): OrderUpdate! }
  `);
  const schema = trackingSchema(api)!;
  const run = (answer: Awaited<ReturnType<SubscriberContext['query']>>) => {
    const ctx = { viewer: { customerId: 'c1', roles: ['customer'] }, query: async () => answer, unauthenticated: () => undefined } as unknown as SubscriberContext;
    return execute({
      schema, fieldResolver, contextValue: ctx, rootValue: update('o1', 3),
      document: parse(`subscription { orderUpdated(number: "SO-o1") { version order { no: number note items { sku variant { name } } } } }`),
    }) as Promise<ExecutionResult>;
  };

  it('reports the errors of fields the supergraph could not answer at those fields, keeping the rest', async () => {
    const result = await run({
      data: { order: { no: 'SO-o1', note: null, items: [{ sku: 'A', variant: null }] } },
      errors: [
        { message: 'catalog: connect ECONNREFUSED', path: ['order', 'items', 0, 'variant', 'name'] },
        { message: 'Only staff may read notes.', path: ['order', 'note'], extensions: { code: 'FORBIDDEN' } },
      ],
    });
    expect(result.data).toEqual({ orderUpdated: { version: 3, order: { no: 'SO-o1', note: null, items: [{ sku: 'A', variant: null }] } } });
    expect(result.errors?.map((e) => [e.path, e.extensions.code, e.message])).toEqual([
      [['orderUpdated', 'order', 'note'], 'FORBIDDEN', 'Only staff may read notes.'],
      [['orderUpdated', 'order', 'items', 0, 'variant'], 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side.'],
    ]);
  });
});

describe('a refused order', () => {
  const api = buildSchema(`
    type Query { order(number: String!): Order }
    type Order { id: ID! version: Int! number: String! }
    type Money { amount: String! currency: String! }
    type OrderUpdate { orderId: ID! number: String! version: Int! refundedAmount: Money order: Order }
    type Subscription { orderUpdated(number: String!, afterVersion: Int, accessKey: String): OrderUpdate! }
  `);
  const schema = trackingSchema(api)!;
  const refusedWith = async (answer: Awaited<ReturnType<SubscriberContext['query']>>) => {
    const ctx = {
      viewer: { customerId: 'c1', roles: ['customer'] }, feed: fakeFeed().feed, maxQueued: 10, query: async () => answer, unauthenticated: () => undefined,
    } as unknown as SubscriberContext;
    const result = await subscribe({ schema, contextValue: ctx, document: parse(`subscription { orderUpdated(number: "SO-1") { version } }`) });
    return (result as ExecutionResult).errors?.map((e) => [e.extensions.code, e.message]);
  };

  it('is NOT_FOUND when the supergraph found none, and never shows an uncoded error raw', async () => {
    expect(await refusedWith({ data: { order: null } })).toEqual([['NOT_FOUND', 'That order was not found.']]);
    expect(await refusedWith({ data: null, errors: [{ message: 'connect ECONNREFUSED 10.0.0.7:5432' }] })).toEqual([['INTERNAL_SERVER_ERROR', 'Something went wrong on our side.']]);
    expect(await refusedWith({ data: null, errors: [{ message: 'Try again shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] })).toEqual([['SERVICE_UNAVAILABLE', 'Try again shortly.']]);
  });
});
