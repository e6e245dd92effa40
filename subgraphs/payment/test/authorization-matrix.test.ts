import { randomUUID } from 'node:crypto';
import { createTestIssuer } from '@shop/platform/testing';
import { asAdmin, asCustomer, asService, CARD, codeOf, issuer, ops, startPaymentHarness, type PaymentHarness } from './harness';

/**
 * Every payment query and mutation, through the gateway over HTTP, for every kind of caller. Each cell is what
 * that caller must get: 'ok' or the error code. The end of the file re-reads the owner's data to prove that
 * refused calls changed nothing.
 */
let h: PaymentHarness;
const ownerId = randomUUID();
const otherId = randomUUID();
let methodId: string;
let spareMethodId: string;
let paymentId: string;
let voidableId: string;
let callers: Record<string, Record<string, string>>;

beforeAll(async () => {
  h = await startPaymentHarness();
  methodId = (await ops(h).addMethod(ownerId)).data.addPaymentMethod.id;
  spareMethodId = (await ops(h).addMethod(ownerId, { ...CARD, number: '5555555555554444' })).data.addPaymentMethod.id;
  paymentId = (await ops(h).authorize({ customerId: ownerId, paymentMethodId: methodId, card: null, amount: '50.00' })).data.authorizePayment.id;
  await ops(h).capture(paymentId, '20.00');
  voidableId = (await ops(h).authorize({ customerId: ownerId, amount: '5.00' })).data.authorizePayment.id;
  const stranger = createTestIssuer(); // right claims, a key this shop does not trust
  callers = {
    anonymous: {},
    owner: asCustomer(ownerId),
    other: asCustomer(otherId),
    admin: asAdmin,
    service: asService,
    forgedService: { authorization: `Bearer ${stranger.tokenFor(randomUUID(), ['service'])}` },
    forgedAdmin: { authorization: `Bearer ${issuer.forged(ownerId, ['customer', 'admin'])}` },
    expired: issuer.as(ownerId, ['customer'], { expiresIn: -60 }),
  };
});
afterAll(() => h?.stop());

type Row = [name: string, query: () => [string, Record<string, unknown>], expected: Record<string, string>];
const rejectedTokens = { forgedService: 'UNAUTHENTICATED', forgedAdmin: 'UNAUTHENTICATED', expired: 'UNAUTHENTICATED' };
const shoppers = { anonymous: 'UNAUTHENTICATED', owner: 'ok', other: 'ok', admin: 'ok', service: 'FORBIDDEN', ...rejectedTokens };
const ownerOnly = { anonymous: 'UNAUTHENTICATED', owner: 'ok', other: 'NOT_FOUND', admin: 'NOT_FOUND', service: 'FORBIDDEN', ...rejectedTokens };
const staffOnly = { anonymous: 'UNAUTHENTICATED', owner: 'FORBIDDEN', other: 'FORBIDDEN', admin: 'ok', service: 'FORBIDDEN', ...rejectedTokens };
const serviceOnly = { anonymous: 'UNAUTHENTICATED', owner: 'FORBIDDEN', other: 'FORBIDDEN', admin: 'FORBIDDEN', service: 'ok', ...rejectedTokens };

const matrix: Row[] = [
  ['myPaymentMethods', () => ['{ myPaymentMethods { id lastFour } }', {}], shoppers],
  ['myPayments', () => ['{ myPayments(first: 5) { totalCount edges { node { id } } } }', {}], shoppers],
  ['payment(id)', () => ['query($id: ID!) { payment(id: $id) { id status } }', { id: paymentId }], {
    anonymous: 'UNAUTHENTICATED', owner: 'ok', other: 'NOT_FOUND', admin: 'ok', service: 'ok', ...rejectedTokens,
  }],
  ['payments (staff search)', () => ['query($o: ID) { payments(filter: { customerId: $o }) { totalCount } }', { o: ownerId }], staffOnly],
  ['addPaymentMethod (expired card: proves it reached the rules)', () => [
    'mutation($c: CardInput!) { addPaymentMethod(card: $c) { id } }', { c: { ...CARD, expYear: 2020 } },
  ], { ...shoppers, owner: 'BAD_USER_INPUT', other: 'BAD_USER_INPUT', admin: 'BAD_USER_INPUT' }],
  ['setDefaultPaymentMethod', () => ['mutation($id: ID!) { setDefaultPaymentMethod(id: $id) { id isDefault } }', { id: methodId }], ownerOnly],
  ['removePaymentMethod', () => ['mutation($id: ID!) { removePaymentMethod(id: $id) }', { id: spareMethodId }], ownerOnly],
  ['authorizePayment', () => ['mutation($i: AuthorizePaymentInput!) { authorizePayment(input: $i) { id } }', {
    i: { orderId: randomUUID(), customerId: ownerId, amount: '1.00', currency: 'USD', paymentMethodId: methodId, idempotencyKey: `matrix-${randomUUID()}` },
  }], serviceOnly],
  ['capturePayment', () => ['mutation($id: ID!) { capturePayment(paymentId: $id, amount: "1.00") { id } }', { id: paymentId }], serviceOnly],
  ['voidPayment', () => ['mutation($id: ID!) { voidPayment(paymentId: $id) { id } }', { id: voidableId }], serviceOnly],
  ['refundPayment', () => ['mutation($id: ID!) { refundPayment(paymentId: $id, amount: "1.00") { id } }', { id: paymentId }], serviceOnly],
];

describe.each(matrix)('%s', (_name, query, expected) => {
  it.each(Object.keys(expected))('as %s', async (caller) => {
    const [text, variables] = query();
    const r = await h.gateway.query(text, variables, callers[caller]);
    expect({ caller, code: codeOf(r) }).toEqual({ caller, code: expected[caller] });
  });
});

describe('what each caller sees', () => {
  it("shows a customer only their own methods and payments", async () => {
    const own = await h.gateway.query('{ myPaymentMethods { id } myPayments { totalCount edges { node { id } } } }', {}, callers.owner);
    expect(own.data.myPaymentMethods.map((m: any) => m.id)).toEqual([methodId]);
    // Ours: the two made before the matrix, and the one the service authorized during it.
    expect(own.data.myPayments.totalCount).toBe(3);
    expect(own.data.myPayments.edges.map((e: any) => e.node.id)).toEqual(expect.arrayContaining([paymentId, voidableId]));
    const theirs = await h.gateway.query('{ myPaymentMethods { id } myPayments { totalCount } }', {}, callers.other);
    expect(theirs.data).toEqual({ myPaymentMethods: [], myPayments: { totalCount: 0 } });
  });

  it("withholds another customer's payment entity, and shows it to its owner, staff and services", async () => {
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Payment { id status } } }`;
    const post = (headers: Record<string, string>) =>
      fetch(h.payment.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: entities, variables: { r: [{ __typename: 'Payment', id: paymentId }] } }),
      }).then((r) => r.json() as Promise<any>);
    expect((await post(callers.other)).data._entities).toEqual([null]);
    expect((await post(callers.anonymous)).data._entities).toEqual([null]);
    for (const who of ['owner', 'admin', 'service']) expect((await post(callers[who])).data._entities).toEqual([{ id: paymentId, status: 'PARTIALLY_REFUNDED' }]);
  });

  it('left the payments as only the allowed callers changed them', async () => {
    const payment = await h.db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    // 20.00 captured before, 1.00 by the service; 1.00 refunded by the service (staff refund through the order).
    expect({ captured: payment.capturedAmount!.toFixed(2), refunded: payment.refundedAmount.toFixed(2) }).toEqual({ captured: '21.00', refunded: '1.00' });
    expect((await h.db.payment.findUniqueOrThrow({ where: { id: voidableId } })).status).toBe('voided');
    const methods = await h.db.paymentMethod.findMany({ where: { customerId: ownerId }, orderBy: { createdAt: 'asc' } });
    expect(methods.map((m) => [m.id, m.isActive, m.isDefault])).toEqual([[methodId, true, true], [spareMethodId, false, false]]);
    expect(await h.db.payment.count({ where: { customerId: ownerId } })).toBe(3); // the two above and the service's one authorization
    expect(await h.db.paymentMethod.count({ where: { customerId: { notIn: [ownerId] } } })).toBe(0);
  });
});
