import { inTransaction } from '../src/db';
import { lockPayment } from '../src/services/payment-rows';
import { authorized, ops, startPaymentHarness, type PaymentHarness } from './harness';

/** The locked read is a raw statement: it must answer exactly what Prisma's own read of the row answers. */
let h: PaymentHarness;
beforeAll(async () => {
  h = await startPaymentHarness();
});
afterAll(() => h?.stop());

it('reads a locked payment with every column, typed as Prisma types it (decimals, dates, bigints)', async () => {
  const payment = await authorized(h, '42.50');
  await ops(h).capture(payment.id, '40.00');
  const expected = await h.db.payment.findUniqueOrThrow({ where: { id: payment.id } });
  expect(expected.capturedAmount).not.toBeNull();
  const locked = await inTransaction(h.db, (tx) => lockPayment(tx, payment.id));
  expect(locked).toEqual(expected);
  expect(Object.keys(locked!).sort()).toEqual(Object.keys(expected).sort());
});

it('answers null for a payment that does not exist', async () => {
  expect(await inTransaction(h.db, (tx) => lockPayment(tx, '00000000-0000-4000-8000-000000000000'))).toBeNull();
});
