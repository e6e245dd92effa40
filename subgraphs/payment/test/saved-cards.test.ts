import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TEST_CARDS } from '../src/index';
import { asCustomer, card, CARD, codeOf, eventually, ops, startPaymentHarness, type PaymentHarness } from './harness';

/** Saved cards, and the promise that card numbers and CVCs reach neither the database nor a log. */
let h: PaymentHarness;
beforeAll(async () => {
  h = await startPaymentHarness({ providerTimeoutMs: 300, slowAnswerMs: 600 });
});
afterAll(() => h?.stop());

const METHODS = '{ myPaymentMethods { id displayName brand lastFour expMonth expYear isDefault } }';

describe('saved cards', () => {
  it('keeps brand, last four and expiry, and makes the first card the default', async () => {
    const customerId = randomUUID();
    const r = await ops(h).addMethod(customerId, { ...CARD, number: '4242 4242 4242 4242', holderName: 'Ada Lovelace' });
    expect(r.data.addPaymentMethod).toMatchObject({
      type: 'CARD', displayName: 'Visa •••• 4242', brand: 'visa', lastFour: '4242', expMonth: CARD.expMonth, expYear: CARD.expYear, isDefault: true,
    });
    const row = await h.db.paymentMethod.findUniqueOrThrow({ where: { id: r.data.addPaymentMethod.id } });
    expect(row).toMatchObject({ customerId, methodType: 'card', provider: 'test-provider', cardLastFour: '4242' });
    expect(row.externalId).toMatch(/^pm_test_ok_[0-9a-f]{24}$/);
  });

  it('moves the default when asked, and to the newest remaining card when the default is removed', async () => {
    const customerId = randomUUID();
    const first = (await ops(h).addMethod(customerId)).data.addPaymentMethod;
    const second = (await ops(h).addMethod(customerId, card('5555555555554444'), true)).data.addPaymentMethod;
    const third = (await ops(h).addMethod(customerId, card('378282246310005'))).data.addPaymentMethod;
    expect(third).toMatchObject({ brand: 'amex', displayName: 'American Express •••• 0005', isDefault: false });
    let listed = (await h.gateway.query(METHODS, {}, asCustomer(customerId))).data.myPaymentMethods;
    expect(listed.map((m: any) => [m.id, m.isDefault])).toEqual([[second.id, true], [third.id, false], [first.id, false]]);
    await h.gateway.query('mutation($id: ID!) { removePaymentMethod(id: $id) }', { id: second.id }, asCustomer(customerId));
    listed = (await h.gateway.query(METHODS, {}, asCustomer(customerId))).data.myPaymentMethods;
    expect(listed.map((m: any) => [m.id, m.isDefault])).toEqual([[third.id, true], [first.id, false]]);
  });

  it('keeps one default however many cards are added at once', async () => {
    const customerId = randomUUID();
    await Promise.all(Array.from({ length: 6 }, () => ops(h).addMethod(customerId, CARD, true)));
    expect(await h.db.paymentMethod.count({ where: { customerId, isDefault: true, isActive: true } })).toBe(1);
    expect(await h.db.paymentMethod.count({ where: { customerId } })).toBe(6);
  });

  it('pays with a saved card, and refuses a removed one', async () => {
    const customerId = randomUUID();
    const method = (await ops(h).addMethod(customerId)).data.addPaymentMethod;
    const paid = await ops(h).authorize({ customerId, card: null, paymentMethodId: method.id });
    expect(paid.data.authorizePayment.status).toBe('AUTHORIZED');
    const shown = await h.gateway.query('query($id: ID!) { payment(id: $id) { paymentMethod { displayName } } }', { id: paid.data.authorizePayment.id }, asCustomer(customerId));
    expect(shown.data.payment.paymentMethod.displayName).toBe('Visa •••• 4242');
    await h.gateway.query('mutation($id: ID!) { removePaymentMethod(id: $id) }', { id: method.id }, asCustomer(customerId));
    expect(codeOf(await ops(h).authorize({ customerId, card: null, paymentMethodId: method.id }))).toBe('NOT_FOUND');
  });

  it('lets a saved decline card be saved, then declines it at authorization', async () => {
    const customerId = randomUUID();
    const method = (await ops(h).addMethod(customerId, card(TEST_CARDS.declined))).data.addPaymentMethod;
    const r = await ops(h).authorize({ customerId, card: null, paymentMethodId: method.id });
    expect(r.errors![0].extensions).toMatchObject({ code: 'PAYMENT_DECLINED', reason: 'card_declined' });
  });
});

describe('card data', () => {
  const numbers: string[] = [...Object.values(TEST_CARDS), '5555555555554444', '378282246310005'];
  const cvc = '987';
  const cvcFor = (number: string) => (number.startsWith('37') ? '9876' : cvc);

  beforeAll(async () => {
    // Every flow that carries a card: saving, paying with a one-off card of each kind, capturing, refunding.
    const customerId = randomUUID();
    for (const number of numbers) await ops(h).addMethod(customerId, { ...card(number), cvc: cvcFor(number) });
    for (const number of numbers) {
      const r = await ops(h).authorize({ customerId, card: { ...card(number), cvc: cvcFor(number) } });
      if (r.data) {
        await ops(h).capture(r.data.authorizePayment.id);
        await ops(h).refund(r.data.authorizePayment.id, '1.00');
      }
    }
    // Bad input that carries a full card number too: it must be refused without being echoed or logged.
    await ops(h).authorize({ card: { ...CARD, expMonth: 13 } });
    await h.provider.webhooks.drain();
    await eventually(async () => expect(await h.db.paymentWebhook.count({ where: { processed: false } })).toBe(0));
  });

  it('stores no card number and no CVC in any column of any table', async () => {
    const client = new Client({ connectionString: h.database.url });
    await client.connect();
    try {
      const { rows: tables } = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
      );
      expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['payments', 'payment_methods', 'payment_events', 'refunds', 'payment_webhooks']));
      let rowsSeen = 0;
      for (const { table_name } of tables) {
        const { rows } = await client.query(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
        rowsSeen += rows.length;
        for (const { row } of rows) {
          for (const number of numbers) expect({ table_name, leaked: row.includes(number) }).toEqual({ table_name, leaked: false });
          expect({ table_name, cvc: /cvc/i.test(row) }).toEqual({ table_name, cvc: false });
        }
      }
      expect(rowsSeen).toBeGreaterThan(50);
    } finally {
      await client.end();
    }
  });

  it('logs no card number at debug level, in the payment subgraph or the gateway', () => {
    expect(h.logs.length).toBeGreaterThan(0);
    const all = h.logs.join('\n');
    for (const number of numbers) expect(all.includes(number)).toBe(false);
    expect(all).not.toMatch(/"cvc"/);
  });
});
