import { Decimal, ShopError } from '@shop/platform';
import { assertCodeApplies, codeDiscount, normalizeCode, type DiscountCodeRules } from '../src/domain/discount-codes';
import { loyaltyDiscount } from '../src/domain/loyalty';
import { newOrderNumber, ORDER_NUMBER_PATTERN, parseOrderNumber } from '../src/domain/order-number';
import { allowedTransitions, assertCustomerMayCancel, assertTransitionAllowed, ORDER_STATUSES } from '../src/domain/order-status';
import { flatRateShipping, parseTaxRates, priceOrder, taxByCountry, type PricingRules } from '../src/domain/pricing';
import { planRefund } from '../src/domain/refund';

/** The error a function throws, to assert its code and message. */
function thrown(fn: () => unknown): ShopError {
  try {
    fn();
  } catch (error) {
    return error as ShopError;
  }
  throw new Error('expected an error');
}

describe('the order lifecycle', () => {
  it.each([
    ['pending', 'confirmed'], ['pending', 'cancelled'], ['confirmed', 'processing'], ['confirmed', 'cancelled'],
    ['processing', 'shipped'], ['processing', 'cancelled'], ['shipped', 'delivered'], ['shipped', 'refunded'], ['delivered', 'refunded'],
  ])('lets an order move from %s to %s', (from, to) => {
    expect(() => assertTransitionAllowed(from, to)).not.toThrow();
  });

  it('allows exactly nine moves and no others', () => {
    const moves = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.filter((to) => {
      try {
        assertTransitionAllowed(from, to);
        return true;
      } catch {
        return false;
      }
    }).map((to) => `${from}→${to}`));
    expect(moves).toHaveLength(9);
  });

  it('refuses skipping ahead with CONFLICT and says where the order can go', () => {
    const error = thrown(() => assertTransitionAllowed('pending', 'shipped'));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('An order that is pending cannot become shipped: it can only become confirmed or cancelled.');
    expect(error.extensions.allowed).toEqual(['confirmed', 'cancelled']);
  });

  it('treats cancelled and refunded as final', () => {
    expect(allowedTransitions('cancelled')).toEqual([]);
    expect(thrown(() => assertTransitionAllowed('refunded', 'pending')).message).toContain('that is final');
    expect(thrown(() => assertTransitionAllowed('cancelled', 'confirmed')).code).toBe('CONFLICT');
  });

  it('refuses moving an order to the status it already has', () => {
    expect(thrown(() => assertTransitionAllowed('shipped', 'shipped')).message).toBe('The order is already shipped.');
  });

  it('refuses a status that does not exist as bad input', () => {
    expect(thrown(() => assertTransitionAllowed('pending', 'lost')).code).toBe('BAD_USER_INPUT');
  });

  it('lets a customer cancel until the order ships, and not after', () => {
    for (const status of ['pending', 'confirmed', 'processing']) expect(() => assertCustomerMayCancel(status)).not.toThrow();
    expect(thrown(() => assertCustomerMayCancel('shipped')).message).toContain('can no longer be cancelled');
    expect(thrown(() => assertCustomerMayCancel('cancelled')).message).toBe('This order is already cancelled.');
  });
});

describe('pricing', () => {
  const rules = (overrides: Partial<PricingRules> = {}): PricingRules => ({
    shipping: flatRateShipping({ rate: '5.99', freeFrom: '100.00' }),
    tax: taxByCountry({ rates: { US: '8.25', DE: '19' }, fallback: '0' }),
    countryCode: 'US',
    ...overrides,
  });

  it('adds up subtotal − discount + shipping + tax to the total, in cents', () => {
    const price = priceOrder([{ unitPrice: '19.99', quantity: 3 }, { unitPrice: '0.01', quantity: 1 }], rules());
    expect(price).toMatchObject({ subtotal: '59.98', discount: '0.00', shipping: '5.99', tax: '4.95', total: '70.92', lines: [{ lineTotal: '59.97' }, { lineTotal: '0.01' }] });
  });

  it('rounds tax half up to the cent', () => {
    // 10.00 × 8.25% = 0.825 → 0.83
    expect(priceOrder([{ unitPrice: '10.00', quantity: 1 }], rules()).tax).toBe('0.83');
    // 9.99 × 8.25% = 0.824175 → 0.82
    expect(priceOrder([{ unitPrice: '9.99', quantity: 1 }], rules()).tax).toBe('0.82');
  });

  it('taxes the subtotal after discounts, and uses the fallback rate for other countries', () => {
    const tenPercent = { type: 'coupon' as const, code: 'TEN', name: 'Ten', kind: 'percentage' as const, value: '10' };
    expect(priceOrder([{ unitPrice: '100.00', quantity: 1 }], rules({ discounts: [tenPercent], countryCode: 'DE' }))).toMatchObject({
      discount: '10.00', shipping: '5.99', tax: '17.10', total: '113.09',
    });
    expect(priceOrder([{ unitPrice: '100.00', quantity: 1 }], rules({ countryCode: 'JP' })).tax).toBe('0.00');
  });

  it('makes shipping free from the threshold of discounted goods', () => {
    expect(priceOrder([{ unitPrice: '100.00', quantity: 1 }], rules()).shipping).toBe('0.00');
    expect(priceOrder([{ unitPrice: '99.99', quantity: 1 }], rules()).shipping).toBe('5.99');
    const five = { type: 'coupon' as const, code: 'FIVE', name: 'Five off', kind: 'fixed' as const, value: '5.00' };
    expect(priceOrder([{ unitPrice: '100.00', quantity: 1 }], rules({ discounts: [five] })).shipping).toBe('5.99');
  });

  it('never discounts below zero: a fixed discount larger than the goods takes them to 0.00', () => {
    const big = { type: 'coupon' as const, code: 'BIG', name: 'Big', kind: 'fixed' as const, value: '500.00' };
    const price = priceOrder([{ unitPrice: '30.00', quantity: 1 }], rules({ discounts: [big] }));
    expect(price).toMatchObject({ subtotal: '30.00', discount: '30.00', tax: '0.00', shipping: '5.99', total: '5.99' });
    expect(price.discounts).toEqual([expect.objectContaining({ code: 'BIG', amount: '30.00' })]);
  });

  it('applies a coupon before loyalty points, and refuses points that would be cut down', () => {
    const coupon = { type: 'coupon' as const, code: 'HALF', name: 'Half', kind: 'percentage' as const, value: '50' };
    const price = priceOrder([{ unitPrice: '40.00', quantity: 1 }], rules({ discounts: [coupon, loyaltyDiscount(1_000, '0.01')] }));
    expect(price.discounts.map((d) => d.amount)).toEqual(['20.00', '10.00']);
    expect(thrown(() => priceOrder([{ unitPrice: '40.00', quantity: 1 }], rules({ discounts: [coupon, loyaltyDiscount(2_500, '0.01')] }))).code).toBe('BAD_USER_INPUT');
  });

  it('refuses an empty order, a quantity below 1 and a negative price', () => {
    expect(thrown(() => priceOrder([], rules())).code).toBe('BAD_USER_INPUT');
    expect(thrown(() => priceOrder([{ unitPrice: '1.00', quantity: 0 }], rules())).code).toBe('BAD_USER_INPUT');
    expect(thrown(() => priceOrder([{ unitPrice: '-1.00', quantity: 1 }], rules())).code).toBe('BAD_USER_INPUT');
  });

  it('refuses an order whose total does not fit DECIMAL(10,2)', () => {
    expect(thrown(() => priceOrder([{ unitPrice: '99999999.00', quantity: 2 }], rules())).message).toContain('at most 99999999.99');
  });

  it('reads tax rates from configuration text and names a malformed entry', () => {
    expect(parseTaxRates('us:8.25, DE:19,GB:20')).toEqual({ US: '8.25', DE: '19', GB: '20' });
    expect(parseTaxRates('US=8')).toEqual({ error: '"US=8" is not COUNTRY:PERCENT like DE:19' });
  });
});

describe('discount codes', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const code = (overrides: Partial<DiscountCodeRules> = {}): DiscountCodeRules => ({
    code: 'SPRING10', name: 'Spring 10%', kind: 'percentage', value: '10.00', minOrderAmount: null, startsAt: null, endsAt: null,
    usageLimit: null, timesUsed: 0, isActive: true, ...overrides,
  });
  const reasonOf = (rules: DiscountCodeRules | null, subtotal = '50.00') =>
    thrown(() => assertCodeApplies(rules, 'SPRING10', new Decimal(subtotal), now)).extensions.reason;

  it('applies a valid code', () => {
    expect(() => assertCodeApplies(code(), 'SPRING10', new Decimal('50'), now)).not.toThrow();
    expect(codeDiscount(code())).toEqual({ type: 'coupon', code: 'SPRING10', name: 'Spring 10%', kind: 'percentage', value: '10.00' });
  });

  it.each([
    ['an unknown code', null, 'UNKNOWN'],
    ['a deactivated code', code({ isActive: false }), 'INACTIVE'],
    ['a code that starts tomorrow', code({ startsAt: new Date('2026-11-26T00:00:00Z') }), 'NOT_YET_VALID'],
    ['a code that ended', code({ endsAt: new Date('2026-11-25T11:59:59Z') }), 'EXPIRED'],
    ['a code used as often as allowed', code({ usageLimit: 5, timesUsed: 5 }), 'USED_UP'],
    ['an order below the minimum', code({ minOrderAmount: '75.00' }), 'BELOW_MINIMUM'],
  ])('refuses %s with the reason', (_what, rules, reason) => {
    expect(reasonOf(rules)).toBe(reason);
  });

  it('reads codes case-insensitively and refuses what cannot be a code', () => {
    expect(normalizeCode('  spring10 ')).toBe('SPRING10');
    expect(thrown(() => normalizeCode('no spaces allowed')).code).toBe('BAD_USER_INPUT');
  });
});

describe('order numbers', () => {
  it('are SO-, the year and month, and six Crockford base32 characters', () => {
    expect(newOrderNumber(new Date('2026-11-03T10:00:00Z'))).toMatch(/^SO-2611-[0-9A-HJKMNP-TV-Z]{6}$/);
    const many = new Set(Array.from({ length: 2_000 }, () => newOrderNumber()));
    expect(many.size).toBe(2_000);
    for (const n of many) expect(n).toMatch(ORDER_NUMBER_PATTERN);
  });

  it('accept what a customer types: any case, spaces, and O/I/L for 0/1', () => {
    expect(parseOrderNumber(' so-2611-7kq4m2 ')).toBe('SO-2611-7KQ4M2');
    expect(parseOrderNumber('SO-2611-OIL4M2')).toBe('SO-2611-0114M2');
    expect(thrown(() => parseOrderNumber('12345')).code).toBe('BAD_USER_INPUT');
  });
});

describe('refunds', () => {
  const delivered = { status: 'delivered', totalAmount: '100.00', refundedAmount: '0.00' };

  it('refunds part of an order and keeps its status, then the rest and marks it refunded', () => {
    expect(planRefund(delivered, new Decimal('30'))).toEqual({ amount: '30.00', refundedTotal: '30.00', full: false, nextStatus: 'delivered' });
    expect(planRefund({ ...delivered, refundedAmount: '30.00' }, null)).toEqual({ amount: '70.00', refundedTotal: '100.00', full: true, nextStatus: 'refunded' });
  });

  it('refuses more than is left, nothing, and orders that have not shipped', () => {
    expect(thrown(() => planRefund({ ...delivered, refundedAmount: '90.00' }, new Decimal('10.01'))).message).toBe('At most 10.00 of this order can still be refunded.');
    expect(thrown(() => planRefund(delivered, new Decimal('0'))).code).toBe('BAD_USER_INPUT');
    expect(thrown(() => planRefund({ ...delivered, status: 'confirmed' }, null)).message).toContain('cancel it instead');
    expect(thrown(() => planRefund({ ...delivered, status: 'refunded' }, null)).code).toBe('CONFLICT');
  });
});
