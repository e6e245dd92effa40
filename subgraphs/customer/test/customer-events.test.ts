import { codeOf, registerShopper, signIn, STAFF_EMAIL, STAFF_PASSWORD, startCustomerHarness, type CustomerHarness } from './harness';

/** What the customer context publishes when shoppers and staff change customers through the gateway. */
let h: CustomerHarness;
beforeAll(async () => {
  h = await startCustomerHarness();
});
afterAll(() => h?.stop());

const eventsOf = async (customerId: string) =>
  (await h.db.domainEvent.findMany({ where: { aggregateId: customerId }, orderBy: { version: 'asc' } })).map((e) => ({
    type: e.eventType,
    version: Number(e.version),
    data: e.eventData as Record<string, unknown>,
  }));

const UPDATE = `mutation($v: Int!, $input: UpdateProfileInput!) { updateProfile(expectedVersion: $v, input: $input) { version } }`;

describe('customer events', () => {
  it('registers, changes the profile and suspends with one event per customer version, and none for a refused change', async () => {
    const shopper = await registerShopper(h, { phone: '+1 555 123 4567' });
    expect(codeOf(await h.gateway.query(UPDATE, { v: 1, input: { firstName: 'Augusta' } }, shopper.headers))).toBe('ok');
    expect(codeOf(await h.gateway.query(UPDATE, { v: 1, input: { firstName: 'Stale' } }, shopper.headers))).toBe('CONFLICT');
    const staff = await signIn(h, STAFF_EMAIL, STAFF_PASSWORD);
    for (const mutation of ['suspendCustomer', 'suspendCustomer', 'reactivateCustomer']) {
      expect(codeOf(await h.gateway.query(`mutation($id: ID!) { ${mutation}(id: $id) { id } }`, { id: shopper.id }, staff.headers))).toBe('ok');
    }
    const events = await eventsOf(shopper.id);
    expect(events.map((e) => [e.type, e.version])).toEqual([
      ['CustomerRegistered', 1], ['CustomerProfileChanged', 2], ['CustomerSuspended', 3], ['CustomerReactivated', 4],
    ]);
    expect(events[0].data).toMatchObject({ customerId: shopper.id, email: shopper.email, firstName: 'Ada', phone: '+1 555 123 4567' });
    expect(events[1].data).toMatchObject({ firstName: 'Augusta', changed: ['firstName'] });
    expect(events[2].data).toMatchObject({ status: 'suspended' });
    expect(JSON.stringify(events)).not.toMatch(/password|scrypt|token/i);
  });

  it('tells other contexts the language a customer reads: at registration, and as a profile change when it changes', async () => {
    const shopper = await registerShopper(h);
    const PREFERENCES = `mutation($input: PreferencesInput!) { updatePreferences(input: $input) { language } }`;
    expect(codeOf(await h.gateway.query(PREFERENCES, { input: { language: 'de-DE' } }, shopper.headers))).toBe('ok');
    expect(codeOf(await h.gateway.query(PREFERENCES, { input: { language: 'de-DE', marketingEmails: false } }, shopper.headers))).toBe('ok');
    const events = await eventsOf(shopper.id);
    expect(events.map((e) => [e.type, e.version, e.data.language, e.data.changed])).toEqual([
      ['CustomerRegistered', 1, 'en-US', undefined],
      ['CustomerProfileChanged', 2, 'de-DE', ['language']],
    ]);
  });
});
