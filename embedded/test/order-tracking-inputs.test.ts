import { randomUUID } from 'node:crypto';
import { connect, customerToken, eventually, startTrackingShop, type Subscription, type TrackingClient, type TrackingShop } from './order-tracking-harness';

/**
 * A client's mistake in what it subscribes to is answered on that subscription with a coded GraphQL error, never
 * INTERNAL_SERVER_ERROR, and never by closing the client's connection (its other subscriptions carry on).
 */
let shop: TrackingShop;
let order: { id: string; number: string };
let client: TrackingClient;
let closedWith: number | null = null;
beforeAll(async () => {
  shop = await startTrackingShop(1);
  const customerId = randomUUID();
  order = await shop.placeOrder(customerId);
  client = connect(shop.gateways[0].wsUrl, customerToken(customerId));
  void client.closed.then((code) => (closedWith = code));
});
afterAll(async () => {
  await client?.dispose();
  await shop?.stop();
});

const FOLLOW = `subscription($number: String!, $after: Int) { orderUpdated(number: $number, afterVersion: $after) { version } }`;

/** The errors a subscription was answered with: refused at subscribe (an error message) or at execution (a result). */
async function errorsOf(sub: Subscription): Promise<{ message: string; extensions?: Record<string, unknown> }[]> {
  await sub.waitFor(1);
  await eventually(() => sub.completed, 20_000, 'the refused subscription to end');
  if (Array.isArray(sub.error)) return sub.error;
  if (sub.error) throw new Error(`not a GraphQL refusal: ${String(sub.error)}`);
  return (sub.results[0]?.errors ?? []) as never;
}

const cases: [string, string, Record<string, unknown>, string][] = [
  ['afterVersion past the Int range', FOLLOW, { number: 'SO-1', after: 2 ** 31 }, 'BAD_USER_INPUT'],
  ['a number of the wrong type', FOLLOW, { number: 5 }, 'BAD_USER_INPUT'],
  ['a missing $number', FOLLOW, {}, 'BAD_USER_INPUT'],
  ['a negative afterVersion', FOLLOW, { number: 'SO-1', after: -1 }, 'BAD_USER_INPUT'],
  ['an unknown status in a filter variable', `subscription($s: [OrderStatus!]) { orderEvents(filter: { status: $s }) { number } }`, { s: ['LOST'] }, 'BAD_USER_INPUT'],
  ['an unknown status written in the filter', `subscription { orderEvents(filter: { status: [LOST] }) { number } }`, {}, 'GRAPHQL_VALIDATION_FAILED'],
  ['an unknown field', `subscription { myOrderUpdates { versoin } }`, {}, 'GRAPHQL_VALIDATION_FAILED'],
  ['@skip on the subscribed field', `subscription { myOrderUpdates @skip(if: false) { version } }`, {}, 'BAD_REQUEST'],
  ['@include on the subscribed field', `subscription($i: Boolean!) { myOrderUpdates @include(if: $i) { version } }`, { i: true }, 'BAD_REQUEST'],
  ['two operations and no operationName', `subscription A { myOrderUpdates { version } } subscription B { myOrderUpdates { number } }`, {}, 'BAD_REQUEST'],
  ['a query', `query { __typename }`, {}, 'BAD_REQUEST'],
  ['a field aliased as __typename', `subscription { myOrderUpdates { order { __typename: number } } }`, {}, 'BAD_REQUEST'],
  ['more aliases than the gateway allows queries', `subscription { myOrderUpdates { ${Array.from({ length: 40 }, (_, i) => `v${i}: version`).join(' ')} } }`, {}, 'QUERY_TOO_COMPLEX'],
  ['a selection deeper than the gateway allows queries', `subscription { myOrderUpdates { order { items { variant { product { ${'variants { product { '.repeat(5)}name${' } }'.repeat(5)} } } } } } }`, {}, 'QUERY_TOO_COMPLEX'],
  ['a document that does not parse', `subscription { myOrderUpdates { version }`, {}, 'GRAPHQL_PARSE_FAILED'],
];

describe('client mistakes in a subscription', () => {
  it.each(cases)('answers %s with its code and keeps the connection', async (_what, query, variables, code) => {
    const errors = await errorsOf(client.subscribe(query, variables));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => e.extensions?.code)).toEqual(errors.map(() => code));
    expect(closedWith).toBeNull();
  });

  it('answers an operationName the document does not have with BAD_REQUEST', async () => {
    const refused = subscribeNamed(client, `subscription A { myOrderUpdates { version } }`, 'B');
    const errors = await errorsOf(refused);
    expect(errors.map((e) => e.extensions?.code)).toEqual(['BAD_REQUEST']);
    expect(closedWith).toBeNull();
  });

  it('answers a catch-up of more changes than one reply holds with BAD_USER_INPUT, not a silently cut list', async () => {
    const customerId = randomUUID();
    const long = await shop.placeOrder(customerId);
    await shop.addHistory(long, 2, 501);
    const owner = connect(shop.gateways[0].wsUrl, customerToken(customerId));
    try {
      const errors = await errorsOf(owner.subscribe(FOLLOW, { number: long.number, after: 2 }));
      expect(errors.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(errors[0].message).toContain('More than 500 changes');
    } finally {
      await owner.dispose();
    }
  });

  it('dates a caught-up change whose payload has no time by its row, as the live update is dated', async () => {
    const customerId = randomUUID();
    const placed = await shop.placeOrder(customerId);
    await shop.addHistory(placed, 2, 1);
    const owner = connect(shop.gateways[0].wsUrl, customerToken(customerId));
    try {
      const sub = owner.subscribe(`subscription($n: String!) { orderUpdated(number: $n, afterVersion: 2) { version occurredAt } }`, { n: placed.number });
      await sub.waitFor(1);
      expect(sub.results[0].errors).toBeUndefined();
      const caughtUp = sub.results[0].data!.orderUpdated;
      expect(caughtUp.version).toBe(3);
      expect(Date.parse(caughtUp.occurredAt)).toBeGreaterThan(Date.parse('2020-01-01T00:00:00Z'));
    } finally {
      await owner.dispose();
    }
  });

  it('still serves the connection after all of them', async () => {
    const sub = client.subscribe(FOLLOW, { number: order.number });
    await eventually(() => shop.gateways[0].subscriptions.listenerCount() === 1, 20_000, 'the subscription to be live');
    await shop.move(order, 'PROCESSING', 2);
    await sub.waitFor(1);
    expect(sub.results.map((r) => r.data?.orderUpdated.version)).toEqual([3]);
    sub.unsubscribe();
    expect(closedWith).toBeNull();
  });
});

/** A subscription with an operationName, through the same graphql-ws client. */
function subscribeNamed(tracking: TrackingClient, query: string, operationName: string): Subscription {
  const sub: Subscription = { results: [], error: undefined, completed: false, waitFor: async () => undefined, unsubscribe: () => undefined };
  sub.unsubscribe = tracking.client.subscribe(
    { query, operationName },
    {
      next: (result) => void sub.results.push(result as never),
      error: (error) => {
        sub.error = error;
        sub.completed = true;
      },
      complete: () => {
        sub.completed = true;
      },
    },
  );
  sub.waitFor = () => eventually(() => sub.completed || sub.results.length > 0, 20_000, 'an answer');
  return sub;
}
