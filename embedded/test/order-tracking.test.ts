import { randomUUID } from 'node:crypto';
import { adminToken, connect, eventually, customerToken, startTrackingShop, type TrackingShop } from './order-tracking-harness';

const FOLLOW = `subscription($number: String!, $after: Int) {
  orderUpdated(number: $number, afterVersion: $after) {
    kind status previousStatus version occurredAt carrier trackingNumber
    order { num: number status items { sku quantity variant { product { name } } } }
  }
}`;

const GUEST_FOLLOW = `subscription($number: String!, $key: String!, $after: Int) {
  orderUpdated(number: $number, accessKey: $key, afterVersion: $after) { status version order { status } }
}`;

let shop: TrackingShop;
beforeAll(async () => {
  shop = await startTrackingShop(1);
});
afterAll(async () => {
  await shop?.stop();
});

describe('live order tracking through the gateway (graphql-ws)', () => {
  it('shows a customer their order move from confirmed to delivered, with the order resolved through the supergraph', async () => {
    const customerId = randomUUID();
    const order = await shop.placeOrder(customerId);
    const client = connect(shop.gateways[0].wsUrl, customerToken(customerId));
    const staff = connect(shop.gateways[0].wsUrl, adminToken());
    try {
      const following = client.subscribe(FOLLOW, { number: order.number });
      const mine = client.subscribe(`subscription { myOrderUpdates { number status version } }`);
      const board = staff.subscribe(`subscription { orderEvents(filter: { status: [SHIPPED] }) { number status carrier } }`);
      // Subscribed once the gateway answers an event: move only after every subscription is live.
      await waitUntilListening(shop, 3);
      let version = 2;
      version = await shop.move(order, 'PROCESSING', version);
      version = await shop.move(order, 'SHIPPED', version, { carrier: 'DHL', tracking: 'JD0001' });
      version = await shop.move(order, 'DELIVERED', version);
      await following.waitFor(3);
      // myOrderUpdates follows every order of the customer: the placing's own events (v1, v2) may still reach the
      // gateway after it subscribed (the relay publishes after commit), so only the later changes are compared.
      const laterOfMine = () => mine.results.map((r) => r.data!.myOrderUpdates.version).filter((v: number) => v > 2);
      await eventually(() => laterOfMine().length >= 3 || mine.completed, 20_000, 'the three moves in myOrderUpdates');
      await board.waitFor(1);
      expect(following.results.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
      const updates = following.results.map((r) => r.data!.orderUpdated);
      expect(updates.map((u) => [u.kind, u.status, u.previousStatus, u.version])).toEqual([
        ['PROCESSING_STARTED', 'PROCESSING', 'CONFIRMED', 3],
        ['SHIPPED', 'SHIPPED', 'PROCESSING', 4],
        ['DELIVERED', 'DELIVERED', 'SHIPPED', 5],
      ]);
      expect(updates[1]).toMatchObject({ carrier: 'DHL', trackingNumber: 'JD0001' });
      expect(typeof updates[0].occurredAt).toBe('string');
      // Federated fields are filled, aliases included, with the order as it is when asked.
      expect(updates[2].order).toEqual({ num: order.number, status: 'DELIVERED', items: [{ sku: expect.any(String), quantity: 2, variant: { product: { name: shop.productName } } }] });
      expect(mine.results.map((r) => r.errors)).toEqual(mine.results.map(() => undefined));
      expect(laterOfMine()).toEqual([3, 4, 5]);
      expect(board.results.map((r) => r.data!.orderEvents)).toEqual([{ number: order.number, status: 'SHIPPED', carrier: 'DHL' }]);
      expect(version).toBe(5);
    } finally {
      await client.dispose();
      await staff.dispose();
    }
  });

  it("refuses another customer's order as NOT_FOUND, anonymous callers, and the staff board to customers", async () => {
    const order = await shop.placeOrder(randomUUID());
    const stranger = connect(shop.gateways[0].wsUrl, customerToken(randomUUID()));
    const anonymous = connect(shop.gateways[0].wsUrl);
    try {
      const refused = stranger.subscribe(FOLLOW, { number: order.number });
      const board = stranger.subscribe(`subscription { orderEvents { number } }`);
      const nobody = anonymous.subscribe(FOLLOW, { number: order.number });
      for (const sub of [refused, board, nobody]) await sub.waitFor(1);
      expect(refused.results[0].errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(board.results[0].errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(nobody.results[0].errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      await eventually(() => [refused, board, nobody].every((s) => s.completed), 20_000, 'the refused subscriptions to complete');
    } finally {
      await stranger.dispose();
      await anonymous.dispose();
    }
  });

  it('lets a guest follow their order with its access key, and answers a wrong key NOT_FOUND', async () => {
    const order = await shop.placeOrder(null);
    const accessKey = await shop.giveAccessKey(order);
    const guest = connect(shop.gateways[0].wsUrl);
    try {
      const wrong = guest.subscribe(GUEST_FOLLOW, { number: order.number, key: `${accessKey}x` });
      await wrong.waitFor(1);
      expect(wrong.results[0].errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const following = guest.subscribe(GUEST_FOLLOW, { number: order.number, key: accessKey, after: 1 });
      await following.waitFor(1); // the confirmation, caught up from the order's history
      await waitUntilListening(shop, 1);
      await shop.move(order, 'PROCESSING', 2);
      await following.waitFor(2);
      expect(following.results.map((r) => r.errors)).toEqual([undefined, undefined]);
      expect(following.results.map((r) => [r.data!.orderUpdated.status, r.data!.orderUpdated.version, r.data!.orderUpdated.order.status])).toEqual([
        ['CONFIRMED', 2, 'CONFIRMED'], // resolved when delivered, before the move
        ['PROCESSING', 3, 'PROCESSING'],
      ]);
      const read = await shop.gateways[0].query(`query($n: String!, $k: String!) { guestOrder(number: $n, accessKey: $k) { number status } }`, { n: order.number, k: accessKey });
      expect(read.data.guestOrder).toEqual({ number: order.number, status: 'PROCESSING' });
      const refused = await shop.gateways[0].query(`query($n: String!, $k: String!) { guestOrder(number: $n, accessKey: $k) { number } }`, { n: order.number, k: 'not-the-key' });
      expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    } finally {
      await guest.dispose();
    }
  });

  it('answers a subscription sent over HTTP POST with BAD_REQUEST pointing to the WebSocket', async () => {
    const answer = await shop.gateways[0].query(`subscription { orderEvents { number } }`, {}, { authorization: adminToken() });
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
  });

  it('closes a connection whose token does not verify with 4403 Forbidden', async () => {
    const forged = connect(shop.gateways[0].wsUrl, 'Bearer aaa.bbb.ccc');
    expect(await forged.closed).toBe(4403);
    await forged.dispose();
  });

  it('replays exactly the changes missed since afterVersion, then live ones', async () => {
    const customerId = randomUUID();
    const order = await shop.placeOrder(customerId);
    let version = await shop.move(order, 'PROCESSING', 2);
    version = await shop.move(order, 'SHIPPED', version, { carrier: 'UPS', tracking: '1Z999' });
    const client = connect(shop.gateways[0].wsUrl, customerToken(customerId));
    try {
      // The client last saw version 2 (confirmed): it missed processing and shipped.
      const sub = client.subscribe(FOLLOW, { number: order.number, after: 2 });
      await sub.waitFor(2);
      await waitUntilListening(shop, 1);
      await shop.move(order, 'DELIVERED', version);
      await sub.waitFor(3);
      expect(sub.results.map((r) => r.data!.orderUpdated.version)).toEqual([3, 4, 5]);
      expect(sub.results[1].data!.orderUpdated).toMatchObject({ kind: 'SHIPPED', carrier: 'UPS', trackingNumber: '1Z999' });
    } finally {
      await client.dispose();
    }
  });
});

/** The gateway has this many feed listeners (subscriptions that are live). */
async function waitUntilListening(s: TrackingShop, n: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (s.gateways[0].subscriptions.listenerCount() < n) {
    if (Date.now() > deadline) throw new Error(`only ${s.gateways[0].subscriptions.listenerCount()} subscriptions became live`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('live order tracking in the embedded mode (in-process events, no Redis)', () => {
  let embedded: TrackingShop;
  beforeAll(async () => {
    embedded = await startTrackingShop(1, { inProcessEvents: true });
  });
  afterAll(async () => {
    await embedded?.stop();
  });

  it('follows an order through the in-process transport', async () => {
    const customerId = randomUUID();
    const order = await embedded.placeOrder(customerId);
    const client = connect(embedded.gateways[0].wsUrl, customerToken(customerId));
    try {
      const sub = client.subscribe(FOLLOW, { number: order.number });
      await waitUntilListening(embedded, 1);
      await embedded.move(order, 'PROCESSING', 2);
      await sub.waitFor(1);
      expect(sub.results[0].data!.orderUpdated).toMatchObject({ kind: 'PROCESSING_STARTED', version: 3, order: { num: order.number } });
    } finally {
      await client.dispose();
    }
  });
});
