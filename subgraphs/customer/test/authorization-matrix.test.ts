import { createTestIssuer } from '@shop/platform/testing';
import {
  codeOf, expiredToken, registerShopper, signIn, STAFF_EMAIL, STAFF_PASSWORD, startCustomerHarness, type CustomerHarness, type Shopper,
} from './harness';

/**
 * Every customer query and mutation, through the gateway over HTTP, for every kind of caller. Each cell is what
 * that caller must get: 'ok', 'null' (data withheld without an error) or the error code. Mutations that fail
 * must change nothing; the test re-reads the owner's record at the end to prove it.
 */
let h: CustomerHarness;
let owner: Shopper;
let other: Shopper;
let staff: Shopper;
let suspended: Shopper;
let ownerAddressId: string;
let spareAddressId: string;
let callers: Record<string, Record<string, string>>;

beforeAll(async () => {
  h = await startCustomerHarness();
  owner = await registerShopper(h);
  other = await registerShopper(h);
  suspended = await registerShopper(h);
  staff = await signIn(h, STAFF_EMAIL, STAFF_PASSWORD);
  const added = await h.gateway.query(
    `mutation { addAddress(input: { type: SHIPPING, streetLine1: "1 Main St", city: "Springfield", stateProvince: "IL", postalCode: "62701", countryCode: "US", isDefault: true }) { id } }`,
    {},
    owner.headers,
  );
  ownerAddressId = added.data.addAddress.id;
  const spare = await h.gateway.query(
    `mutation { addAddress(input: { type: BILLING, streetLine1: "9 Spare St", city: "Springfield", stateProvince: "IL", postalCode: "62701", countryCode: "US" }) { id } }`,
    {},
    owner.headers,
  );
  spareAddressId = spare.data.addAddress.id;
  const suspension = await h.gateway.query(`mutation($id: ID!) { suspendCustomer(id: $id) { status } }`, { id: suspended.id }, staff.headers);
  expect(suspension.data.suspendCustomer.status).toBe('SUSPENDED');
  const stranger = createTestIssuer(); // right claims, a key this shop does not trust
  callers = {
    anonymous: {},
    owner: owner.headers,
    other: other.headers,
    staff: staff.headers,
    suspended: suspended.headers,
    forged: { authorization: `Bearer ${stranger.tokenFor(owner.id, ['customer', 'admin'])}` },
    expired: { authorization: `Bearer ${await expiredToken(h, owner.id)}` },
  };
});
afterAll(() => h?.stop());

type Row = [name: string, query: () => [string, Record<string, unknown>], expected: Record<string, string>];
const rejectedTokens = { suspended: 'UNAUTHENTICATED', forged: 'UNAUTHENTICATED', expired: 'UNAUTHENTICATED' };
const signedInOnly = { anonymous: 'UNAUTHENTICATED', owner: 'ok', other: 'ok', staff: 'ok', ...rejectedTokens };
const staffOnly = { anonymous: 'UNAUTHENTICATED', owner: 'FORBIDDEN', other: 'FORBIDDEN', staff: 'ok', ...rejectedTokens };
const ownerOnly = { anonymous: 'UNAUTHENTICATED', owner: 'ok', other: 'NOT_FOUND', staff: 'NOT_FOUND', ...rejectedTokens };

const matrix: Row[] = [
  ['me', () => ['{ me { id email } }', {}], signedInOnly],
  ['customer(id)', () => ['query($id: ID!) { customer(id: $id) { id email } }', { id: owner.id }], staffOnly],
  ['customers', () => ['{ customers(first: 5) { totalCount edges { node { id } } } }', {}], staffOnly],
  ['updateProfile', () => ['mutation { updateProfile(expectedVersion: 999, input: { firstName: "X" }) { id } }', {}], {
    ...signedInOnly, owner: 'CONFLICT', other: 'CONFLICT', staff: 'CONFLICT', // every version is stale: proves it reached the rule
  }],
  ['addAddress (bad country)', () => ['mutation { addAddress(input: { type: BILLING, streetLine1: "x", city: "x", stateProvince: "x", postalCode: "12345", countryCode: "XX" }) { id } }', {}], {
    ...signedInOnly, owner: 'BAD_USER_INPUT', other: 'BAD_USER_INPUT', staff: 'BAD_USER_INPUT',
  }],
  ['updateAddress', () => ['mutation($id: ID!) { updateAddress(id: $id, input: { type: SHIPPING, streetLine1: "2 Main St", city: "Springfield", stateProvince: "IL", postalCode: "62701", countryCode: "US", isDefault: true }) { id streetLine1 } }', { id: ownerAddressId }], ownerOnly],
  ['setDefaultAddress', () => ['mutation($id: ID!) { setDefaultAddress(id: $id) { id isDefault } }', { id: ownerAddressId }], ownerOnly],
  ['deleteAddress', () => ['mutation($id: ID!) { deleteAddress(id: $id) }', { id: spareAddressId }], {
    anonymous: 'UNAUTHENTICATED', other: 'NOT_FOUND', staff: 'NOT_FOUND', ...rejectedTokens, owner: 'ok', // the owner goes last: it deletes
  }],
  ['logout (public: a session is named by its refresh token)', () => ['mutation { logout(refreshToken: "not-a-session") }', {}], {
    anonymous: 'ok', owner: 'ok', other: 'ok', staff: 'ok', ...rejectedTokens,
  }],
  ['updatePreferences', () => ['mutation { updatePreferences(input: { theme: DARK }) { theme } }', {}], signedInOnly],
  ['adjustLoyaltyPoints', () => ['mutation($id: ID!) { adjustLoyaltyPoints(customerId: $id, points: 10, reason: "goodwill") { pointsBalance } }', { id: other.id }], staffOnly],
  ['redeemLoyaltyPoints (internal)', () => ['mutation($id: ID!) { redeemLoyaltyPoints(customerId: $id, points: 1, orderId: "00000000-0000-4000-8000-000000000001") { pointsBalance } }', { id: owner.id }], {
    ...staffOnly, staff: 'FORBIDDEN',
  }],
  ['returnLoyaltyPoints (internal)', () => ['mutation($id: ID!) { returnLoyaltyPoints(customerId: $id, points: 1, orderId: "00000000-0000-4000-8000-000000000001") { pointsBalance } }', { id: owner.id }], {
    ...staffOnly, staff: 'FORBIDDEN',
  }],
  ['reactivateCustomer', () => ['mutation($id: ID!) { reactivateCustomer(id: $id) { status } }', { id: other.id }], staffOnly],
  ['suspendCustomer (of an unknown id)', () => ['mutation { suspendCustomer(id: "00000000-0000-4000-8000-000000000000") { status } }', {}], {
    ...staffOnly, staff: 'NOT_FOUND',
  }],
];

describe.each(matrix)('%s', (_name, query, expected) => {
  it.each(Object.keys(expected))('as %s', async (caller) => {
    const [text, variables] = query();
    const r = await h.gateway.query(text, variables, callers[caller]);
    expect({ caller, code: codeOf(r) }).toEqual({ caller, code: expected[caller] });
  });
});

describe('what each caller sees', () => {
  it('me is always the caller themself', async () => {
    for (const who of [owner, other, staff]) {
      const r = await h.gateway.query('{ me { id } }', {}, who.headers);
      expect(r.data.me.id).toBe(who.id);
    }
  });

  it("withholds another customer's entity from a customer, and shows it to staff", async () => {
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id email } } }`;
    const representations = [{ __typename: 'Customer', id: owner.id }];
    const post = (headers: Record<string, string>) =>
      fetch(h.customer.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: entities, variables: { r: representations } }) }).then((r) => r.json() as Promise<any>);
    expect((await post(other.headers)).data._entities).toEqual([null]);
    expect((await post(owner.headers)).data._entities).toEqual([{ id: owner.id, email: owner.email }]);
    expect((await post(staff.headers)).data._entities).toEqual([{ id: owner.id, email: owner.email }]);
  });

  it("left the owner's record as only the owner changed it", async () => {
    const r = await h.gateway.query('{ me { firstName version addresses { streetLine1 isDefault } loyalty { pointsBalance } } }', {}, owner.headers);
    expect(r.data.me).toEqual({ firstName: 'Ada', version: 1, addresses: [{ streetLine1: '2 Main St', isDefault: true }], loyalty: { pointsBalance: 0 } });
  });
});
