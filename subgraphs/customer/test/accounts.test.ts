import { codeOf, PASSWORD, registerShopper, signIn, STAFF_EMAIL, STAFF_PASSWORD, startCustomerHarness, type CustomerHarness } from './harness';

let h: CustomerHarness;
beforeAll(async () => {
  h = await startCustomerHarness();
});
afterAll(() => h?.stop());

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`;
const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { customer { id } } }`;
const validInput = (overrides: Record<string, unknown> = {}) => ({
  email: `new-${Math.random().toString(36).slice(2, 10)}@example.com`, password: PASSWORD, firstName: 'Grace', lastName: 'Hopper', ...overrides,
});

describe('registering', () => {
  it('creates the customer with preferences and a loyalty account in one go, and signs them in', async () => {
    const shopper = await registerShopper(h, { phone: '+1 555 123 4567', dateOfBirth: '1990-04-30' });
    const r = await h.gateway.query('{ me { email status tier roles phone dateOfBirth preferences { language currency theme } loyalty { pointsBalance tier pointsToNextTier } } }', {}, shopper.headers);
    expect(r.data.me).toEqual({
      email: shopper.email, status: 'ACTIVE', tier: 'REGULAR', roles: ['customer'], phone: '+1 555 123 4567', dateOfBirth: '1990-04-30',
      preferences: { language: 'en-US', currency: 'USD', theme: 'LIGHT' },
      loyalty: { pointsBalance: 0, tier: 'REGULAR', pointsToNextTier: 1000 },
    });
  });

  it('refuses a taken email with CONFLICT, whatever its case, and writes nothing', async () => {
    const first = await registerShopper(h);
    const before = await h.db.customer.count();
    const r = await h.gateway.query(REGISTER, { input: validInput({ email: first.email.toUpperCase() }) });
    expect(codeOf(r)).toBe('CONFLICT');
    expect(await h.db.customer.count()).toBe(before);
  });

  it.each([
    ['a malformed email', { email: 'not-an-email' }, 'email'],
    ['a short password', { password: 'short' }, 'password'],
    ['a 10,000-character first name', { firstName: 'x'.repeat(10_000) }, 'firstName'],
    ['an absurd phone number', { phone: '1'.repeat(500) }, 'phone'],
    ['a phone number with letters', { phone: 'call me maybe' }, 'phone'],
    ['a date of birth in the future', { dateOfBirth: '2999-01-01' }, 'dateOfBirth'],
    ['a date that does not exist', { dateOfBirth: '1990-02-31' }, 'dateOfBirth'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_what, overrides, field) => {
    const before = await h.db.customer.count();
    const r = await h.gateway.query(REGISTER, { input: validInput(overrides) });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await h.db.customer.count()).toBe(before);
  });
});

describe('signing in', () => {
  it('answers a wrong password and an unknown email alike', async () => {
    const shopper = await registerShopper(h);
    const wrong = await h.gateway.query(LOGIN, { email: shopper.email, password: 'wrong password!' });
    const unknown = await h.gateway.query(LOGIN, { email: 'nobody-here@example.com', password: 'wrong password!' });
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    expect(unknown.errors![0].message).toBe(wrong.errors![0].message);
    expect(codeOf(unknown)).toBe(codeOf(wrong));
  });

  it('gives staff a token with the admin role', async () => {
    const staff = await signIn(h, STAFF_EMAIL, STAFF_PASSWORD);
    expect((await h.gateway.query('{ me { roles } }', {}, staff.headers)).data.me.roles).toEqual(['customer', 'admin']);
  });
});

describe('sessions', () => {
  it('rotates refresh tokens: each works once, and reuse ends the whole session family', async () => {
    const shopper = await registerShopper(h);
    const first = await h.gateway.query(REFRESH, { t: shopper.refreshToken });
    expect(first.errors).toBeUndefined();
    const second = await h.gateway.query(REFRESH, { t: first.data.refreshSession.refreshToken });
    expect(second.errors).toBeUndefined();
    // The first token again: a thief or a replay. It fails, and so does the newest token of the family.
    expect(codeOf(await h.gateway.query(REFRESH, { t: shopper.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await h.gateway.query(REFRESH, { t: second.data.refreshSession.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  it('lets exactly one of two simultaneous refreshes with the same token win', async () => {
    const shopper = await registerShopper(h);
    const results = await Promise.all([1, 2].map(() => h.gateway.query(REFRESH, { t: shopper.refreshToken })));
    expect(results.map(codeOf).sort()).toEqual(['UNAUTHENTICATED', 'ok']);
  });

  it('ends the session on logout', async () => {
    const shopper = await registerShopper(h);
    expect((await h.gateway.query(`mutation($t: String!) { logout(refreshToken: $t) }`, { t: shopper.refreshToken })).data.logout).toBe(true);
    expect(codeOf(await h.gateway.query(REFRESH, { t: shopper.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  it('stops a suspended customer at once, everywhere, and lets them back in after reactivation', async () => {
    const staff = await signIn(h, STAFF_EMAIL, STAFF_PASSWORD);
    const shopper = await registerShopper(h);
    await h.gateway.query(`mutation($id: ID!) { suspendCustomer(id: $id) { id } }`, { id: shopper.id }, staff.headers);
    expect(codeOf(await h.gateway.query('{ me { id } }', {}, shopper.headers))).toBe('UNAUTHENTICATED');
    expect(codeOf(await h.gateway.query(REFRESH, { t: shopper.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await h.gateway.query(LOGIN, { email: shopper.email, password: PASSWORD }))).toBe('UNAUTHENTICATED');
    expect(await h.suspended.isSuspended(shopper.id)).toBe(true); // in Redis (identity:suspended:{id}) where the harness has it
    await h.gateway.query(`mutation($id: ID!) { reactivateCustomer(id: $id) { id } }`, { id: shopper.id }, staff.headers);
    const again = await signIn(h, shopper.email, PASSWORD);
    expect((await h.gateway.query('{ me { status } }', {}, again.headers)).data.me.status).toBe('ACTIVE');
  });
});
