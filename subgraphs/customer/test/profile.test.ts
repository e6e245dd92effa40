import { codeOf, registerShopper, signIn, STAFF_EMAIL, STAFF_PASSWORD, startCustomerHarness, type CustomerHarness, type Shopper } from './harness';

let h: CustomerHarness;
let staff: Shopper;
beforeAll(async () => {
  h = await startCustomerHarness();
  staff = await signIn(h, STAFF_EMAIL, STAFF_PASSWORD);
});
afterAll(() => h?.stop());

const ADD = `mutation($input: AddressInput!) { addAddress(input: $input) { id type isDefault countryCode } }`;
const address = (overrides: Record<string, unknown> = {}) => ({
  type: 'SHIPPING', streetLine1: '1 Main St', city: 'Springfield', stateProvince: 'IL', postalCode: '62701', countryCode: 'us', ...overrides,
});

describe('profile', () => {
  it('changes with the version it was read at, and refuses a stale version with CONFLICT', async () => {
    const s = await registerShopper(h);
    const UPDATE = `mutation($v: Int!, $input: UpdateProfileInput!) { updateProfile(expectedVersion: $v, input: $input) { firstName version } }`;
    const ok = await h.gateway.query(UPDATE, { v: 1, input: { firstName: 'Augusta' } }, s.headers);
    expect(ok.data.updateProfile).toEqual({ firstName: 'Augusta', version: 2 });
    const stale = await h.gateway.query(UPDATE, { v: 1, input: { firstName: 'Stale' } }, s.headers);
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.errors![0].extensions.currentVersion).toBe(2);
    expect((await h.gateway.query('{ me { firstName } }', {}, s.headers)).data.me.firstName).toBe('Augusta');
  });

  it('refuses a date of birth in the future without changing anything', async () => {
    const s = await registerShopper(h);
    const r = await h.gateway.query(`mutation { updateProfile(expectedVersion: 1, input: { dateOfBirth: "2999-12-31" }) { id } }`, {}, s.headers);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect((await h.db.customer.findUniqueOrThrow({ where: { id: s.id } })).version).toBe(1n);
  });
});

describe('addresses', () => {
  it('keeps one default per type: a new default replaces the old one', async () => {
    const s = await registerShopper(h);
    const first = await h.gateway.query(ADD, { input: address({ isDefault: true }) }, s.headers);
    expect(first.data.addAddress).toMatchObject({ isDefault: true, countryCode: 'US' });
    await h.gateway.query(ADD, { input: address({ isDefault: true, streetLine1: '2 Side St' }) }, s.headers);
    await h.gateway.query(ADD, { input: address({ type: 'BILLING', isDefault: true }) }, s.headers);
    const defaults = await h.db.customerAddress.findMany({ where: { customerId: s.id, isDefault: true }, orderBy: { addressType: 'asc' } });
    expect(defaults.map((a) => [a.addressType, a.streetLine1])).toEqual([['billing', '1 Main St'], ['shipping', '2 Side St']]);
  });

  it('ends up with exactly one default when many are set at the same time', async () => {
    const s = await registerShopper(h);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await h.gateway.query(ADD, { input: address({ streetLine1: `${i} Elm St` }) }, s.headers)).data.addAddress.id);
    const results = await Promise.all(ids.map((id) => h.gateway.query(`mutation($id: ID!) { setDefaultAddress(id: $id) { id } }`, { id }, s.headers)));
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(await h.db.customerAddress.count({ where: { customerId: s.id, isDefault: true } })).toBe(1);
  });

  it('is backed by the database: a second default of one type cannot be written even around the service', async () => {
    const s = await registerShopper(h);
    await h.gateway.query(ADD, { input: address({ isDefault: true }) }, s.headers);
    await expect(
      h.db.customerAddress.create({ data: { customerId: s.id, addressType: 'shipping', streetLine1: 'x', city: 'x', stateProvince: 'x', postalCode: '1', countryCode: 'US', isDefault: true } }),
    ).rejects.toThrow();
  });

  it.each([
    ['a country that is not ISO 3166', { countryCode: 'XX' }, 'countryCode'],
    ['a three-letter country code', { countryCode: 'USA' }, 'countryCode'],
    ['an absurdly long postal code', { postalCode: '9'.repeat(200) }, 'postalCode'],
    ['a 10,000-character street', { streetLine1: 'x'.repeat(10_000) }, 'streetLine1'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_what, overrides, field) => {
    const s = await registerShopper(h);
    const r = await h.gateway.query(ADD, { input: address(overrides) }, s.headers);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions.fields[0].field).toBe(field);
    expect(await h.db.customerAddress.count({ where: { customerId: s.id } })).toBe(0);
  });

  it('refuses an unknown address type as GraphQL validation, and a malformed id as BAD_USER_INPUT', async () => {
    const s = await registerShopper(h);
    const badEnum = await h.gateway.query(ADD, { input: address({ type: 'HOLIDAY_HOME' }) }, s.headers);
    expect(codeOf(badEnum)).toBe('BAD_USER_INPUT');
    const badId = await h.gateway.query(`mutation { deleteAddress(id: "123") }`, {}, s.headers);
    expect(codeOf(badId)).toBe('BAD_USER_INPUT');
  });
});

describe('loyalty', () => {
  const ADJUST = `mutation($id: ID!, $p: Int!) { adjustLoyaltyPoints(customerId: $id, points: $p, reason: "test") { pointsBalance lifetimePoints tierPoints tier transactions { pointsChange balanceAfter kind } } }`;

  it('earns into balance and tier points, moves up a tier at the configured threshold, and keeps a ledger', async () => {
    const s = await registerShopper(h);
    await h.gateway.query(ADJUST, { id: s.id, p: 600 }, staff.headers);
    const r = await h.gateway.query(ADJUST, { id: s.id, p: 400 }, staff.headers);
    expect(r.data.adjustLoyaltyPoints).toMatchObject({ pointsBalance: 1000, lifetimePoints: 1000, tierPoints: 1000, tier: 'PREMIUM' });
    expect(r.data.adjustLoyaltyPoints.transactions).toEqual([
      { pointsChange: 400, balanceAfter: 1000, kind: 'adjustment' },
      { pointsChange: 600, balanceAfter: 600, kind: 'adjustment' },
    ]);
    expect((await h.gateway.query('{ me { tier } }', {}, s.headers)).data.me.tier).toBe('PREMIUM');
  });

  it('never lets a balance go negative, even with concurrent redemptions', async () => {
    const s = await registerShopper(h);
    await h.gateway.query(ADJUST, { id: s.id, p: 100 }, staff.headers);
    const results = await Promise.all([1, 2, 3, 4].map(() => h.gateway.query(ADJUST, { id: s.id, p: -40 }, staff.headers)));
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'CONFLICT', 'ok', 'ok']);
    const loyalty = await h.db.customerLoyalty.findUniqueOrThrow({ where: { customerId: s.id } });
    expect(loyalty.pointsBalance).toBe(20);
    expect(loyalty.tierPoints).toBe(100); // spending does not lower the tier
    await expect(h.db.customerLoyalty.update({ where: { customerId: s.id }, data: { pointsBalance: -1 } })).rejects.toThrow();
  });

  it('refuses zero, huge or non-integer point changes', async () => {
    const s = await registerShopper(h);
    for (const p of [0, 2_000_000_000]) expect(codeOf(await h.gateway.query(ADJUST, { id: s.id, p }, staff.headers))).toBe('BAD_USER_INPUT');
    expect(codeOf(await h.gateway.query(ADJUST, { id: s.id, p: 1.5 }, staff.headers))).toBe('BAD_USER_INPUT');
    expect(await h.db.loyaltyTransaction.count({ where: { customerId: s.id } })).toBe(0);
  });
});

describe('staff customer search', () => {
  it('filters by email fragment, status and tier, pages with cursors, and costs the same statements for 2 or 10 rows', async () => {
    const tag = `find${Date.now()}`;
    for (let i = 0; i < 12; i++) await registerShopper(h, { firstName: `${tag}${i}` });
    const SEARCH = `query($f: CustomerFilter, $first: Int, $after: String) { customers(filter: $f, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { firstName addresses { id } preferences { theme } loyalty { tier } roles } } } }`;
    const page1 = await h.gateway.query(SEARCH, { f: { name: tag }, first: 10 }, staff.headers);
    expect(page1.data.customers.totalCount).toBe(12);
    expect(page1.data.customers.edges).toHaveLength(10);
    const page2 = await h.gateway.query(SEARCH, { f: { name: tag }, first: 10, after: page1.data.customers.pageInfo.endCursor }, staff.headers);
    expect(page2.data.customers.edges.map((e: any) => e.node.firstName)).toEqual([`${tag}1`, `${tag}0`]);
    expect(page2.data.customers.pageInfo.hasNextPage).toBe(false);

    h.statements.reset();
    await h.gateway.query(SEARCH, { f: { name: tag }, first: 2 }, staff.headers);
    const two = h.statements.count;
    h.statements.reset();
    await h.gateway.query(SEARCH, { f: { name: tag }, first: 10 }, staff.headers);
    expect(h.statements.count).toBe(two);

    const suspendedOnly = await h.gateway.query(SEARCH, { f: { status: 'SUSPENDED', name: tag } }, staff.headers);
    expect(suspendedOnly.data.customers.totalCount).toBe(0);
    expect(codeOf(await h.gateway.query(SEARCH, { first: 101 }, staff.headers))).toBe('BAD_USER_INPUT');
    expect(codeOf(await h.gateway.query(SEARCH, { after: 'garbage' }, staff.headers))).toBe('BAD_USER_INPUT');
  });
});
