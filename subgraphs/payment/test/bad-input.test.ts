import { randomUUID } from 'node:crypto';
import { asCustomer, asService, authorizeInput, captured, CARD, codeOf, ops, startPaymentHarness, type PaymentHarness } from './harness';

/**
 * Bad input through the gateway: BAD_USER_INPUT naming the field, a message that does not echo card data, and
 * nothing written — no payment, no event, no refund, no saved method, no provider call.
 */
let h: PaymentHarness;
let paymentId: string;
const customerId = randomUUID();
const thisYear = new Date().getUTCFullYear();

beforeAll(async () => {
  h = await startPaymentHarness();
  paymentId = (await captured(h, '50.00')).id;
});
afterAll(() => h?.stop());

async function counts() {
  // provider_confirmed events and webhooks arrive on their own schedule; everything else must stand still.
  const [payments, events, refunds, methods] = await Promise.all([
    h.db.payment.count(), h.db.paymentEvent.count({ where: { NOT: { eventType: 'provider_confirmed' } } }), h.db.refund.count(), h.db.paymentMethod.count(),
  ]);
  return { payments, events, refunds, methods, atProvider: h.provider.authorizationsFor(paymentId)[0] };
}

const AUTHORIZE = 'mutation($input: AuthorizePaymentInput!) { authorizePayment(input: $input) { id } }';
const authorize = (overrides: Record<string, unknown>): [string, Record<string, unknown>, Record<string, string>] => [
  AUTHORIZE, { input: authorizeInput(overrides) }, asService,
];
const withCard = (change: Record<string, unknown>) => authorize({ card: { ...CARD, ...change } });

const cases: [name: string, field: string, request: () => [string, Record<string, unknown>, Record<string, string>]][] = [
  ['a negative amount', 'amount', () => authorize({ amount: '-5.00' })],
  ['a zero amount', 'amount', () => authorize({ amount: '0.00' })],
  ['an amount over the limit', 'amount', () => authorize({ amount: '1000000.01' })],
  ['an amount with three decimals', 'amount', () => authorize({ amount: '12.345' })],
  ['an amount in exponent form', 'amount', () => authorize({ amount: '1e3' })],
  ['an amount that is not a number', 'amount', () => authorize({ amount: 'ten' })],
  ['an oversized amount string', 'amount', () => authorize({ amount: '1'.repeat(500) })],
  ['cents on a yen amount', 'amount', () => authorize({ amount: '100.50', currency: 'JPY' })],
  ['a lower-case currency', 'currency', () => authorize({ currency: 'usd' })],
  ['a currency that does not exist', 'currency', () => authorize({ currency: 'XYZ' })],
  ['a currency name instead of a code', 'currency', () => authorize({ currency: 'DOLLARS' })],
  ['a malformed order id', 'orderId', () => authorize({ orderId: 'order-1' })],
  ['a malformed customer id', 'customerId', () => authorize({ customerId: '42' })],
  ['a malformed payment method id', 'paymentMethodId', () => authorize({ customerId, card: null, paymentMethodId: 'pm-1' })],
  ['both a saved method and a card', 'paymentMethodId', () => authorize({ customerId, paymentMethodId: randomUUID() })],
  ['neither a saved method nor a card', 'paymentMethodId', () => authorize({ card: null })],
  ['a saved method without a customer', 'customerId', () => authorize({ card: null, paymentMethodId: randomUUID() })],
  ['a short idempotency key', 'idempotencyKey', () => authorize({ idempotencyKey: 'abc' })],
  ['an oversized idempotency key', 'idempotencyKey', () => authorize({ idempotencyKey: 'k'.repeat(101) })],
  ['an idempotency key with spaces', 'idempotencyKey', () => authorize({ idempotencyKey: 'order 1 attempt 1' })],
  ['a card number failing the Luhn check', 'card.number', () => withCard({ number: '4242424242424241' })],
  ['a card number with letters', 'card.number', () => withCard({ number: '4242-4242-abcd-4242' })],
  ['a card number too short', 'card.number', () => withCard({ number: '42424242' })],
  ['an oversized card number', 'card.number', () => withCard({ number: '4'.repeat(5_000) })],
  ['an expiry month of 13', 'card.expMonth', () => withCard({ expMonth: 13 })],
  ['an expiry month of 0', 'card.expMonth', () => withCard({ expMonth: 0 })],
  ['an expired card', 'card.expYear', () => withCard({ expYear: thisYear - 1 })],
  ['an expiry decades away', 'card.expYear', () => withCard({ expYear: thisYear + 30 })],
  ['a two-digit CVC', 'card.cvc', () => withCard({ cvc: '12' })],
  ['a CVC with letters', 'card.cvc', () => withCard({ cvc: '1a3' })],
  ['an oversized holder name', 'card.holderName', () => withCard({ holderName: 'A'.repeat(101) })],
  ['a capture of a negative amount', 'amount', () => ['mutation($id: ID!) { capturePayment(paymentId: $id, amount: "-1.00") { id } }', { id: paymentId }, asService]],
  ['a capture with three decimals', 'amount', () => ['mutation($id: ID!) { capturePayment(paymentId: $id, amount: "1.001") { id } }', { id: paymentId }, asService]],
  ['a capture of a malformed payment id', 'paymentId', () => ['mutation { capturePayment(paymentId: "p-1") { id } }', {}, asService]],
  ['a void of a malformed payment id', 'paymentId', () => ['mutation { voidPayment(paymentId: "p-1") { id } }', {}, asService]],
  ['a negative refund', 'amount', () => ['mutation($id: ID!) { refundPayment(paymentId: $id, amount: "-10.00") { id } }', { id: paymentId }, asService]],
  ['a zero refund', 'amount', () => ['mutation($id: ID!) { refundPayment(paymentId: $id, amount: "0") { id } }', { id: paymentId }, asService]],
  ['a refund above the captured amount', 'amount', () => ['mutation($id: ID!) { refundPayment(paymentId: $id, amount: "50.01") { id } }', { id: paymentId }, asService]],
  ['an oversized refund reason', 'reason', () => [`mutation($id: ID!) { refundPayment(paymentId: $id, amount: "1.00", reason: "${'r'.repeat(201)}") { id } }`, { id: paymentId }, asService]],
  ['a saved card failing the Luhn check', 'card.number', () => ['mutation($c: CardInput!) { addPaymentMethod(card: $c) { id } }', { c: { ...CARD, number: '4000000000000001' } }, asCustomer(customerId)]],
  ['a saved card that has expired', 'card.expYear', () => ['mutation($c: CardInput!) { addPaymentMethod(card: $c) { id } }', { c: { ...CARD, expMonth: 1, expYear: thisYear - 1 } }, asCustomer(customerId)]],
  ['a malformed method id to remove', 'id', () => ['mutation { removePaymentMethod(id: "m-1") }', {}, asCustomer(customerId)]],
  ['a page size above 100', 'first', () => ['{ myPayments(first: 101) { totalCount } }', {}, asCustomer(customerId)]],
  ['a cursor we did not issue', 'after', () => ['{ myPayments(after: "bm90IGEgY3Vyc29y") { totalCount } }', {}, asCustomer(customerId)]],
];

describe('refused input', () => {
  it.each(cases)('refuses %s as BAD_USER_INPUT naming %s, writing nothing', async (_name, field, request) => {
    const before = await counts();
    const [query, variables, headers] = request();
    const r = await h.gateway.query(query, variables, headers);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(JSON.stringify(r.errors)).not.toMatch(/424242424242|400000000000/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a refund of an unknown payment as NOT_FOUND', async () => {
    const r = await ops(h).refund(randomUUID(), '1.00');
    expect(codeOf(r)).toBe('NOT_FOUND');
  });

  it('refuses a saved method of another customer as NOT_FOUND, writing nothing', async () => {
    const method = (await ops(h).addMethod(randomUUID())).data.addPaymentMethod;
    const before = await counts();
    const r = await ops(h).authorize({ customerId, card: null, paymentMethodId: method.id });
    expect(codeOf(r)).toBe('NOT_FOUND');
    expect(await counts()).toEqual(before);
  });

  it('refuses a saved card that expired since it was saved, naming paymentMethodId', async () => {
    const method = (await ops(h).addMethod(customerId)).data.addPaymentMethod;
    await h.db.paymentMethod.update({ where: { id: method.id }, data: { cardExpiryYear: thisYear - 1 } });
    const r = await ops(h).authorize({ customerId, card: null, paymentMethodId: method.id });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions.fields).toEqual([{ field: 'paymentMethodId', message: 'the card has expired' }]);
  });
});
