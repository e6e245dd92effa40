import { randomUUID } from 'node:crypto';
import { createTestIssuer } from '@shop/platform/testing';
import {
  ADMIN_ID, address, asAdmin, asCustomer, asService, codeOf, issuer, line, MOVE, orderInput, PLACE, seedOrder, startOrderHarness, type OrderHarness,
} from './harness';

let h: OrderHarness;
beforeAll(async () => {
  h = await startOrderHarness();
});
afterAll(() => h?.stop());

const fieldsOf = (r: { errors?: { extensions?: { fields?: { field: string }[] } }[] }) => r.errors?.[0]?.extensions?.fields?.map((f) => f.field) ?? [];

describe('placing an order with bad input', () => {
  it.each([
    ['a negative quantity', { lines: [line({ quantity: -1 })] }, 'lines.0.quantity'],
    ['a quantity of zero', { lines: [line({ quantity: 0 })] }, 'lines.0.quantity'],
    ['a negative price', { lines: [line({ unitPrice: '-19.99' })] }, 'lines.0.unitPrice'],
    ['a price with three decimals', { lines: [line({ unitPrice: '19.999' })] }, 'lines.0.unitPrice'],
    ['a price in exponent form', { lines: [line({ unitPrice: '1e3' })] }, 'lines.0.unitPrice'],
    ['a malformed variant id', { lines: [line({ variantId: 'variant-1' })] }, 'lines.0.variantId'],
    ['the same variant twice', (() => { const l = line(); return { lines: [l, { ...l, sku: 'other' }] }; })(), 'lines.1.variantId'],
    ['no lines', { lines: [] }, 'lines'],
    ['101 lines', { lines: Array.from({ length: 101 }, () => line()) }, 'lines'],
    ['a 501-character product name', { lines: [line({ productName: 'x'.repeat(501) })] }, 'lines.0.productName'],
    ['a 10,000-character note', { notes: 'x'.repeat(10_000) }, 'notes'],
    ['an email that is not one', { email: 'not-an-email' }, 'email'],
    ['a three-letter country', { shippingAddress: address({ countryCode: 'USA' }) }, 'shippingAddress.countryCode'],
    ['a 200-character postal code', { shippingAddress: address({ postalCode: '9'.repeat(200) }) }, 'shippingAddress.postalCode'],
    ['a malformed customer id', { customerId: '42' }, 'customerId'],
    ['another currency', { currency: 'EUR' }, 'currency'],
    ['negative loyalty points', { loyaltyPoints: -5 }, 'loyaltyPoints'],
    ['a discount code with spaces', { discountCode: 'TEN OFF' }, 'discountCode'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_what, overrides, field) => {
    const customerId = randomUUID();
    const r = await h.gateway.query(PLACE, { input: orderInput(customerId, overrides) }, asService);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(r)).toContain(field);
    expect(await h.db.order.count({ where: { customerId } })).toBe(0);
  });

  it('refuses an unknown order source and a quantity that is not a number as GraphQL validation errors', async () => {
    const source = await h.gateway.query(PLACE, { input: orderInput(randomUUID(), { source: 'FAX' }) }, asService);
    const quantity = await h.gateway.query(PLACE, { input: orderInput(randomUUID(), { lines: [line({ quantity: 'two' })] }) }, asService);
    expect([codeOf(source), codeOf(quantity)]).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
  });
});

describe('changing an order with bad input', () => {
  it.each([
    ['a malformed id', { id: 'order-1', status: 'CONFIRMED', v: 1 }, 'BAD_USER_INPUT'],
    ['an unknown status', { status: 'TELEPORTED', v: 1 }, 'BAD_USER_INPUT'],
    ['a version of zero', { status: 'CONFIRMED', v: 0 }, 'BAD_USER_INPUT'],
    ['a 51-character carrier', { status: 'CANCELLED', v: 1, carrier: 'x'.repeat(51) }, 'BAD_USER_INPUT'],
    ['an order that does not exist', { id: randomUUID(), status: 'CONFIRMED', v: 1 }, 'NOT_FOUND'],
  ])('refuses a move with %s', async (_what, args, code) => {
    const order = await seedOrder(h, randomUUID());
    const r = await h.gateway.query(MOVE, { id: order.id, ...args }, asAdmin);
    expect(codeOf(r)).toBe(code);
    expect((await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).version).toBe(1n);
  });

  it.each([
    ['a negative amount', '-5.00'],
    ['three decimals', '1.005'],
    ['words', 'ten dollars'],
  ])('refuses a refund of %s', async (_what, amount) => {
    const order = await seedOrder(h, randomUUID());
    const r = await h.gateway.query(`mutation($id: ID!, $a: String) { refundOrder(id: $id, amount: $a, reason: "Broken") { status } }`, { id: order.id, a: amount }, asAdmin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(r)).toEqual(['amount']);
  });

  it('refuses a refund without a reason', async () => {
    const order = await seedOrder(h, randomUUID());
    const r = await h.gateway.query(`mutation($id: ID!) { refundOrder(id: $id, reason: " ") { status } }`, { id: order.id }, asAdmin);
    expect(fieldsOf(r)).toEqual(['reason']);
  });

  it('refuses order numbers that cannot be one, however long', async () => {
    for (const n of ['', 'SO-1', 'x'.repeat(10_000), "SO-2611-'; DROP TABLE orders; --"]) {
      const r = await h.gateway.query(`query($n: String!) { order(number: $n) { id } }`, { n }, asCustomer(randomUUID()));
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses a cancellation reason of 10,000 characters', async () => {
    const customerId = randomUUID();
    const order = await seedOrder(h, customerId);
    const r = await h.gateway.query(`mutation($n: String!, $r: String) { cancelMyOrder(number: $n, reason: $r) { status } }`, { n: order.orderNumber, r: 'x'.repeat(10_000) }, asCustomer(customerId));
    expect(fieldsOf(r)).toEqual(['reason']);
    expect((await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('pending');
  });

  it('refuses a page size below zero', async () => {
    expect(codeOf(await h.gateway.query(`{ myOrders(first: -1) { totalCount } }`, {}, asCustomer(randomUUID())))).toBe('BAD_USER_INPUT');
  });
});

describe('who may call what', () => {
  const owner = randomUUID();
  const stranger = createTestIssuer(); // the right claims, signed by a key this shop does not trust
  const callers: Record<string, Record<string, string>> = {
    anonymous: {},
    owner: asCustomer(owner),
    other: asCustomer(randomUUID()),
    staff: issuer.as(ADMIN_ID, ['customer', 'admin']),
    service: asService,
    forged: { authorization: `Bearer ${stranger.tokenFor(owner, ['customer', 'admin', 'service'])}` },
    expired: issuer.as(owner, ['customer', 'admin'], { expiresIn: -60 }),
  };
  const tokens = { forged: 'UNAUTHENTICATED', expired: 'UNAUTHENTICATED' };
  const staffOnly = { anonymous: 'UNAUTHENTICATED', owner: 'FORBIDDEN', other: 'FORBIDDEN', staff: 'ok', service: 'FORBIDDEN', ...tokens };
  const serviceOnly = { anonymous: 'UNAUTHENTICATED', owner: 'FORBIDDEN', other: 'FORBIDDEN', staff: 'FORBIDDEN', service: 'ok', ...tokens };

  type Row = [name: string, request: (order: { id: string; number: string }) => [string, Record<string, unknown>], expected: Record<string, string>];
  const rows: Row[] = [
    ['myOrders', () => ['{ myOrders { totalCount } }', {}], { anonymous: 'UNAUTHENTICATED', owner: 'ok', other: 'ok', staff: 'ok', service: 'UNAUTHENTICATED', ...tokens }],
    ['order', (o) => ['query($n: String!) { order(number: $n) { id } }', { n: o.number }], { anonymous: 'UNAUTHENTICATED', owner: 'ok', other: 'NOT_FOUND', staff: 'ok', service: 'ok', ...tokens }],
    ['orders', () => ['{ orders { totalCount } }', {}], staffOnly],
    ['discountCode', () => ['{ discountCode(code: "NONE_SUCH") { code } }', {}], staffOnly],
    ['cancelMyOrder', (o) => ['mutation($n: String!) { cancelMyOrder(number: $n) { status } }', { n: o.number }], { anonymous: 'UNAUTHENTICATED', owner: 'ok', other: 'NOT_FOUND', staff: 'NOT_FOUND', service: 'UNAUTHENTICATED', ...tokens }],
    ['moveOrder', (o) => ['mutation($id: ID!) { moveOrder(id: $id, status: CONFIRMED, expectedVersion: 1) { status } }', { id: o.id }], staffOnly],
    ['refundOrder', (o) => ['mutation($id: ID!) { refundOrder(id: $id, reason: "Broken") { status } }', { id: o.id }], { ...staffOnly, staff: 'CONFLICT' }],
    ['createDiscountCode', () => ['mutation($c: String!) { createDiscountCode(input: { code: $c, name: "X", kind: FIXED, value: "1" }) { code } }', { c: `AUTH_${randomUUID().slice(0, 8)}` }], staffOnly],
    ['placeOrder', () => [PLACE, { input: orderInput(owner) }], serviceOnly],
    ['confirmOrder', (o) => ['mutation($id: ID!) { confirmOrder(orderId: $id) { status } }', { id: o.id }], serviceOnly],
    ['cancelOrder', (o) => ['mutation($id: ID!) { cancelOrder(orderId: $id, reason: "Payment declined") { status } }', { id: o.id }], serviceOnly],
  ];

  it.each(rows)('%s answers each kind of caller as it should', async (_name, request, expected) => {
    for (const [caller, want] of Object.entries(expected)) {
      const order = await seedOrder(h, owner); // fresh and pending for every caller
      const [query, variables] = request({ id: order.id, number: order.orderNumber });
      const r = await h.gateway.query(query, variables, callers[caller]);
      expect(`${caller}: ${codeOf(r)}`).toBe(`${caller}: ${want}`);
      if (want !== 'ok') expect((await h.db.order.findUniqueOrThrow({ where: { id: order.id } })).version).toBe(1n);
    }
  });
});
