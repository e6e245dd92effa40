import { randomUUID } from 'node:crypto';
import { asAdmin, asCustomer, asService, codeOf, line, orderInput, PLACE, seedOrder, startOrderHarness, type OrderHarness } from './harness';

let h: OrderHarness;
beforeAll(async () => {
  h = await startOrderHarness();
});
afterAll(() => h?.stop());

const CREATE = `mutation($input: DiscountCodeInput!) { createDiscountCode(input: $input) {
  code name kind value minOrderAmount startsAt endsAt usageLimit timesUsed isActive } }`;
const hour = 3_600_000;
let serial = 0;

/** Creates a code through the admin API; a unique code unless one is given. */
async function createCode(overrides: Record<string, unknown> = {}) {
  const input = { code: `CODE${++serial}_${randomUUID().slice(0, 6)}`, name: 'Ten percent off', kind: 'PERCENTAGE', value: '10', ...overrides };
  const r = await h.gateway.query(CREATE, { input }, asAdmin);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.createDiscountCode;
}

const placeWith = (code: string, overrides: Record<string, unknown> = {}) =>
  h.gateway.query(PLACE, { input: orderInput(randomUUID(), { discountCode: code, lines: [line({ unitPrice: '50.00' })], ...overrides }) }, asService);

describe('discount codes', () => {
  it('are created by staff, stored upper-case, and applied through order_discounts', async () => {
    const code = await createCode({ code: `spring_${randomUUID().slice(0, 6)}` });
    expect(code).toMatchObject({ kind: 'PERCENTAGE', value: '10.00', timesUsed: 0, isActive: true, usageLimit: null });
    expect(code.code).toBe(code.code.toUpperCase());
    const r = await placeWith(code.code.toLowerCase());
    expect(r.errors).toBeUndefined();
    expect(r.data.placeOrder).toMatchObject({
      subtotal: { amount: '50.00' }, discountTotal: { amount: '5.00' }, shippingTotal: { amount: '5.99' }, taxTotal: { amount: '3.71' }, total: { amount: '54.70' },
      discounts: [{ type: 'COUPON', code: code.code, name: 'Ten percent off', amount: { amount: '5.00' } }],
    });
    const row = await h.db.orderDiscount.findFirstOrThrow({ where: { orderId: r.data.placeOrder.id } });
    expect(row).toMatchObject({ discountType: 'coupon', discountCode: code.code });
    expect((await h.db.discountCode.findUniqueOrThrow({ where: { code: code.code } })).timesUsed).toBe(1);
  });

  it('take a fixed amount off, never more than the goods', async () => {
    const code = await createCode({ kind: 'FIXED', value: '80.00' });
    const order = (await placeWith(code.code)).data.placeOrder;
    expect([order.discountTotal.amount, order.taxTotal.amount, order.total.amount]).toEqual(['50.00', '0.00', '5.99']);
  });

  it('refuses a second code with the same letters in another case', async () => {
    const code = await createCode();
    const r = await h.gateway.query(CREATE, { input: { code: code.code.toLowerCase(), name: 'Copy', kind: 'FIXED', value: '1' } }, asAdmin);
    expect(codeOf(r)).toBe('CONFLICT');
  });

  it.each([
    ['unknown', async () => 'NO_SUCH_CODE', 'UNKNOWN', 'There is no discount code NO_SUCH_CODE.'],
    ['expired', async () => (await createCode({ startsAt: new Date(Date.now() - 2 * hour).toISOString(), endsAt: new Date(Date.now() - hour).toISOString() })).code, 'EXPIRED', 'has expired'],
    ['not valid yet', async () => (await createCode({ startsAt: new Date(Date.now() + hour).toISOString() })).code, 'NOT_YET_VALID', 'is not valid yet'],
    ['deactivated', async () => {
      const code = await createCode();
      await h.gateway.query(`mutation($c: String!) { deactivateDiscountCode(code: $c) { isActive } }`, { c: code.code }, asAdmin);
      return code.code;
    }, 'INACTIVE', 'no longer offered'],
    ['for larger orders only', async () => (await createCode({ minOrderAmount: '75.00' })).code, 'BELOW_MINIMUM', 'at least 75.00'],
  ])('refuses a code that is %s, with BAD_USER_INPUT, its reason, and no order', async (_what, make, reason, message) => {
    const code = await make();
    const customerId = randomUUID();
    const r = await placeWith(code, { customerId });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions).toMatchObject({ reason, fields: [{ field: 'discountCode' }] });
    expect(r.errors![0].message).toContain(message);
    expect(await h.db.order.count({ where: { customerId } })).toBe(0);
  });

  it('refuses a code that is used up', async () => {
    const code = await createCode({ usageLimit: 1 });
    expect((await placeWith(code.code)).errors).toBeUndefined();
    const r = await placeWith(code.code);
    expect(r.errors![0].extensions.reason).toBe('USED_UP');
  });

  it('gives exactly five of twenty concurrent orders a code limited to five uses', async () => {
    const code = await createCode({ usageLimit: 5 });
    const results = await Promise.all(Array.from({ length: 20 }, () => placeWith(code.code)));
    const placed = results.filter((r) => !r.errors);
    expect(placed).toHaveLength(5);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0].extensions.reason)).toEqual(Array(15).fill('USED_UP'));
    expect(await h.db.orderDiscount.count({ where: { discountCode: code.code } })).toBe(5);
    expect((await h.db.discountCode.findUniqueOrThrow({ where: { code: code.code } })).timesUsed).toBe(5);
  });

  it('gives the use back when the order that took it is cancelled', async () => {
    const code = await createCode({ usageLimit: 1 });
    const customerId = randomUUID();
    const order = await seedOrder(h, customerId, { discountCode: code.code, lines: [line({ unitPrice: '50.00' })] });
    const cancel = await h.gateway.query(`mutation($n: String!) { cancelMyOrder(number: $n) { status } }`, { n: order.orderNumber }, asCustomer(customerId));
    expect(cancel.data.cancelMyOrder.status).toBe('CANCELLED');
    expect((await h.db.discountCode.findUniqueOrThrow({ where: { code: code.code } })).timesUsed).toBe(0);
    expect((await placeWith(code.code)).errors).toBeUndefined();
  });

  it('are shown to staff with their usage', async () => {
    const code = await createCode({ usageLimit: 3, minOrderAmount: '20' });
    await placeWith(code.code);
    const r = await h.gateway.query(`query($c: String!) { discountCode(code: $c) { code timesUsed usageLimit minOrderAmount } }`, { c: code.code.toLowerCase() }, asAdmin);
    expect(r.data.discountCode).toEqual({ code: code.code, timesUsed: 1, usageLimit: 3, minOrderAmount: '20.00' });
  });

  it.each([
    ['a percentage above 100', { kind: 'PERCENTAGE', value: '150' }, 'value'],
    ['a value of zero', { kind: 'FIXED', value: '0' }, 'value'],
    ['a negative value', { kind: 'FIXED', value: '-5' }, 'value'],
    ['an end before the start', { startsAt: '2026-12-01', endsAt: '2026-11-01' }, 'endsAt'],
    ['a code with spaces', { code: 'TWO WORDS' }, 'code'],
    ['a usage limit of zero', { usageLimit: 0 }, 'usageLimit'],
  ])('refuses to create a code with %s', async (_what, overrides, field) => {
    const input = { code: `BAD${++serial}`, name: 'Bad', kind: 'FIXED', value: '5', ...overrides };
    const r = await h.gateway.query(CREATE, { input }, asAdmin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions.fields.map((f: { field: string }) => f.field)).toContain(field);
  });
});
