import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '@shop/platform';
import { createCartDb, recordAbandonedCarts, startAbandonedCartJob, type CartDb } from '../src/index';
import { asCustomer, newCustomerId, startCartHarness, type CartHarness } from './harness';
import { add } from './operations';
import { seedProduct } from './seed';

let h: CartHarness;
let secondReplica: CartDb;
beforeAll(async () => {
  h = await startCartHarness();
  secondReplica = createCartDb({ connectionString: h.cartDatabaseUrl });
});
afterAll(async () => {
  await secondReplica?.$disconnect();
  await h?.stop();
});

const HOUR = 60 * 60 * 1000;
const log = createLogger('cart', 'silent');
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * HOUR);
/** Runs the job as a replica would, `hours` from now, with carts idle for 1 hour counted as abandoned. */
const runJob = (hours: number, db: CartDb = h.cartDb) => recordAbandonedCarts({ db, log, now: () => hoursFromNow(hours) }, { idleMs: HOUR });

async function customerWithCart(quantity = 2) {
  const customerId = newCustomerId();
  const [variant] = (await seedProduct(h, { variants: 1, price: '12.50' })).variants;
  const cart = await add(h, variant.id, quantity, asCustomer(customerId));
  return { customerId, variant, cartId: cart.id as string };
}

const recordsOf = (customerId: string) => h.cartDb.abandonedCart.findMany({ where: { customerId }, orderBy: { abandonedAt: 'asc' } });
const eventsOf = (cartId: string) => h.cartDb.domainEvent.findMany({ where: { aggregateId: cartId }, orderBy: { sequence: 'asc' } });

describe('abandoned carts', () => {
  it('records a customer cart idle longer than the configured time, with its snapshot and a CartAbandoned event', async () => {
    const { customerId, variant, cartId } = await customerWithCart();
    await runJob(2);
    const [record] = await recordsOf(customerId);
    expect(record).toMatchObject({ customerId, email: null, recoveryEmailSent: false, recoveryEmailSentAt: null });
    expect(record.cartData).toMatchObject({
      cartId, customerId, items: [{ variantId: variant.id, sku: variant.sku, quantity: 2, unitPrice: '12.50' }], totals: { subtotal: '25.00', itemCount: 2 },
    });
    const [event] = await eventsOf(cartId);
    expect(event).toMatchObject({ aggregateType: 'Cart', eventType: 'CartAbandoned', schemaVersion: 1 });
    expect(event.eventData).toMatchObject({ abandonedCartId: record.id, cart: { cartId, customerId } });
  });

  it('records each abandonment once, however often the job runs', async () => {
    const { customerId, cartId } = await customerWithCart();
    await runJob(2);
    await runJob(3);
    await runJob(30);
    expect(await recordsOf(customerId)).toHaveLength(1);
    expect(await eventsOf(cartId)).toHaveLength(1);
  });

  it('counts a later change and a new idle period as a new abandonment', async () => {
    const { customerId, variant } = await customerWithCart();
    await runJob(2);
    // Three hours pass (the cart and its recorded abandonment move into the past), then the shopper comes back.
    await h.cartDb.$executeRaw`UPDATE shopping_carts SET updated_at = updated_at - interval '3 hours', abandoned_at = abandoned_at - interval '3 hours'
      WHERE customer_id = ${customerId}::uuid`;
    await add(h, variant.id, 1, asCustomer(customerId));
    await runJob(0.5); // not idle long enough since the change
    expect(await recordsOf(customerId)).toHaveLength(1);
    await runJob(2);
    const records = await recordsOf(customerId);
    expect(records).toHaveLength(2);
    expect(records[1].cartData).toMatchObject({ totals: { itemCount: 3 } });
  });

  it('leaves alone carts changed within the idle time, empty carts and guest carts', async () => {
    const recent = await customerWithCart();
    const emptied = await customerWithCart();
    await h.query('mutation { clearCart { id } }', {}, asCustomer(emptied.customerId));
    await add(h, recent.variant.id, 1); // a guest's
    const guestRecordsBefore = await h.cartDb.abandonedCart.count({ where: { customerId: null } });
    await runJob(0.5);
    expect(await recordsOf(recent.customerId)).toHaveLength(0);
    await runJob(2);
    expect(await recordsOf(emptied.customerId)).toHaveLength(0);
    expect(await h.cartDb.abandonedCart.count({ where: { customerId: null } })).toBe(guestRecordsBefore);
  });

  it('records each cart once when two replicas run the job at the same moment', async () => {
    const carts = await Promise.all(Array.from({ length: 6 }, () => customerWithCart()));
    const counts = await Promise.all([runJob(2), runJob(2, secondReplica), runJob(2), runJob(2, secondReplica)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(6);
    for (const { customerId } of carts) expect(await recordsOf(customerId)).toHaveLength(1);
  });

  it('skips a cart a shopper is changing right now instead of waiting for it, and records it on a later run', async () => {
    const { customerId } = await customerWithCart();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const locking = secondReplica.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM shopping_carts WHERE customer_id = ${customerId}::uuid FOR UPDATE`;
      await held;
    });
    await sleep(100);
    const started = Date.now();
    await runJob(2);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await recordsOf(customerId)).toHaveLength(0);
    release();
    await locking;
    await runJob(2);
    expect(await recordsOf(customerId)).toHaveLength(1);
  });

  it('runs on its interval in every replica, and stops after the run in flight', async () => {
    const { customerId } = await customerWithCart();
    const job = startAbandonedCartJob({ db: h.cartDb, log }, { idleMs: 0, intervalMs: 50 });
    for (let i = 0; i < 50 && (await recordsOf(customerId)).length === 0; i++) await sleep(50);
    await job.stop();
    expect(await recordsOf(customerId)).toHaveLength(1);
  });
});
