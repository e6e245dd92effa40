import { randomUUID } from 'node:crypto';
import { inTransaction } from '../src/db';
import { applyChange } from '../src/services/status-change';
import {
  ADMIN_ID, asAdmin, asCustomer, asService, codeOf, eventsOf, line, MOVE, moveThrough, seedOrder, startOrderHarness, type OrderHarness,
} from './harness';

let h: OrderHarness;
beforeAll(async () => {
  h = await startOrderHarness();
});
afterAll(() => h?.stop());

const CANCEL_MINE = `mutation($n: String!, $reason: String) { cancelMyOrder(number: $n, reason: $reason) { status version } }`;
const REFUND = `mutation($id: ID!, $amount: String, $reason: String!, $v: Int) { refundOrder(id: $id, amount: $amount, reason: $reason, expectedVersion: $v) {
  status version refundedTotal { amount } total { amount } } }`;
const CONFIRM = `mutation($id: ID!) { confirmOrder(orderId: $id) { status version } }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelOrder(orderId: $id, reason: $reason) { status version } }`;

describe('moving an order through fulfilment', () => {
  it('goes pending → confirmed → processing → shipped → delivered, recording carrier, tracking and delivery date', async () => {
    const order = await seedOrder(h, randomUUID());
    const confirmed = await h.gateway.query(CONFIRM, { id: order.id }, asService);
    expect(confirmed.data.confirmOrder).toEqual({ status: 'CONFIRMED', version: 2 });
    await moveThrough(h, { ...order, version: 2n }, 'PROCESSING');
    const shipped = await h.gateway.query(MOVE, { id: order.id, status: 'SHIPPED', v: 3, carrier: 'DHL', tracking: 'JD0002', notes: 'Left the warehouse' }, asAdmin);
    expect(shipped.data.moveOrder).toMatchObject({ status: 'SHIPPED', version: 4, shippingCarrier: 'DHL', trackingNumber: 'JD0002' });
    const delivered = await h.gateway.query(MOVE, { id: order.id, status: 'DELIVERED', v: 4 }, asAdmin);
    expect(delivered.data.moveOrder.actualDeliveryDate).toBe(new Date().toISOString().slice(0, 10));
  });

  it('records who changed what, when and why in the status history', async () => {
    const order = await seedOrder(h, randomUUID());
    await h.gateway.query(CONFIRM, { id: order.id }, asService);
    await h.gateway.query(MOVE, { id: order.id, status: 'PROCESSING', v: 2, notes: 'Picked by Sam' }, asAdmin);
    const r = await h.gateway.query(`query($n: String!) { order(number: $n) { statusHistory { previousStatus status notes changedBy at } } }`, { n: order.orderNumber }, asAdmin);
    const history = r.data.order.statusHistory;
    expect(history.map((c: { previousStatus: string | null; status: string }) => `${c.previousStatus}→${c.status}`)).toEqual(['null→PENDING', 'PENDING→CONFIRMED', 'CONFIRMED→PROCESSING']);
    expect(history[2]).toMatchObject({ notes: 'Picked by Sam', changedBy: ADMIN_ID });
    expect(history[1]).toMatchObject({ notes: 'Payment authorized', changedBy: null });
    expect(Date.parse(history[2].at)).toBeGreaterThanOrEqual(Date.parse(history[1].at));
  });

  it('refuses a move the lifecycle does not allow with CONFLICT and a message that says where it can go', async () => {
    const order = await seedOrder(h, randomUUID());
    const r = await h.gateway.query(MOVE, { id: order.id, status: 'DELIVERED', v: 1 }, asAdmin);
    expect(codeOf(r)).toBe('CONFLICT');
    expect(r.errors![0].message).toBe('An order that is pending cannot become delivered: it can only become confirmed or cancelled.');
    expect((await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('pending');
  });

  it('refuses to ship without a carrier and a tracking number', async () => {
    const order = await seedOrder(h, randomUUID());
    await moveThrough(h, order, 'CONFIRMED', 'PROCESSING');
    const r = await h.gateway.query(MOVE, { id: order.id, status: 'SHIPPED', v: 3, carrier: 'UPS' }, asAdmin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions.fields).toEqual([{ field: 'trackingNumber', message: 'is required to ship' }]);
  });

  it('points staff to refundOrder when they try to move an order to REFUNDED', async () => {
    const order = await seedOrder(h, randomUUID());
    const r = await h.gateway.query(MOVE, { id: order.id, status: 'REFUNDED', v: 1 }, asAdmin);
    expect(r.errors![0].message).toContain('refundOrder');
  });
});

describe('optimistic locking', () => {
  it('refuses a change named with a stale version, with CONFLICT and the current version', async () => {
    const order = await seedOrder(h, randomUUID());
    await moveThrough(h, order, 'CONFIRMED');
    const stale = await h.gateway.query(MOVE, { id: order.id, status: 'CANCELLED', v: 1 }, asAdmin);
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.errors![0].extensions).toMatchObject({ currentVersion: 2, currentStatus: 'confirmed' });
    expect((await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('confirmed');
  });

  it('lets exactly one of two staff members who read the same version make their change', async () => {
    const order = await seedOrder(h, randomUUID());
    await moveThrough(h, order, 'CONFIRMED');
    const [a, b] = await Promise.all([
      h.gateway.query(MOVE, { id: order.id, status: 'PROCESSING', v: 2 }, asAdmin),
      h.gateway.query(MOVE, { id: order.id, status: 'CANCELLED', v: 2 }, asAdmin),
    ]);
    expect([codeOf(a), codeOf(b)].sort()).toEqual(['CONFLICT', 'ok']);
    expect((await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).version).toBe(3n);
    expect(await h.db.domainEvent.count({ where: { aggregateId: order.id } })).toBe(3);
  });
});

describe('cancelling', () => {
  it('lets a customer cancel their own order until it ships, with a reason', async () => {
    const customerId = randomUUID();
    const order = await seedOrder(h, customerId);
    await moveThrough(h, order, 'CONFIRMED', 'PROCESSING');
    const r = await h.gateway.query(CANCEL_MINE, { n: order.orderNumber.toLowerCase(), reason: 'Ordered the wrong size' }, asCustomer(customerId));
    expect(r.data.cancelMyOrder).toEqual({ status: 'CANCELLED', version: 4 });
    const [event] = (await eventsOf(h, order.id)).slice(-1);
    expect(event).toMatchObject({ eventType: 'OrderCancelled', version: 4n });
    expect(event.eventData).toMatchObject({ previousStatus: 'processing', changedBy: customerId, notes: 'Ordered the wrong size', wasConfirmed: true });
  });

  it('refuses a customer who wants to cancel a shipped order', async () => {
    const customerId = randomUUID();
    const order = await seedOrder(h, customerId);
    await moveThrough(h, order, 'CONFIRMED', 'PROCESSING', 'SHIPPED');
    const r = await h.gateway.query(CANCEL_MINE, { n: order.orderNumber }, asCustomer(customerId));
    expect(codeOf(r)).toBe('CONFLICT');
    expect(r.errors![0].message).toBe('This order is shipped and can no longer be cancelled; ask for a return instead.');
  });

  it("answers NOT_FOUND to a customer who tries to cancel someone else's order, and changes nothing", async () => {
    const order = await seedOrder(h, randomUUID());
    const r = await h.gateway.query(CANCEL_MINE, { n: order.orderNumber }, asCustomer(randomUUID()));
    expect(codeOf(r)).toBe('NOT_FOUND');
    expect((await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('pending');
  });

  it('gives back the loyalty points a cancelled order spent', async () => {
    const customerId = randomUUID();
    h.loyalty.balances.set(customerId, 800);
    const order = await seedOrder(h, customerId, { loyaltyPoints: 300 });
    expect(h.loyalty.balances.get(customerId)).toBe(500);
    await h.gateway.query(CANCEL_MINE, { n: order.orderNumber }, asCustomer(customerId));
    expect(h.loyalty.balances.get(customerId)).toBe(800);
    expect((await eventsOf(h, order.id)).at(-1)!.eventData).toMatchObject({ loyaltyPointsRedeemed: 300 });
  });

  it('lets the checkout saga cancel with a reason, and cancelling twice changes nothing', async () => {
    const order = await seedOrder(h, randomUUID());
    const first = await h.gateway.query(CANCEL, { id: order.id, reason: 'Payment declined' }, asService);
    const again = await h.gateway.query(CANCEL, { id: order.id, reason: 'Payment declined' }, asService);
    expect([first.data.cancelOrder, again.data.cancelOrder]).toEqual([{ status: 'CANCELLED', version: 2 }, { status: 'CANCELLED', version: 2 }]);
    expect((await eventsOf(h, order.id)).map((e) => e.eventType)).toEqual(['OrderPlaced', 'OrderCancelled']);
  });

  it('makes confirming a confirmed order a no-op, and refuses confirming a cancelled one', async () => {
    const order = await seedOrder(h, randomUUID());
    await h.gateway.query(CONFIRM, { id: order.id }, asService);
    expect((await h.gateway.query(CONFIRM, { id: order.id }, asService)).data.confirmOrder.version).toBe(2);
    const cancelled = await seedOrder(h, randomUUID());
    await h.gateway.query(CANCEL, { id: cancelled.id, reason: 'Out of stock' }, asService);
    expect(codeOf(await h.gateway.query(CONFIRM, { id: cancelled.id }, asService))).toBe('CONFLICT');
  });
});

describe('refunds', () => {
  async function deliveredOrder() {
    const order = await seedOrder(h, randomUUID(), { lines: [line({ unitPrice: '100.00' })] });
    const version = await moveThrough(h, order, 'CONFIRMED', 'PROCESSING', 'SHIPPED', 'DELIVERED');
    return { order, version };
  }

  it('refunds part of a delivered order, then the rest, and only then marks it refunded', async () => {
    const { order, version } = await deliveredOrder();
    const part = await h.gateway.query(REFUND, { id: order.id, amount: '30', reason: 'Damaged sleeve', v: version }, asAdmin);
    expect(part.data.refundOrder).toEqual({ status: 'DELIVERED', version: version + 1, refundedTotal: { amount: '30.00' }, total: { amount: '108.25' } });
    const rest = await h.gateway.query(REFUND, { id: order.id, reason: 'Returned' }, asAdmin);
    expect(rest.data.refundOrder).toMatchObject({ status: 'REFUNDED', refundedTotal: { amount: '108.25' } });
    const refunds = (await eventsOf(h, order.id)).filter((e) => e.eventType === 'OrderRefunded');
    expect(refunds.map((e) => e.eventData)).toEqual([
      expect.objectContaining({ amount: '30.00', refundedTotal: '30.00', full: false, status: 'delivered', changedBy: ADMIN_ID }),
      expect.objectContaining({ amount: '78.25', refundedTotal: '108.25', full: true, status: 'refunded' }),
    ]);
  });

  it('refuses to refund more than is left, and orders that have not shipped', async () => {
    const { order } = await deliveredOrder();
    const tooMuch = await h.gateway.query(REFUND, { id: order.id, amount: '500.00', reason: 'Oops' }, asAdmin);
    expect(tooMuch.errors![0].message).toBe('At most 108.25 of this order can still be refunded.');
    const pending = await seedOrder(h, randomUUID());
    expect(codeOf(await h.gateway.query(REFUND, { id: pending.id, reason: 'Changed mind' }, asAdmin))).toBe('CONFLICT');
  });
});

describe('the outbox', () => {
  it('holds one event per change, numbered by the order version, until the relay publishes each of them', async () => {
    const order = await seedOrder(h, randomUUID());
    await moveThrough(h, order, 'CONFIRMED', 'PROCESSING', 'SHIPPED', 'DELIVERED');
    const events = await eventsOf(h, order.id);
    expect(events.map((e) => [e.eventType, Number(e.version)])).toEqual([
      ['OrderPlaced', 1], ['OrderConfirmed', 2], ['OrderProcessingStarted', 3], ['OrderShipped', 4], ['OrderDelivered', 5],
    ]);
    expect(events.every((e) => e.aggregateType === 'Order' && e.schemaVersion === 1)).toBe(true);
    for (let tries = 0; (await eventsOf(h, order.id)).some((e) => !e.publishedAt || !e.processed); tries++) {
      if (tries > 400) throw new Error('the relay never published the order events');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(events[3].eventData).toMatchObject({ carrier: 'UPS', trackingNumber: '1Z999', orderNumber: order.orderNumber });
  });

  it('keeps no event, no history and no change when the transaction that made them rolls back', async () => {
    const order = await seedOrder(h, randomUUID());
    await expect(
      inTransaction(h.db, async (tx) => {
        await applyChange(tx, order, { to: 'confirmed', expectedVersion: 1n, actor: null, notes: 'about to fail' });
        throw new Error('the payment call failed after the change was written');
      }),
    ).rejects.toThrow('payment call failed');
    expect((await eventsOf(h, order.id)).map((e) => e.eventType)).toEqual(['OrderPlaced']);
    expect(await h.db.orderStatusHistory.count({ where: { orderId: order.id } })).toBe(1);
    expect((await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('pending');
  });

  it('refuses a second event for the same order version', async () => {
    const order = await seedOrder(h, randomUUID());
    await expect(
      h.db.domainEvent.create({ data: { aggregateId: order.id, aggregateType: 'Order', eventType: 'OrderConfirmed', eventData: {}, version: 1n } }),
    ).rejects.toThrow();
  });
});
