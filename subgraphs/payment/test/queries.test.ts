import { randomUUID } from 'node:crypto';
import { asAdmin, asCustomer, asService, codeOf, eventually, ops, PAYMENT_FIELDS, startPaymentHarness, type PaymentHarness } from './harness';

/** Reading payments through the gateway: a customer's pages, staff search, the event trail, and what it costs. */
let h: PaymentHarness;
const customerId = randomUUID();
const orderId = randomUUID();
const ids: string[] = [];

beforeAll(async () => {
  h = await startPaymentHarness();
  const method = (await ops(h).addMethod(customerId)).data.addPaymentMethod;
  for (let i = 1; i <= 7; i += 1) {
    const r = await ops(h).authorize({ customerId, card: null, paymentMethodId: method.id, amount: `${i}.00`, orderId: i === 7 ? orderId : randomUUID() });
    ids.push(r.data.authorizePayment.id);
  }
  await ops(h).capture(ids[6]);
  await ops(h).refund(ids[6], '2.50', { reason: 'damaged box' });
  await ops(h).void(ids[5]);
});
afterAll(() => h?.stop());

const MY_PAYMENTS = `query($after: String) { myPayments(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id amount { amount } } } } }`;

describe("a customer's payments", () => {
  it('pages through them newest first, three at a time', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: any = await h.gateway.query(MY_PAYMENTS, { after }, asCustomer(customerId));
      expect(r.data.myPayments.totalCount).toBe(7);
      seen.push(...r.data.myPayments.edges.map((e: any) => e.node.id));
      if (!r.data.myPayments.pageInfo.hasNextPage) break;
      after = r.data.myPayments.pageInfo.endCursor;
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it("shows the full trail of a payment's state changes with amounts and reasons", async () => {
    const r = await h.gateway.query(`query($id: ID!) { payment(id: $id) { ${PAYMENT_FIELDS} refunds { amount { amount currency } reason status } } }`, { id: ids[6] }, asCustomer(customerId));
    const payment = r.data.payment;
    expect(payment).toMatchObject({
      status: 'PARTIALLY_REFUNDED', orderId, capturedAmount: { amount: '7.00' }, refundedAmount: { amount: '2.50' }, refundableAmount: { amount: '4.50' },
      providerFee: { amount: '0.50' },
      refunds: [{ amount: { amount: '2.50', currency: 'USD' }, reason: 'damaged box', status: 'COMPLETED' }],
    });
    const trail = payment.events.filter((e: any) => e.type !== 'provider_confirmed');
    expect(trail).toEqual([
      { type: 'created', amount: { amount: '7.00' }, reason: null, source: null },
      { type: 'authorized', amount: { amount: '7.00' }, reason: null, source: 'provider' },
      { type: 'captured', amount: { amount: '7.00' }, reason: null, source: null },
      { type: 'refunded', amount: { amount: '2.50' }, reason: 'damaged box', source: null },
    ]);
  });

  it('hears from the provider once per state change, asynchronously', async () => {
    await h.provider.webhooks.drain();
    await eventually(async () => {
      const confirmations = await h.db.paymentEvent.count({ where: { paymentId: ids[6], eventType: 'provider_confirmed' } });
      expect(confirmations).toBe(3); // authorized, captured, refunded
    });
  });
});

describe('staff search', () => {
  const SEARCH = `query($f: PaymentFilter) { payments(filter: $f, first: 50) { totalCount edges { node { id status } } } }`;

  it('finds payments by order, by customer and by status', async () => {
    const byOrder = await h.gateway.query(SEARCH, { f: { orderId } }, asAdmin);
    expect(byOrder.data.payments.edges.map((e: any) => e.node.id)).toEqual([ids[6]]);
    const byCustomer = await h.gateway.query(SEARCH, { f: { customerId } }, asAdmin);
    expect(byCustomer.data.payments.totalCount).toBe(7);
    const voided = await h.gateway.query(SEARCH, { f: { status: 'VOIDED', customerId } }, asAdmin);
    expect(voided.data.payments.edges).toEqual([{ node: { id: ids[5], status: 'VOIDED' } }]);
  });

  it('refuses a malformed filter', async () => {
    expect(codeOf(await h.gateway.query(SEARCH, { f: { orderId: 'order-7' } }, asAdmin))).toBe('BAD_USER_INPUT');
  });
});

describe('cost', () => {
  it('reads a page of payments with their events, refunds and methods in a constant number of statements', async () => {
    const query = `query($n: Int) { payments(first: $n, filter: { customerId: "${customerId}" }) {
      edges { node { id paymentMethod { displayName } events { type amount { amount } } refunds { amount { amount } } } } } }`;
    const costOf = async (n: number) => {
      h.statements.reset();
      const r = await h.gateway.query(query, { n }, asAdmin);
      expect(r.data.payments.edges).toHaveLength(n);
      return h.statements.count;
    };
    const one = await costOf(1);
    const seven = await costOf(7);
    expect(seven).toBe(one);
    expect(seven).toBeLessThanOrEqual(6);
  });
});

describe('the Payment entity', () => {
  it('answers _entities the way the gateway asks, with null for an id that is not one', async () => {
    const r = await fetch(h.payment.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...asService },
      body: JSON.stringify({ query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Payment { id status amount { amount } } } }', variables: { r: ids.slice(5).map((id) => ({ __typename: 'Payment', id })).concat([{ __typename: 'Payment', id: 'not-an-id' }]) } }),
    }).then((res) => res.json() as Promise<any>);
    expect(r.data._entities).toEqual([{ id: ids[5], status: 'VOIDED', amount: { amount: '6.00' } }, { id: ids[6], status: 'PARTIALLY_REFUNDED', amount: { amount: '7.00' } }, null]);
  });
});
