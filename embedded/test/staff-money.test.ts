import { randomUUID } from 'node:crypto';
import { ADDRESS, asAdmin, asCustomer, CARD, startShop, type Shop } from './shop-harness';

/**
 * Staff money operations raced through the real gateway, every subgraph real: refunds, capture at shipment,
 * cancellation. After each race the order's books are reconciled against the payment's: what the order says
 * was refunded is what the payment refunded, a shipped order's payment is captured once, a cancelled one's
 * released, whatever the interleaving.
 */
let shop: Shop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.stop());

const ORDER_FIELDS = `id number status version total { amount } refundedTotal { amount } trackingNumber statusHistory { status notes }`;
const MOVE = `mutation($id: ID!, $status: OrderStatus!, $v: Int!, $tracking: String, $key: String) {
  moveOrder(id: $id, status: $status, expectedVersion: $v, carrier: "UPS", trackingNumber: $tracking, idempotencyKey: $key) { ${ORDER_FIELDS} } }`;
const REFUND = `mutation($id: ID!, $amount: String, $key: String, $v: Int) {
  refundOrder(id: $id, amount: $amount, reason: "damaged in transit", idempotencyKey: $key, expectedVersion: $v) { ${ORDER_FIELDS} } }`;
const READ = `query($n: String!) { order(number: $n) { ${ORDER_FIELDS} } }`;

type Result = { data?: any; errors?: any[] };
const outcome = (r: Result) => (r.errors ? `${r.errors[0].extensions?.code}:${r.errors[0].extensions?.reason ?? ''}` : 'ok');
const tally = (results: Result[]) =>
  results.reduce<Record<string, number>>((counts, r) => ({ ...counts, [outcome(r)]: (counts[outcome(r)] ?? 0) + 1 }), {});

/** A customer's confirmed order, bought through the gateway with the test card: its payment is authorized. */
async function confirmedOrder(): Promise<{ id: string; number: string; total: string }> {
  const p = await shop.product(50, '20.00');
  const me = asCustomer(randomUUID());
  await shop.gateway.query(`mutation($v: ID!) { addToCart(variantId: $v, quantity: 5) { itemCount } }`, { v: p.variantId }, me);
  const r = await shop.gateway.query(
    `mutation($input: CheckoutInput!) { checkout(input: $input) { id number total { amount } } }`,
    { input: { idempotencyKey: `staff-money-${randomUUID()}`, expectedSubtotal: '100.00', shippingAddress: ADDRESS, card: CARD } },
    me,
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return { id: r.data.checkout.id, number: r.data.checkout.number, total: r.data.checkout.total.amount };
}

const move = (id: string, status: string, v: number, extra: { tracking?: string; key?: string } = {}) =>
  shop.gateway.query(MOVE, { id, status, v, tracking: extra.tracking ?? (status === 'SHIPPED' ? '1Z999' : null), key: extra.key }, asAdmin);

async function shippedOrder() {
  const order = await confirmedOrder();
  const processing = await move(order.id, 'PROCESSING', 2);
  const shipped = await move(order.id, 'SHIPPED', processing.data.moveOrder.version);
  if (shipped.errors) throw new Error(JSON.stringify(shipped.errors));
  return order;
}

const readOrder = async (number: string) => (await shop.gateway.query(READ, { n: number }, asAdmin)).data.order;

/** Both sides of the books for one order: the order's own figures and history, the payment's rows. */
async function books(order: { id: string; number: string }) {
  const o = await readOrder(order.number);
  const payments = await shop.paymentDb.payment.findMany({ where: { orderId: order.id }, include: { refunds: true, captures: true, events: true } });
  expect(payments).toHaveLength(1);
  const [payment] = payments;
  const completedRefunds = payment.refunds.filter((r) => r.status === 'completed');
  return {
    order: o,
    payment,
    orderRefunded: o.refundedTotal.amount as string,
    paymentRefunded: payment.refundedAmount.toFixed(2),
    sumOfRefunds: completedRefunds.reduce((sum, r) => sum + Math.round(Number(r.refundAmount.toFixed(2)) * 100), 0) / 100,
    refundEntries: o.statusHistory.filter((h: { notes: string | null }) => h.notes?.startsWith('Refunded')).length as number,
    completedRefunds: completedRefunds.length,
    captureEvents: payment.events.filter((e) => e.eventType === 'captured').length,
    voidEvents: payment.events.filter((e) => e.eventType === 'voided').length,
  };
}

describe('refunds agree with the money', () => {
  it('ten simultaneous refunds of 1.00 on one shipped order each apply in full or are CONFLICT, and the order refunds what the payment refunded', async () => {
    const order = await shippedOrder();
    const results = await Promise.all(Array.from({ length: 10 }, () => shop.gateway.query(REFUND, { id: order.id, amount: '1.00' }, asAdmin)));
    const counts = tally(results);
    expect(Object.keys(counts).every((k) => k === 'ok' || k === 'CONFLICT:PAYMENT_OPERATION_IN_PROGRESS')).toBe(true);
    const applied = counts.ok ?? 0;
    expect(applied).toBeGreaterThanOrEqual(1);
    const b = await books(order);
    expect(b.orderRefunded).toBe((applied * 1).toFixed(2));
    expect(b.paymentRefunded).toBe(b.orderRefunded);
    expect(b.sumOfRefunds.toFixed(2)).toBe(b.orderRefunded);
    expect([b.completedRefunds, b.refundEntries]).toEqual([applied, applied]);
  });

  it('twenty simultaneous refunds that together exceed the total leave the books equal, never above what was paid', async () => {
    const order = await shippedOrder(); // 108.25
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => shop.gateway.query(REFUND, { id: order.id, amount: '30.00', key: `race-${i}-${order.id.slice(0, 8)}` }, asAdmin)),
    );
    const counts = tally(results);
    expect(Object.keys(counts).every((k) => ['ok', 'CONFLICT:PAYMENT_OPERATION_IN_PROGRESS', 'BAD_USER_INPUT:'].includes(k))).toBe(true);
    expect(counts.ok ?? 0).toBeLessThanOrEqual(3);
    const b = await books(order);
    expect(b.orderRefunded).toBe(((counts.ok ?? 0) * 30).toFixed(2));
    expect(b.paymentRefunded).toBe(b.orderRefunded);
    expect(b.completedRefunds).toBe(counts.ok ?? 0);
  });

  it('answers a refund retried with its key (a lost answer) with the same order, ten times at once, and refunds once', async () => {
    const order = await shippedOrder();
    const key = `refund-${randomUUID()}`;
    const first = await shop.gateway.query(REFUND, { id: order.id, amount: '12.50', key }, asAdmin);
    expect(first.errors).toBeUndefined();
    const retries = await Promise.all(Array.from({ length: 10 }, () => shop.gateway.query(REFUND, { id: order.id, amount: '12.50', key }, asAdmin)));
    expect(tally(retries)).toEqual({ ok: 10 });
    expect(new Set(retries.map((r) => r.data.refundOrder.version))).toEqual(new Set([first.data.refundOrder.version]));
    const b = await books(order);
    expect([b.orderRefunded, b.paymentRefunded, b.completedRefunds, b.refundEntries]).toEqual(['12.50', '12.50', 1, 1]);
    const other = await shop.gateway.query(REFUND, { id: order.id, amount: '13.00', key }, asAdmin);
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await books(order)).paymentRefunded).toBe('12.50');
  });

  it('treats a repeated refund naming the same expectedVersion as the same refund', async () => {
    const order = await shippedOrder();
    const { version } = await readOrder(order.number);
    const results = await Promise.all(Array.from({ length: 10 }, () => shop.gateway.query(REFUND, { id: order.id, amount: '5.00', v: version }, asAdmin)));
    expect(tally(results)).toEqual({ ok: 10 });
    const b = await books(order);
    expect([b.orderRefunded, b.paymentRefunded, b.completedRefunds]).toEqual(['5.00', '5.00', 1]);
  });
});

describe('capture at shipment', () => {
  it('ten staff shipping one order at once capture the payment once and ship it once', async () => {
    const order = await confirmedOrder();
    const processing = await move(order.id, 'PROCESSING', 2);
    const v = processing.data.moveOrder.version;
    const results = await Promise.all(Array.from({ length: 10 }, () => move(order.id, 'SHIPPED', v)));
    const counts = tally(results);
    expect(Object.keys(counts).every((k) => k === 'ok' || k === 'CONFLICT:PAYMENT_OPERATION_IN_PROGRESS')).toBe(true);
    expect(counts.ok).toBeGreaterThanOrEqual(1);
    const b = await books(order);
    expect(b.order.status).toBe('SHIPPED');
    expect(b.order.statusHistory.filter((h: { status: string }) => h.status === 'SHIPPED')).toHaveLength(1);
    expect([b.payment.status, b.payment.capturedAmount?.toFixed(2), b.captureEvents, b.payment.captures.length]).toEqual(['captured', order.total, 1, 1]);
  });

  it('lets one of ten staff with different tracking numbers ship, the others CONFLICT, and captures once', async () => {
    const order = await confirmedOrder();
    const v = (await move(order.id, 'PROCESSING', 2)).data.moveOrder.version;
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => move(order.id, 'SHIPPED', v, { tracking: `1Z-${i}` })));
    const counts = tally(results);
    expect(counts.ok).toBe(1);
    expect((counts['CONFLICT:PAYMENT_OPERATION_IN_PROGRESS'] ?? 0) + (counts['CONFLICT:VERSION_CHANGED'] ?? 0) + (counts['CONFLICT:'] ?? 0)).toBe(9);
    const winner = results.find((r) => !r.errors)!.data.moveOrder.trackingNumber;
    const b = await books(order);
    expect(b.order.trackingNumber).toBe(winner);
    expect([b.payment.status, b.captureEvents]).toEqual(['captured', 1]);
  });

  it('answers a shipment retried after a lost answer with the shipped order instead of refusing it', async () => {
    const order = await confirmedOrder();
    const v = (await move(order.id, 'PROCESSING', 2)).data.moveOrder.version;
    const key = `ship-${randomUUID()}`;
    const first = await move(order.id, 'SHIPPED', v, { key });
    const retry = await move(order.id, 'SHIPPED', v, { key });
    const sameWithoutKey = await move(order.id, 'SHIPPED', v, { key: `ship-${randomUUID()}` });
    const retryByVersion = await move(order.id, 'SHIPPED', v);
    expect(outcome(first)).toBe('ok');
    expect(retry.data.moveOrder).toEqual(first.data.moveOrder);
    expect(outcome(sameWithoutKey)).toBe('CONFLICT:');
    // A different request (no key) naming the old version is not that shipment: the order moved on since.
    expect(outcome(retryByVersion)).toBe('CONFLICT:');
    expect((await books(order)).captureEvents).toBe(1);
  });
});

describe('cancellation', () => {
  it('ten staff cancelling one confirmed order at once void its authorization once', async () => {
    const order = await confirmedOrder();
    const results = await Promise.all(Array.from({ length: 10 }, () => move(order.id, 'CANCELLED', 2)));
    expect(tally(results).ok).toBeGreaterThanOrEqual(1);
    expect(Object.keys(tally(results)).every((k) => k === 'ok' || k.startsWith('CONFLICT'))).toBe(true);
    const b = await books(order);
    expect(b.order.status).toBe('CANCELLED');
    expect(b.order.statusHistory.filter((h: { status: string }) => h.status === 'CANCELLED')).toHaveLength(1);
    expect([b.payment.status, b.voidEvents, b.captureEvents, b.orderRefunded, b.paymentRefunded]).toEqual(['voided', 1, 0, '0.00', '0.00']);
  });

  it('ten staff shipping and ten cancelling one order at once: either it ships and is captured, or it is cancelled and voided — never both', async () => {
    const order = await confirmedOrder();
    const v = (await move(order.id, 'PROCESSING', 2)).data.moveOrder.version;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? move(order.id, 'SHIPPED', v) : move(order.id, 'CANCELLED', v))),
    );
    expect(Object.keys(tally(results)).every((k) => k === 'ok' || k.startsWith('CONFLICT'))).toBe(true);
    const b = await books(order);
    if (b.order.status === 'SHIPPED') expect([b.payment.status, b.captureEvents, b.voidEvents]).toEqual(['captured', 1, 0]);
    else expect([b.order.status, b.payment.status, b.captureEvents, b.voidEvents]).toEqual(['CANCELLED', 'voided', 0, 1]);
    expect(b.order.statusHistory.filter((h: { status: string }) => h.status === 'SHIPPED' || h.status === 'CANCELLED')).toHaveLength(1);
  });
});
