import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { connect, customerToken, eventually, issuer, startTrackingShop, type TrackingShop } from './order-tracking-harness';

const FOLLOW = `subscription($number: String!) { orderUpdated(number: $number) { status version } }`;

let shop: TrackingShop;
beforeAll(async () => {
  shop = await startTrackingShop(2, {
    subscriptionLimits: { initTimeoutMs: 1_000, maxSubscriptionsPerConnection: 3, recheckMs: 300 },
  });
});
afterAll(async () => {
  await shop?.stop();
});

const listeners = () => shop.gateways.map((g) => g.subscriptions.listenerCount());
const connections = () => shop.gateways.map((g) => g.subscriptions.connectionCount());

describe('live order tracking across replicas, within limits, without leaks', () => {
  it('delivers every change exactly once to each subscription on each of two gateway replicas', async () => {
    const customerId = randomUUID();
    const order = await shop.placeOrder(customerId);
    const clients = shop.gateways.map((g) => connect(g.wsUrl, customerToken(customerId)));
    const MINE = `subscription { myOrderUpdates { number version } }`;
    try {
      // Following from version 2 (the order as placed and confirmed): a subscription without afterVersion starts at
      // the version its first read finds, and under load that read may land after the first move below.
      const FOLLOW_FROM = `subscription($number: String!, $after: Int) { orderUpdated(number: $number, afterVersion: $after) { status version } }`;
      const subs = clients.flatMap((c) => [c.subscribe(FOLLOW_FROM, { number: order.number, after: 2 }), c.subscribe(MINE), c.subscribe(MINE)]);
      await eventually(() => listeners().every((n) => n === 3), 20_000, 'three live subscriptions on each replica');
      let version = await shop.move(order, 'PROCESSING', 2);
      version = await shop.move(order, 'SHIPPED', version, { carrier: 'DHL', tracking: 'JD0002' });
      await shop.move(order, 'DELIVERED', version);
      // A later order of the same customer marks the end: anything duplicated would have come before its two events.
      const sentinel = await shop.placeOrder(customerId);
      for (const sub of subs) await sub.waitFor(3);
      for (const [i, sub] of subs.entries()) {
        if (i % 3 === 0) {
          expect(sub.results.map((r) => r.data!.orderUpdated.version)).toEqual([3, 4, 5]);
          continue;
        }
        await eventually(() => sub.results.filter((r) => r.data?.myOrderUpdates.number === sentinel.number).length === 2, 20_000, 'the sentinel order');
        // The first order's own placing (v1, v2) may reach the gateway after the subscription is live (the relay
        // publishes after commit): only its later changes, and the whole sentinel, are compared.
        const seen = sub.results
          .map((r) => `${r.data!.myOrderUpdates.number}@${r.data!.myOrderUpdates.version}`)
          .filter((s) => s !== `${order.number}@1` && s !== `${order.number}@2`);
        expect(seen).toEqual([`${order.number}@3`, `${order.number}@4`, `${order.number}@5`, `${sentinel.number}@1`, `${sentinel.number}@2`]);
      }
    } finally {
      for (const c of clients) await c.dispose();
    }
  });

  it('ends the connection when its token expires (4403)', async () => {
    const client = connect(shop.gateways[0].wsUrl, customerToken(randomUUID(), 2));
    expect(await client.closed).toBe(4403);
    await client.dispose();
  });

  it('ends the connection when the account is suspended (4403)', async () => {
    const customerId = randomUUID();
    const client = connect(shop.gateways[0].wsUrl, customerToken(customerId));
    try {
      const sub = client.subscribe(`subscription { myOrderUpdates { version } }`);
      await eventually(() => listeners()[0] >= 1, 20_000, 'the subscription to be live');
      await issuer.suspended.suspend(customerId);
      expect(await client.closed).toBe(4403);
      await eventually(() => sub.completed, 20_000, 'the subscription to end');
    } finally {
      await issuer.suspended.reinstate(customerId);
      await client.dispose();
    }
  });

  it('refuses a subscription past the per-connection limit and closes a socket that never sends connection_init', async () => {
    const client = connect(shop.gateways[0].wsUrl, customerToken(randomUUID()));
    const silent = new WebSocket(shop.gateways[0].wsUrl, 'graphql-transport-ws');
    try {
      const subs = [1, 2, 3, 4].map(() => client.subscribe(`subscription { myOrderUpdates { version } }`));
      await subs[3].waitFor(1);
      expect(subs[3].error ?? subs[3].results[0]).toBeTruthy();
      expect(JSON.stringify(subs[3].error)).toContain('At most 3 subscriptions');
      const code = await new Promise<number>((resolve) => silent.once('close', (c) => resolve(c)));
      expect(code).toBe(4408);
    } finally {
      silent.terminate();
      await client.dispose();
    }
  });

  it('returns to its baseline of listeners and connections after many subscribe/unsubscribe cycles and dropped sockets', async () => {
    await eventually(() => listeners().every((n) => n === 0) && connections().every((n) => n === 0), 20_000, 'a quiet baseline');
    const customerId = randomUUID();
    const order = await shop.placeOrder(customerId);
    const client = connect(shop.gateways[0].wsUrl, customerToken(customerId));
    try {
      // One at a time (this file allows 3 per connection): each is live, then gone, before the next.
      for (let i = 0; i < 1_000; i++) {
        const sub = client.subscribe(FOLLOW, { number: order.number });
        await eventually(() => listeners()[0] === 1, 20_000, `subscription ${i} to be live`);
        sub.unsubscribe();
        await eventually(() => listeners()[0] === 0, 20_000, `subscription ${i} to be gone`);
      }
    } finally {
      await client.dispose();
    }
    // Sockets that vanish mid-subscription (no complete, no close frame); one account each (20 connections per account).
    const dropped = await Promise.all(Array.from({ length: 200 }, () => droppedSocket(shop.gateways[1].wsUrl, customerToken(randomUUID()))));
    await eventually(() => listeners()[1] === 200, 20_000, 'the 200 subscriptions to be live');
    for (const socket of dropped) socket.terminate();
    await eventually(() => listeners().every((n) => n === 0) && connections().every((n) => n === 0), 20_000, 'listeners and connections back to zero');
  }, 180_000);
});

/** A raw graphql-ws socket, acknowledged and subscribed, for dropping without a goodbye. */
function droppedSocket(url: string, authorization: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`closed with ${code} before it was acknowledged`)));
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string };
      if (message.type !== 'connection_ack') return;
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { myOrderUpdates { version } }' } }));
      resolve(socket);
    });
  });
}
