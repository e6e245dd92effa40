import { randomUUID } from 'node:crypto';
import { asAdmin, asCustomer } from './harness';
import { CHECKOUT, checkoutInput, startCheckoutHarness, type CheckoutHarness } from './checkout-harness';

/** What happens to the money and the stock after a checkout: capture at shipment, refunds, cancellation. */
let h: CheckoutHarness;
beforeAll(async () => {
  h = await startCheckoutHarness();
});
afterAll(() => h?.stop());

const MOVE = `mutation($id: ID!, $status: OrderStatus!, $v: Int!) { moveOrder(id: $id, status: $status, expectedVersion: $v, carrier: "UPS", trackingNumber: "1Z999") { status version } }`;
const paymentOf = async (orderId: string) => (await h.paymentDb.payment.findMany({ where: { orderId } }))[0];

async function confirmedOrder() {
  const customerId = randomUUID();
  const variant = await h.stockedVariant(10);
  h.carts.put({ customerId, sessionId: null }, [{ ...variant, quantity: 4 }]); // 100.00: free shipping
  const r = await h.gateway.query(CHECKOUT, { input: checkoutInput('100.00', { email: 'ada@example.com' }) }, asCustomer(customerId));
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return { customerId, variant, orderId: r.data.checkout.id as string, number: r.data.checkout.number as string };
}

async function ship(orderId: string) {
  const processing = await h.gateway.query(MOVE, { id: orderId, status: 'PROCESSING', v: 2 }, asAdmin);
  return h.gateway.query(MOVE, { id: orderId, status: 'SHIPPED', v: processing.data.moveOrder.version }, asAdmin);
}

describe('after the checkout', () => {
  it('captures the payment when staff ship the order, and the shipped stock leaves the books', async () => {
    const { variant, orderId } = await confirmedOrder();
    expect((await paymentOf(orderId)).status).toBe('authorized');
    const shipped = await ship(orderId);
    expect(shipped.errors).toBeUndefined();
    const payment = await paymentOf(orderId);
    expect([payment.status, payment.capturedAmount?.toFixed(2)]).toEqual(['captured', '108.25']);
    const item = await h.inventoryDb.inventoryItem.findUniqueOrThrow({ where: { productVariantId: variant.variantId } });
    expect([item.quantityAvailable, item.quantityReserved, item.quantityCommitted]).toEqual([6, 0, 0]);
  });

  it('returns the money of a partial refund through the payment, and refuses more than was paid', async () => {
    const { orderId } = await confirmedOrder();
    await ship(orderId);
    const REFUND = `mutation($id: ID!, $amount: String) { refundOrder(id: $id, amount: $amount, reason: "damaged in transit") { status refundedTotal { amount } } }`;
    const partial = await h.gateway.query(REFUND, { id: orderId, amount: '30.00' }, asAdmin);
    expect(partial.errors).toBeUndefined();
    expect((await paymentOf(orderId)).refundedAmount.toFixed(2)).toBe('30.00');
    const tooMuch = await h.gateway.query(REFUND, { id: orderId, amount: '500.00' }, asAdmin);
    expect(tooMuch.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await paymentOf(orderId)).refundedAmount.toFixed(2)).toBe('30.00');
  });

  it('voids the authorization and puts the stock back on sale when the customer cancels before shipment', async () => {
    const { customerId, number, orderId, variant } = await confirmedOrder();
    const r = await h.gateway.query(`mutation($n: String!) { cancelMyOrder(number: $n) { status } }`, { n: number }, asCustomer(customerId));
    expect(r.data.cancelMyOrder.status).toBe('CANCELLED');
    expect((await paymentOf(orderId)).status).toBe('voided');
    const item = await h.inventoryDb.inventoryItem.findUniqueOrThrow({ where: { productVariantId: variant.variantId } });
    expect([item.quantityAvailable, item.quantityReserved, item.quantityCommitted]).toEqual([10, 0, 0]);
  });

  it('refunds a captured payment in full when staff cancel an order after capture', async () => {
    h.deps.settings.captureOnConfirm = true;
    try {
      const { orderId } = await confirmedOrder();
      expect((await paymentOf(orderId)).status).toBe('captured');
      const cancelled = await h.gateway.query(MOVE, { id: orderId, status: 'CANCELLED', v: 2 }, asAdmin);
      expect(cancelled.errors).toBeUndefined();
      const payment = await paymentOf(orderId);
      expect([payment.status, payment.refundedAmount.toFixed(2)]).toEqual(['refunded', '108.25']);
    } finally {
      h.deps.settings.captureOnConfirm = false;
    }
  });
});
