import { randomUUID } from 'node:crypto';
import { asCustomer } from './harness';
import { CHECKOUT, checkoutInput, startCheckoutHarness, type CheckoutHarness } from './checkout-harness';

// A race of hundreds of checkouts on two cores shared with another test file can take minutes; it proves
// correctness under contention, not speed (bench/checkout.js measures that).
jest.setTimeout(180_000);

let h: CheckoutHarness;
beforeAll(async () => {
  h = await startCheckoutHarness();
});
afterAll(() => h?.stop());

describe('checkouts racing for the last items', () => {
  it('makes exactly 10 confirmed orders and 10 authorizations out of 200 simultaneous checkouts for 10 in stock', async () => {
    const variant = await h.stockedVariant(10);
    const buyers = Array.from({ length: 200 }, () => randomUUID());
    for (const customerId of buyers) h.carts.put({ customerId, sessionId: null }, [{ ...variant, quantity: 1 }]);
    const results = await Promise.all(
      buyers.map((customerId) => h.gateway.query(CHECKOUT, { input: checkoutInput('25.00', { email: 'race@example.com' }) }, asCustomer(customerId))),
    );
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'ok');
    const unexpected = results.filter((r) => r.errors && r.errors[0].extensions?.code !== 'OUT_OF_STOCK').map((r) => r.errors![0]);
    // A failure shows what the services logged for the request, not only the request id the client got.
    expect(unexpected.slice(0, 3).map((e) => ({ ...e, logged: h.serverErrors([e.extensions?.requestId as string]) }))).toEqual([]);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(10);
    // Every other buyer is told why: the stock ran out.
    expect(codes.filter((c) => c !== 'ok').every((c) => c === 'OUT_OF_STOCK')).toBe(true);
    expect(await h.orderDb.order.count({ where: { status: 'confirmed', customerId: { in: buyers } } })).toBe(10);
    const orderIds = (await h.orderDb.order.findMany({ where: { customerId: { in: buyers } }, select: { id: true } })).map((o) => o.id);
    expect(await h.paymentDb.payment.count({ where: { orderId: { in: orderIds }, status: 'authorized' } })).toBe(10);
    expect(await h.paymentDb.payment.count({ where: { orderId: { in: orderIds } } })).toBe(10);
    const item = await h.inventoryDb.inventoryItem.findUniqueOrThrow({ where: { productVariantId: variant.variantId } });
    expect([item.quantityAvailable, item.quantityReserved, item.quantityCommitted]).toEqual([0, 0, 10]);
    expect(await h.orderDb.orderProcessingSaga.count({ where: { orderId: { in: orderIds }, status: 'started' } })).toBe(0);
  });
});
