import { randomUUID } from 'node:crypto';
import { codeOf, registerShopper, serviceHeaders, signIn, STAFF_EMAIL, STAFF_PASSWORD, startCustomerHarness, type CustomerHarness } from './harness';

/** The order context spends and gives back loyalty points through these internal operations. */
let h: CustomerHarness;
let service: Record<string, string>;
beforeAll(async () => {
  h = await startCustomerHarness();
  service = await serviceHeaders(h);
});
afterAll(() => h?.stop());

const REDEEM = `mutation($c: ID!, $p: Int!, $o: ID!) { redeemLoyaltyPoints(customerId: $c, points: $p, orderId: $o) { pointsBalance tierPoints } }`;
const RETURN = `mutation($c: ID!, $p: Int!, $o: ID!) { returnLoyaltyPoints(customerId: $c, points: $p, orderId: $o) { pointsBalance tierPoints } }`;

async function shopperWithPoints(points: number) {
  const staff = await signIn(h, STAFF_EMAIL, STAFF_PASSWORD);
  const s = await registerShopper(h);
  await h.gateway.query(`mutation($id: ID!, $p: Int!) { adjustLoyaltyPoints(customerId: $id, points: $p, reason: "welcome") { pointsBalance } }`, { id: s.id, p: points }, staff.headers);
  return s;
}

describe('loyalty points spent on orders', () => {
  it('redeems once per order, however often the order context retries', async () => {
    const s = await shopperWithPoints(500);
    const orderId = randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => h.gateway.query(REDEEM, { c: s.id, p: 200, o: orderId }, service)));
    expect(results.map(codeOf)).toEqual(['ok', 'ok', 'ok']);
    expect((await h.db.customerLoyalty.findUniqueOrThrow({ where: { customerId: s.id } })).pointsBalance).toBe(300);
    expect(await h.db.loyaltyTransaction.count({ where: { customerId: s.id, kind: 'redeem' } })).toBe(1);
  });

  it('refuses to redeem more than the balance with CONFLICT', async () => {
    const s = await shopperWithPoints(100);
    expect(codeOf(await h.gateway.query(REDEEM, { c: s.id, p: 101, o: randomUUID() }, service))).toBe('CONFLICT');
  });

  it('gives back exactly what an order spent, once, without earning tier points', async () => {
    const s = await shopperWithPoints(500);
    const orderId = randomUUID();
    await h.gateway.query(REDEEM, { c: s.id, p: 200, o: orderId }, service);
    expect(codeOf(await h.gateway.query(RETURN, { c: s.id, p: 150, o: orderId }, service))).toBe('CONFLICT');
    const back = await h.gateway.query(RETURN, { c: s.id, p: 200, o: orderId }, service);
    expect(back.data.returnLoyaltyPoints).toEqual({ pointsBalance: 500, tierPoints: 500 });
    await h.gateway.query(RETURN, { c: s.id, p: 200, o: orderId }, service);
    expect((await h.db.customerLoyalty.findUniqueOrThrow({ where: { customerId: s.id } })).pointsBalance).toBe(500);
    expect(codeOf(await h.gateway.query(RETURN, { c: s.id, p: 10, o: randomUUID() }, service))).toBe('CONFLICT');
  });

  it('is internal: a customer or staff token cannot spend anyone\'s points', async () => {
    const s = await shopperWithPoints(100);
    const staff = await signIn(h, STAFF_EMAIL, STAFF_PASSWORD);
    expect(codeOf(await h.gateway.query(REDEEM, { c: s.id, p: 10, o: randomUUID() }, s.headers))).toBe('FORBIDDEN');
    expect(codeOf(await h.gateway.query(REDEEM, { c: s.id, p: 10, o: randomUUID() }, staff.headers))).toBe('FORBIDDEN');
    expect(codeOf(await h.gateway.query(REDEEM, { c: s.id, p: 10, o: randomUUID() }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await h.gateway.query(REDEEM, { c: s.id, p: -5, o: randomUUID() }, service))).toBe('BAD_USER_INPUT');
    expect((await h.db.customerLoyalty.findUniqueOrThrow({ where: { customerId: s.id } })).pointsBalance).toBe(100);
  });
});
