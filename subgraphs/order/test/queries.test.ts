import { randomUUID } from 'node:crypto';
import type { Order } from '../src/generated/prisma/client';
import { asAdmin, asCustomer, asService, codeOf, line, moveThrough, seedOrder, startOrderHarness, type OrderHarness } from './harness';

let h: OrderHarness;
beforeAll(async () => {
  h = await startOrderHarness();
});
afterAll(() => h?.stop());

const MY_ORDERS = `query($first: Int, $after: String) { myOrders(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { number placedAt total { amount } items { sku quantity unitPrice { amount } } discounts { name } } } } }`;
const SEARCH = `query($filter: OrderFilter, $first: Int, $after: String) { orders(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { number status email } } } }`;

/** Places `count` orders for a customer, each a millisecond apart so "newest first" has one answer. */
async function ordersFor(customerId: string, count: number, overrides: Record<string, unknown> = {}): Promise<Order[]> {
  const orders: Order[] = [];
  for (let i = 0; i < count; i++) {
    orders.push(await seedOrder(h, customerId, { lines: [line(), line({ unitPrice: '5.00', quantity: 2 })], ...overrides }));
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return orders;
}

/** Moves orders' placing time into the past, to test date ranges. */
async function placedAt(order: Order, iso: string): Promise<void> {
  await h.db.order.update({ where: { id: order.id }, data: { createdAt: new Date(iso) } });
}

const numbers = (r: { data?: { [k: string]: { edges: { node: { number: string } }[] } } }, field: string) => r.data![field].edges.map((e) => e.node.number);

describe('my orders', () => {
  it('lists the signed-in customer’s orders newest first, a page at a time, without gaps or repeats', async () => {
    const customerId = randomUUID();
    const placed = await ordersFor(customerId, 5);
    await seedOrder(h, randomUUID()); // someone else's
    const first = await h.gateway.query(MY_ORDERS, { first: 2 }, asCustomer(customerId));
    expect(first.data.myOrders.totalCount).toBe(5);
    expect(first.data.myOrders.pageInfo.hasNextPage).toBe(true);
    const seen = [...numbers(first, 'myOrders')];
    let after = first.data.myOrders.pageInfo.endCursor;
    while (after) {
      const page = await h.gateway.query(MY_ORDERS, { first: 2, after }, asCustomer(customerId));
      seen.push(...numbers(page, 'myOrders'));
      after = page.data.myOrders.pageInfo.hasNextPage ? page.data.myOrders.pageInfo.endCursor : null;
    }
    expect(seen).toEqual(placed.map((o) => o.orderNumber).reverse());
  });

  it('shows each order with its items', async () => {
    const customerId = randomUUID();
    await ordersFor(customerId, 1);
    const node = (await h.gateway.query(MY_ORDERS, {}, asCustomer(customerId))).data.myOrders.edges[0].node;
    expect(node.items.map((i: { quantity: number; unitPrice: { amount: string } }) => [i.quantity, i.unitPrice.amount]).sort()).toEqual([[1, '20.00'], [2, '5.00']]);
    // 30.00 + shipping 5.99 + tax 8.25% of 30.00 = 2.475 → 2.48
    expect(node.total.amount).toBe('38.47');
  });

  it('asks an anonymous caller to sign in', async () => {
    expect(codeOf(await h.gateway.query(MY_ORDERS, {}))).toBe('UNAUTHENTICATED');
  });
});

describe('one order by number', () => {
  it('is shown to its customer and to staff, whatever case the number is typed in', async () => {
    const customerId = randomUUID();
    const [order] = await ordersFor(customerId, 1);
    const q = `query($n: String!) { order(number: $n) { number customer { id } } }`;
    expect((await h.gateway.query(q, { n: order.orderNumber.toLowerCase() }, asCustomer(customerId))).data.order).toEqual({ number: order.orderNumber, customer: { id: customerId } });
    expect((await h.gateway.query(q, { n: order.orderNumber }, asAdmin)).data.order.number).toBe(order.orderNumber);
  });

  it('is NOT_FOUND for another customer, exactly as for a number that does not exist', async () => {
    const [order] = await ordersFor(randomUUID(), 1);
    const q = `query($n: String!) { order(number: $n) { number } }`;
    const other = await h.gateway.query(q, { n: order.orderNumber }, asCustomer(randomUUID()));
    const missing = await h.gateway.query(q, { n: 'SO-2001-AAAAAA' }, asCustomer(randomUUID()));
    expect([codeOf(other), codeOf(missing)]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(other.errors![0].message).toBe(missing.errors![0].message);
  });
});

describe('staff search', () => {
  let march: Order[];
  beforeAll(async () => {
    march = await ordersFor(randomUUID(), 4, { email: 'march.shopper@example.com' });
    await placedAt(march[0], '2020-03-01T00:00:00Z');
    await placedAt(march[1], '2020-03-15T12:00:00Z');
    await placedAt(march[2], '2020-03-31T23:59:59Z');
    await placedAt(march[3], '2020-04-01T00:00:00Z');
    await moveThrough(h, march[1], 'CONFIRMED');
    await moveThrough(h, march[2], 'CANCELLED');
  });

  it('filters by a date range, whole days inclusive', async () => {
    const r = await h.gateway.query(SEARCH, { filter: { placedFrom: '2020-03-01', placedTo: '2020-03-31' } }, asAdmin);
    expect(numbers(r, 'orders')).toEqual([march[2], march[1], march[0]].map((o) => o.orderNumber));
    const instant = await h.gateway.query(SEARCH, { filter: { placedFrom: '2020-03-15T12:00:00Z', placedTo: '2020-04-01T00:00:00Z' } }, asAdmin);
    expect(numbers(instant, 'orders')).toEqual([march[3], march[2], march[1]].map((o) => o.orderNumber));
  });

  it('filters by any of several statuses', async () => {
    const r = await h.gateway.query(SEARCH, { filter: { status: ['CONFIRMED', 'CANCELLED'], placedFrom: '2020-01-01', placedTo: '2020-12-31' } }, asAdmin);
    expect(r.data.orders.edges.map((e: { node: { status: string } }) => e.node.status)).toEqual(['CANCELLED', 'CONFIRMED']);
  });

  it('filters by customer, by part of the email and by part of the number', async () => {
    const byCustomer = await h.gateway.query(SEARCH, { filter: { customerId: march[0].customerId } }, asAdmin);
    expect(byCustomer.data.orders.totalCount).toBe(4);
    expect((await h.gateway.query(SEARCH, { filter: { email: 'MARCH.SHOP' } }, asAdmin)).data.orders.totalCount).toBe(4);
    const byNumber = await h.gateway.query(SEARCH, { filter: { number: march[1].orderNumber.slice(-6).toLowerCase() } }, asAdmin);
    expect(numbers(byNumber, 'orders')).toEqual([march[1].orderNumber]);
  });

  it('pages through results with a cursor', async () => {
    const filter = { customerId: march[0].customerId };
    const first = await h.gateway.query(SEARCH, { filter, first: 3 }, asAdmin);
    const second = await h.gateway.query(SEARCH, { filter, first: 3, after: first.data.orders.pageInfo.endCursor }, asAdmin);
    expect([...numbers(first, 'orders'), ...numbers(second, 'orders')]).toEqual([march[3], march[2], march[1], march[0]].map((o) => o.orderNumber));
    expect(second.data.orders.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a range that ends before it starts, a page of more than 100 and a cursor it did not issue', async () => {
    expect(codeOf(await h.gateway.query(SEARCH, { filter: { placedFrom: '2020-04-01', placedTo: '2020-03-01' } }, asAdmin))).toBe('BAD_USER_INPUT');
    expect(codeOf(await h.gateway.query(SEARCH, { first: 101 }, asAdmin))).toBe('BAD_USER_INPUT');
    expect(codeOf(await h.gateway.query(SEARCH, { after: 'not-a-cursor' }, asAdmin))).toBe('BAD_USER_INPUT');
  });

  it('is for staff only', async () => {
    expect(codeOf(await h.gateway.query(SEARCH, {}, asCustomer(randomUUID())))).toBe('FORBIDDEN');
    expect(codeOf(await h.gateway.query(SEARCH, {}, asService))).toBe('FORBIDDEN');
  });
});

describe('N+1 guard', () => {
  /** Statements the order subgraph runs for a page of a customer's orders with their items, discounts and history. */
  async function statementsForPage(size: number): Promise<number> {
    const customerId = randomUUID();
    await ordersFor(customerId, size);
    const q = `query($first: Int) { myOrders(first: $first) { edges { node { number total { amount }
      items { sku unitPrice { amount } lineTotal { amount } variant { id } } discounts { amount { amount } } statusHistory { status } } } } }`;
    h.statements.reset();
    const r = await h.gateway.query(q, { first: size }, asCustomer(customerId));
    expect(r.errors).toBeUndefined();
    expect(r.data.myOrders.edges).toHaveLength(size);
    return h.statements.count;
  }

  it('runs the same number of SQL statements for 5 orders with items as for 25', async () => {
    const five = await statementsForPage(5);
    const twentyFive = await statementsForPage(25);
    expect(twentyFive).toBe(five);
    // the page, its count, items, discounts, history
    expect(five).toBeLessThanOrEqual(5);
  });
});
