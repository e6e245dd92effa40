import { defaultVariantIdFor, productIdFor, uuidFrom } from '../src/ids';
import { isSkip, planProduct, type LegacyProduct, type ProductPlan, type Skip } from '../src/rules';

const row = (fields: Partial<LegacyProduct> = {}): LegacyProduct => ({ id: '42', name: 'Blue Mug', sku: 'MUG-1', price: '12.50', ...fields });
const none = new Map<string, string>();
const skipOf = (fields: Partial<LegacyProduct>, shared = none) => planProduct(row(fields), shared) as Skip;
const planOf = (fields: Partial<LegacyProduct> = {}) => {
  const plan = planProduct(row(fields), none);
  if (isSkip(plan)) throw new Error(`unexpected skip: ${plan.reason}`);
  return plan as ProductPlan;
};

test('a plain legacy row becomes an active product in the default category with one default variant at its price', () => {
  expect(planOf()).toMatchObject({
    legacyId: '42', name: 'Blue Mug', sku: 'MUG-1', slug: 'blue-mug', price: '12.50', comparePrice: null, status: 'active',
    category: { by: 'default' }, brand: null, stock: null, stockProblem: null,
  });
});

test('a missing status is active, as the seed says; a known one is kept whatever its case; an unknown one is refused', () => {
  expect(planOf({ status: null }).status).toBe('active');
  expect(planOf({ status: ' Draft ' }).status).toBe('draft');
  expect(skipOf({ status: 'retired' })).toMatchObject({ code: 'unknown_status' });
});

test('names: missing, blank, with a NUL byte or another control character, or too long are refused', () => {
  expect(skipOf({ name: null }).code).toBe('missing_name');
  expect(skipOf({ name: '   ' }).code).toBe('missing_name');
  expect(skipOf({ name: 'Blue\u0000Mug' })).toMatchObject({ code: 'invalid_name', reason: expect.stringMatching(/NUL/) });
  expect(skipOf({ name: 'Blue\u001bMug' }).code).toBe('invalid_name');
  expect(skipOf({ name: 'x'.repeat(501) }).code).toBe('invalid_name');
  expect(planOf({ name: '  Blue Mug\n' }).name).toBe('Blue Mug');
});

test('prices: negative, unreadable or beyond DECIMAL(10,2) are refused; a compare price below the price too', () => {
  expect(skipOf({ price: '-0.01' }).code).toBe('negative_price');
  expect(skipOf({ price: null }).code).toBe('missing_price');
  expect(skipOf({ price: '12.505' }).code).toBe('invalid_price');
  expect(skipOf({ price: '100000000.00' }).code).toBe('invalid_price');
  expect(skipOf({ comparePrice: '10.00' }).code).toBe('compare_price_below_price');
  expect(planOf({ price: '0', comparePrice: '15' })).toMatchObject({ price: '0.00', comparePrice: '15.00' });
});

test('a SKU several rows share stays with the first row; the others are refused with its id', () => {
  const shared = new Map([['MUG-1', '7']]);
  expect(skipOf({ id: '42' }, shared)).toMatchObject({ code: 'duplicate_sku', reason: expect.stringMatching(/legacy product 7/) });
  expect(isSkip(planProduct(row({ id: '7', sku: ' MUG-1 ' }), shared))).toBe(false);
  expect(skipOf({ sku: '' }).code).toBe('missing_sku');
});

test('stock: a whole number from 0 is taken over; a negative or fractional one leaves the product importable without its stock', () => {
  expect(planOf({ stockQuantity: '0' }).stock).toBe(0);
  expect(planOf({ stockQuantity: '-4' })).toMatchObject({ stock: null, stockProblem: 'The stock quantity -4 is negative.' });
  expect(planOf({ stockQuantity: '2.5' }).stockProblem).toMatch(/whole number/);
});

test('categories and brands come from their id first, then their name; a name that cannot be a slug is refused', () => {
  expect(planOf({ categoryId: 'abc', categoryName: 'Kitchen' }).category).toEqual({ by: 'id', id: 'abc' });
  expect(planOf({ categoryName: 'Kitchen' }).category).toEqual({ by: 'name', name: 'Kitchen' });
  expect(planOf({ brandName: 'Acme' }).brand).toEqual({ by: 'name', name: 'Acme' });
  expect(skipOf({ categoryName: '***' }).code).toBe('invalid_category');
});

test('ids are stable: a legacy UUID is kept, any other id maps to the same derived UUID on every run', () => {
  const legacyUuid = '0A4C5E2B-1111-4222-8333-444455556666';
  expect(productIdFor(legacyUuid)).toBe(legacyUuid.toLowerCase());
  expect(productIdFor('42')).toBe(productIdFor('42'));
  expect(productIdFor('42')).not.toBe(productIdFor('43'));
  expect(productIdFor('42')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(defaultVariantIdFor(productIdFor('42'))).not.toBe(productIdFor('42'));
  expect(uuidFrom('x')).toBe(uuidFrom('x'));
});
