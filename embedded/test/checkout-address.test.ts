import { randomUUID } from 'node:crypto';
import { ADDRESS, CARD, startShop, type Shop } from './shop-harness';

/**
 * Checkout addresses follow the same rule as the customer's saved addresses (the platform's postal-address rule):
 * an ISO 3166-1 alpha-2 country, bounded lengths, required fields. A bad one is BAD_USER_INPUT naming the field,
 * and nothing is written: no order, no claim on the cart, no authorization, no stock held.
 */
const ADD = `mutation($v: ID!, $q: Int!) { addToCart(variantId: $v, quantity: $q) { sessionToken } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { id status total { amount } } }`;

let shop: Shop;
let guest: Record<string, string>;
let variantId: string;
beforeAll(async () => {
  shop = await startShop();
  ({ variantId } = await shop.product(20, '25.00'));
  const added = await shop.gateway.query(ADD, { v: variantId, q: 1 }, {});
  guest = { 'x-cart-session': added.data.addToCart.sessionToken };
});
afterAll(() => shop?.stop());

const checkout = (address: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  shop.gateway.query(
    CHECKOUT,
    { input: { idempotencyKey: `addr-${randomUUID()}`, expectedSubtotal: '25.00', email: 'ada@example.com', shippingAddress: address, card: CARD, ...extra } },
    guest,
  );

const long = (n: number) => 'x'.repeat(n);

const HOSTILE: [string, Record<string, unknown>, string][] = [
  ['a country that does not exist (ZZ)', { ...ADDRESS, countryCode: 'ZZ' }, 'shippingAddress.countryCode'],
  ['a three-letter country code', { ...ADDRESS, countryCode: 'USA' }, 'shippingAddress.countryCode'],
  ['digits for a country', { ...ADDRESS, countryCode: '12' }, 'shippingAddress.countryCode'],
  ['an empty country', { ...ADDRESS, countryCode: '' }, 'shippingAddress.countryCode'],
  ['a blank street', { ...ADDRESS, streetLine1: '   ' }, 'shippingAddress.streetLine1'],
  ['an empty city', { ...ADDRESS, city: '' }, 'shippingAddress.city'],
  ['an empty first name', { ...ADDRESS, firstName: '' }, 'shippingAddress.firstName'],
  ['an empty postal code', { ...ADDRESS, postalCode: '' }, 'shippingAddress.postalCode'],
  ['a street of 201 characters', { ...ADDRESS, streetLine1: long(201) }, 'shippingAddress.streetLine1'],
  ['a second street line of 201 characters', { ...ADDRESS, streetLine2: long(201) }, 'shippingAddress.streetLine2'],
  ['a city of 101 characters', { ...ADDRESS, city: long(101) }, 'shippingAddress.city'],
  ['a state of 101 characters', { ...ADDRESS, stateProvince: long(101) }, 'shippingAddress.stateProvince'],
  ['a last name of 101 characters', { ...ADDRESS, lastName: long(101) }, 'shippingAddress.lastName'],
  ['a postal code of 21 characters', { ...ADDRESS, postalCode: '1'.repeat(21) }, 'shippingAddress.postalCode'],
  ['a postal code with symbols', { ...ADDRESS, postalCode: '62701;DROP' }, 'shippingAddress.postalCode'],
  ['a phone of 21 characters', { ...ADDRESS, phone: '1'.repeat(21) }, 'shippingAddress.phone'],
];

async function expectNothingWritten() {
  expect(await shop.orderDb.order.count()).toBe(0);
  expect(await shop.orderDb.checkoutCartClaim.count()).toBe(0);
  expect(await shop.orderDb.orderProcessingSaga.count()).toBe(0);
  expect(await shop.paymentDb.payment.count()).toBe(0);
  expect(await shop.inventoryDb.inventoryReservation.count()).toBe(0);
}

describe('a checkout address', () => {
  it.each(HOSTILE)('is refused with BAD_USER_INPUT naming the field for %s, and nothing is written', async (_, address, field) => {
    const result = await checkout(address);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(result.errors![0].extensions.fields.map((f: { field: string }) => f.field)).toContain(field);
    await expectNothingWritten();
  });

  it('is refused when a required field is missing altogether', async () => {
    const { city: _city, ...withoutCity } = ADDRESS;
    const result = await checkout(withoutCity);
    expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toMatch(/city/);
    await expectNothingWritten();
  });

  it('is refused for a billing address in country ZZ too', async () => {
    const result = await checkout(ADDRESS, { billingAddress: { ...ADDRESS, countryCode: 'ZZ' } });
    expect(result.errors?.[0].extensions.fields.map((f: { field: string }) => f.field)).toEqual(['billingAddress.countryCode']);
    await expectNothingWritten();
  });

  it('takes a lower-case ISO code and buys with it (stored upper-case)', async () => {
    const result = await checkout({ ...ADDRESS, countryCode: 'us' });
    expect(result.data?.checkout.status).toBe('CONFIRMED');
    const order = await shop.orderDb.order.findUniqueOrThrow({ where: { id: result.data.checkout.id } });
    expect((order.shippingAddress as { countryCode: string }).countryCode).toBe('US');
  });
});
