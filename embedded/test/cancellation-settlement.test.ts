import { randomUUID } from 'node:crypto';
import { shopError } from '@shop/platform';
import { ADDRESS, asAdmin, asCustomer, CARD, startShop, type Shop } from './shop-harness';

/**
 * Through the whole shop: staff cancel a confirmed order while the payment refuses to void it. The cancellation
 * stands at once; the order's own recovery worker (every 100 ms here) keeps trying after each backoff, and the
 * authorization is voided once, by itself, as soon as the payment stops refusing. Waits poll.
 */
const REFUSALS = 2;
let refusals = 0;
let voids = 0;
let shop: Shop;
beforeAll(async () => {
  shop = await startShop({
    orderRecoveryIntervalMs: 100,
    orderPorts: (ports) => ({
      ...ports,
      payment: {
        ...ports.payment,
        void: async (paymentId: string, key?: string) => {
          voids += 1;
          if (refusals < REFUSALS) {
            refusals += 1;
            throw shopError('PAYMENT_DECLINED', 'The provider could not process this.', { reason: 'processing_error' });
          }
          return ports.payment.void(paymentId, key);
        },
      },
    }),
  });
});
afterAll(() => shop?.stop());

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}: last saw ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('voids a cancelled order once, by retries, after the payment refused twice', async () => {
  const p = await shop.product(20, '20.00');
  const me = asCustomer(randomUUID());
  await shop.gateway.query(`mutation($v: ID!) { addToCart(variantId: $v, quantity: 5) { itemCount } }`, { v: p.variantId }, me);
  const bought = await shop.gateway.query(
    `mutation($input: CheckoutInput!) { checkout(input: $input) { id } }`,
    { input: { idempotencyKey: `settle-${randomUUID()}`, expectedSubtotal: '100.00', shippingAddress: ADDRESS, card: CARD } },
    me,
  );
  if (bought.errors) throw new Error(JSON.stringify(bought.errors));
  const id = bought.data.checkout.id as string;

  const cancelled = await shop.gateway.query(`mutation($id: ID!) { moveOrder(id: $id, status: CANCELLED, expectedVersion: 2) { status } }`, { id }, asAdmin);
  expect(cancelled.data.moveOrder.status).toBe('CANCELLED');
  expect((await shop.paymentDb.payment.findFirstOrThrow({ where: { orderId: id } })).status).toBe('authorized');

  const settled = await until(
    () => shop.orderDb.orderPaymentOperation.findFirstOrThrow({ where: { orderId: id, kind: 'cancel' } }),
    (operation) => operation.status === 'completed',
    'the cancellation to be settled',
  );
  expect([settled.attempts, refusals, voids]).toEqual([REFUSALS, REFUSALS, REFUSALS + 1]);
  const payment = await shop.paymentDb.payment.findFirstOrThrow({ where: { orderId: id }, include: { events: true } });
  expect([payment.status, payment.events.filter((e) => e.eventType === 'voided').length]).toEqual(['voided', 1]);
});
