import { randomUUID } from 'node:crypto';
import { createLogger } from '@shop/platform';
import { recoverStalledCheckouts } from '../src/checkout/recovery';
import { ProcessCrash } from '../src/checkout/saga';
import { asCustomer } from './harness';
import { CHECKOUT, checkoutInput, startCheckoutHarness, type CheckoutHarness } from './checkout-harness';

/**
 * Crash safety: a fault injected between two steps stops the saga where it is, as if the order process died
 * there (no compensation runs). The recovery worker then finishes or compensates it.
 */
let h: CheckoutHarness;
beforeAll(async () => {
  h = await startCheckoutHarness();
});
afterAll(() => h?.stop());
afterEach(() => {
  h.deps.afterStep = undefined;
  h.deps.ports.payment = h.ports.payment;
});

const log = createLogger('recovery', 'silent');
const recover = () => recoverStalledCheckouts({ db: h.orderDb, log }, h.deps, { stalledForMs: 0 });
const stockOf = async (variantId: string) => {
  const item = await h.inventoryDb.inventoryItem.findUniqueOrThrow({ where: { productVariantId: variantId } });
  return { available: item.quantityAvailable, reserved: item.quantityReserved, committed: item.quantityCommitted };
};

async function crashingCheckout() {
  const customerId = randomUUID();
  const variant = await h.stockedVariant(10);
  h.carts.put({ customerId, sessionId: null }, [{ ...variant, quantity: 2 }]);
  const r = await h.gateway.query(CHECKOUT, { input: checkoutInput('50.00', { email: 'ada@example.com' }) }, asCustomer(customerId));
  expect(r.errors).toBeDefined(); // the process "died" mid-request
  const order = await h.orderDb.order.findFirstOrThrow({ where: { customerId } });
  return { customerId, variant, order };
}

describe('the checkout recovery worker', () => {
  it('finishes a checkout that died between "authorized" and "confirmed": order confirmed, stock committed, cart emptied', async () => {
    h.deps.afterStep = (step) => {
      if (step === 'payment_authorized') throw new ProcessCrash('killed after authorizing');
    };
    const { customerId, variant, order } = await crashingCheckout();
    expect(order.status).toBe('pending');
    expect(await stockOf(variant.variantId)).toEqual({ available: 8, reserved: 2, committed: 0 });
    h.deps.afterStep = undefined;

    expect(await recover()).toMatchObject({ finished: 1, compensated: 0, failed: 0 });
    expect((await h.orderDb.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('confirmed');
    expect(await stockOf(variant.variantId)).toEqual({ available: 8, reserved: 0, committed: 2 });
    expect((await h.paymentDb.payment.findMany({ where: { orderId: order.id } })).map((p) => p.status)).toEqual(['authorized']);
    expect(h.carts.lines({ customerId, sessionId: null })).toEqual([]);
    expect(await recover()).toMatchObject({ finished: 0, compensated: 0 }); // done once, not again
  });

  it('voids an authorization the saga obtained but never recorded, and undoes the rest', async () => {
    const real = h.ports.payment;
    h.deps.ports.payment = {
      ...real,
      authorize: async (request) => {
        await real.authorize(request);
        throw new ProcessCrash('killed before recording the authorization');
      },
    };
    const { variant, order } = await crashingCheckout();
    expect((await h.paymentDb.payment.findMany({ where: { orderId: order.id } })).map((p) => p.status)).toEqual(['authorized']);
    h.deps.ports.payment = real;

    expect(await recover()).toMatchObject({ finished: 0, compensated: 1, failed: 0 });
    expect((await h.paymentDb.payment.findMany({ where: { orderId: order.id } })).map((p) => p.status)).toEqual(['voided']);
    expect((await h.orderDb.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('cancelled');
    expect(await stockOf(variant.variantId)).toEqual({ available: 10, reserved: 0, committed: 0 });
    const saga = await h.orderDb.orderProcessingSaga.findFirstOrThrow({ where: { orderId: order.id } });
    expect(saga.status).toBe('failed');
  });

  it('compensates a checkout that died after reserving stock, before any payment', async () => {
    h.deps.afterStep = (step) => {
      if (step === 'stock_reserved') throw new ProcessCrash('killed after reserving');
    };
    const { variant, order } = await crashingCheckout();
    h.deps.afterStep = undefined;
    expect(await recover()).toMatchObject({ compensated: 1 });
    expect(await stockOf(variant.variantId)).toEqual({ available: 10, reserved: 0, committed: 0 });
    expect((await h.orderDb.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('cancelled');
  });

  it('tells a retry of a checkout still in progress to ask again, rather than starting a second one', async () => {
    h.deps.afterStep = (step) => {
      if (step === 'order_placed') throw new ProcessCrash('killed after placing');
    };
    const customerId = randomUUID();
    const variant = await h.stockedVariant(10);
    h.carts.put({ customerId, sessionId: null }, [{ ...variant, quantity: 1 }]);
    const input = checkoutInput('25.00', { email: 'ada@example.com' });
    await h.gateway.query(CHECKOUT, { input }, asCustomer(customerId));
    h.deps.afterStep = undefined;
    const retry = await h.gateway.query(CHECKOUT, { input }, asCustomer(customerId));
    expect(retry.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IN_PROGRESS' });
    expect(await h.orderDb.order.count({ where: { customerId } })).toBe(1);
    await recover();
  });
});
