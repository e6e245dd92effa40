import { randomUUID } from 'node:crypto';
import { applyOnce, createLogger, eventTransport, recordEvent, startContextEvents, type ContextEvents, type EventEnvelope } from '@shop/platform';
import { createTestDatabase, startRedisServer, type RedisServer, type TestDatabase } from '@shop/platform/testing';
import { createCustomerDb, inTransaction, type CustomerDb, type CustomerTx } from '../src/db';
import { eventHandlers } from '../src/events/handlers';
import { customerRegistered } from '../src/events/publish';
import { changePoints } from '../src/services/loyalty';
import { describeWithRedisServer } from '@shop/platform/testing';

/**
 * Loyalty points follow the order context's events, end to end below GraphQL: a stand-in order outbox (the order
 * context's own migration), its relay to a real redis-server, and the customer context's consumer with its real
 * handlers, each event applied in the customer database's transaction with its processed_events row.
 */
const TIERS = { premium: 1_000, vip: 5_000 };
let redis: RedisServer;
let orderDatabase: TestDatabase;
let customerDatabase: TestDatabase;
let orders: CustomerDb; // only its raw SQL is used: the order context's outbox
let db: CustomerDb;
let relay: ContextEvents;
let consumer: ContextEvents;
const log = createLogger('customer-events', process.env.LOG_LEVEL ?? 'silent');
const handlers = () => eventHandlers({ db, log, tiers: TIERS, loyaltyPointsPerUnit: 1 });

beforeAll(async () => {
  redis = await startRedisServer();
  [orderDatabase, customerDatabase] = await Promise.all([createTestDatabase('order'), createTestDatabase('customer')]);
  orders = createCustomerDb({ connectionString: orderDatabase.url });
  db = createCustomerDb({ connectionString: customerDatabase.url });
  const transport = eventTransport(redis.connect());
  relay = startContextEvents({ context: 'order', databaseUrl: orderDatabase.url, transport, inTransaction: (work) => inTransaction(orders, work), logger: log });
  consumer = startContextEvents<CustomerTx>({
    context: 'customer', databaseUrl: customerDatabase.url, transport, publishes: false, handlers: handlers(), logger: log,
    inTransaction: (work) => inTransaction(db, work),
    consumer: { maxAttempts: 2, backoffMs: 20 },
  });
});
afterAll(async () => {
  await consumer?.stop();
  await relay?.stop();
  await Promise.all([orders?.$disconnect(), db?.$disconnect()]);
  await redis?.close();
  await Promise.all([orderDatabase?.drop(), customerDatabase?.drop()]);
});

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function newCustomer(): Promise<string> {
  const customer = await db.customer.create({
    data: { email: `c-${randomUUID()}@example.com`, firstName: 'Ada', lastName: 'Lovelace', preferences: { create: {} }, loyalty: { create: {} } },
  });
  return customer.id;
}

let version = 1;
/** The order context records an event in its outbox; returns its id once the customer context has applied it. */
async function orderEvent(type: string, data: Record<string, unknown>): Promise<string> {
  const id = await recordEvent(orders, { aggregateType: 'Order', aggregateId: String(data.orderId), type, version: version++, data: { schema: 1, ...data } });
  await eventually(async () => (await db.processedEvent.count({ where: { eventId: id } })) === 1, `${type} to be applied`);
  return id;
}

const order = (customerId: string | null, total: string, refundedTotal = '0.00') => ({
  orderId: randomUUID(), orderNumber: `ORD-${randomUUID().slice(0, 8)}`, customerId, currency: 'USD', total, refundedTotal,
});
const loyaltyOf = (customerId: string) => db.customerLoyalty.findUniqueOrThrow({ where: { customerId } });
const ledgerOf = (customerId: string) =>
  db.loyaltyTransaction.findMany({ where: { customerId }, orderBy: { createdAt: 'asc' }, select: { kind: true, pointsChange: true, tierPointsChange: true, reason: true } });

/** Redis Streams themselves: a redis-server of this file's own. */
const describeStreams = describeWithRedisServer('customer loyalty-events', "the customer context's consumer and relay over Redis Streams");

describeStreams('points for orders', () => {
  it('earns a point per whole currency unit a delivered order was paid, and the tier follows with its event', async () => {
    const customerId = await newCustomer();
    await orderEvent('OrderDelivered', { ...order(customerId, '1234.56'), status: 'delivered' });
    expect(await loyaltyOf(customerId)).toMatchObject({ pointsBalance: 1234, lifetimePoints: 1234, tierPoints: 1234 });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customerId } })).tier).toBe('premium');
    const tierEvents = await db.domainEvent.findMany({ where: { eventType: 'LoyaltyTierChanged' } });
    expect(tierEvents.map((e) => e.eventData)).toContainEqual(expect.objectContaining({ customerId, previousTier: 'regular', tier: 'premium', tierPoints: 1234 }));
  });

  it('applies a redelivered event once: the ledger keeps one row for it', async () => {
    const customerId = await newCustomer();
    const delivered = { ...order(customerId, '80.00'), status: 'delivered' };
    const id = await orderEvent('OrderDelivered', delivered);
    const envelope: EventEnvelope = {
      id, source: 'order', type: 'OrderDelivered', aggregateType: 'Order', aggregateId: delivered.orderId, version: 1, schemaVersion: 1,
      occurredAt: new Date().toISOString(), data: delivered,
    };
    const handler = handlers().find((h) => h.type === 'OrderDelivered')!;
    const again = await Promise.all([1, 2, 3].map(() => applyOnce((work) => inTransaction(db, work), handler, envelope)));
    expect(again.map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await ledgerOf(customerId)).toHaveLength(1);
    expect((await loyaltyOf(customerId)).pointsBalance).toBe(80);
  });

  it('takes back what refunds no longer pay for, never below zero, and says so in the ledger', async () => {
    const customerId = await newCustomer();
    const bought = order(customerId, '100.00');
    await orderEvent('OrderDelivered', { ...bought, status: 'delivered' });
    await changePoints(db, TIERS, { customerId, points: 80, kind: 'redeem', reason: 'Redeemed on an order', referenceId: randomUUID() });
    await orderEvent('OrderRefunded', { ...bought, status: 'delivered', amount: '30.00', refundedTotal: '30.00', full: false });
    expect(await loyaltyOf(customerId)).toMatchObject({ pointsBalance: 0, tierPoints: 70 });
    await orderEvent('OrderRefunded', { ...bought, status: 'refunded', amount: '70.00', refundedTotal: '100.00', full: true });
    expect(await loyaltyOf(customerId)).toMatchObject({ pointsBalance: 0, lifetimePoints: 0, tierPoints: 0 });
    expect(await ledgerOf(customerId)).toEqual([
      expect.objectContaining({ kind: 'earn', pointsChange: 100, tierPointsChange: 100 }),
      expect.objectContaining({ kind: 'redeem', pointsChange: -80 }),
      { kind: 'revoke', pointsChange: -20, tierPointsChange: -30, reason: `Taken back: order ${bought.orderNumber} was refunded (10 of 30 already spent)` },
      { kind: 'revoke', pointsChange: 0, tierPointsChange: -70, reason: `Taken back: order ${bought.orderNumber} was refunded (70 of 70 already spent)` },
    ]);
  });

  it('gives a cancelled order its redeemed points back once, and a guest order earns nothing', async () => {
    const customerId = await newCustomer();
    await changePoints(db, TIERS, { customerId, points: 60, kind: 'adjustment', reason: 'welcome' });
    const cancelled = order(customerId, '40.00');
    await changePoints(db, TIERS, { customerId, points: 50, kind: 'redeem', reason: 'Redeemed on an order', referenceId: cancelled.orderId });
    await orderEvent('OrderCancelled', { ...cancelled, status: 'cancelled', loyaltyPointsRedeemed: 50 });
    await orderEvent('OrderCancelled', { ...cancelled, status: 'cancelled', loyaltyPointsRedeemed: 50 }); // published twice: still once
    expect((await loyaltyOf(customerId)).pointsBalance).toBe(60);
    expect((await ledgerOf(customerId)).map((r) => r.kind)).toEqual(['adjustment', 'redeem', 'return']);
    const before = await db.loyaltyTransaction.count();
    await orderEvent('OrderDelivered', { ...order(null, '500.00'), status: 'delivered' });
    expect(await db.loyaltyTransaction.count()).toBe(before);
  });

  it('sends an order event that breaks its contract to the dead letters at once', async () => {
    const customerId = await newCustomer();
    const broken = order(customerId, '10.00');
    const id = await recordEvent(orders, { aggregateType: 'Order', aggregateId: broken.orderId, type: 'OrderDelivered', version: 1, data: { ...broken, total: 'ten dollars' } });
    const letters = consumer.consumer!.deadLetters;
    await eventually(async () => (await letters.list()).some((l) => l.eventId === id), 'the dead letter');
    const letter = (await letters.list()).find((l) => l.eventId === id)!;
    expect(letter.error).toContain('total');
    expect(await ledgerOf(customerId)).toEqual([]);
  });
});

/**
 * Order status events as the order context recorded them before they carried the order's money (still schema 1):
 * OrderDelivered and OrderCancelled without currency, total or refundedTotal, OrderRefunded without total. They
 * wait in the order's outbox and reach this consumer when the order's relay first runs.
 */
describeStreams('order events recorded before they carried the total', () => {
  const recordedBefore = (customerId: string, status: string, extra: Record<string, unknown> = {}) => {
    const { orderId, orderNumber } = order(customerId, '0.00');
    return { orderId, orderNumber, customerId, status, previousStatus: 'confirmed', changedBy: null, occurredAt: new Date().toISOString(), notes: null, ...extra };
  };
  const deadLetterOf = async (type: string, data: Record<string, unknown>) => {
    const id = await recordEvent(orders, { aggregateType: 'Order', aggregateId: String(data.orderId), type, version: 1, data: { schema: 1, ...data } });
    const letters = consumer.consumer!.deadLetters;
    await eventually(async () => (await letters.list({ first: 100 })).some((l) => l.eventId === id), `${type} in the dead letters`);
    return (await letters.list({ first: 100 })).find((l) => l.eventId === id)!;
  };

  it('a cancellation still applies: the order counts for nothing and its redeemed points come back', async () => {
    const customerId = await newCustomer();
    await changePoints(db, TIERS, { customerId, points: 60, kind: 'adjustment', reason: 'welcome' });
    const cancelled = recordedBefore(customerId, 'cancelled', { loyaltyPointsRedeemed: 25, wasConfirmed: true });
    await changePoints(db, TIERS, { customerId, points: 25, kind: 'redeem', reason: 'Redeemed on an order', referenceId: cancelled.orderId });
    await orderEvent('OrderCancelled', cancelled);
    expect((await loyaltyOf(customerId)).pointsBalance).toBe(60);
    expect((await ledgerOf(customerId)).map((r) => r.kind)).toEqual(['adjustment', 'redeem', 'return']);
  });

  it('a full refund still applies: it takes back everything the order earned', async () => {
    const customerId = await newCustomer();
    const bought = order(customerId, '100.00');
    await orderEvent('OrderDelivered', { ...bought, status: 'delivered' });
    const { orderId, orderNumber } = bought;
    await orderEvent('OrderRefunded', { ...recordedBefore(customerId, 'refunded'), orderId, orderNumber, amount: '100.00', refundedTotal: '100.00', full: true, currency: 'USD' });
    expect(await loyaltyOf(customerId)).toMatchObject({ pointsBalance: 0, lifetimePoints: 0, tierPoints: 0 });
    expect((await ledgerOf(customerId)).at(-1)).toEqual({ kind: 'revoke', pointsChange: -100, tierPointsChange: -100, reason: `Taken back: order ${orderNumber} was refunded` });
  });

  it('a delivery goes to the dead letters at once, telling staff to credit its points by hand', async () => {
    const customerId = await newCustomer();
    const letter = await deadLetterOf('OrderDelivered', recordedBefore(customerId, 'delivered'));
    expect(letter.attempts).toBe(1);
    expect(letter.error).toBe(
      "payload breaks the receiver's contract for OrderDelivered v1: total: absent: delivered before order events carried the total, so its points cannot be worked out; credit them with adjustLoyaltyPoints, then discard this letter",
    );
    expect(await ledgerOf(customerId)).toEqual([]);
  });

  it('a partial refund goes to the dead letters: what the order still counts for cannot be worked out', async () => {
    const customerId = await newCustomer();
    const letter = await deadLetterOf('OrderRefunded', recordedBefore(customerId, 'delivered', { amount: '10.00', refundedTotal: '10.00', full: false, currency: 'USD' }));
    expect(letter.attempts).toBe(1);
    expect(letter.error).toContain('total: absent from a partial refund');
    expect(await ledgerOf(customerId)).toEqual([]);
  });
});

describeStreams('what the customer context publishes', () => {
  it('records CustomerRegistered with the registration, and nothing when it rolls back', async () => {
    const email = `r-${randomUUID()}@example.com`;
    await expect(
      inTransaction(db, async (tx) => {
        await customerRegistered(tx, await tx.customer.create({ data: { email, firstName: 'Ada', lastName: 'Lovelace' } }));
        throw new Error('the refresh token could not be stored');
      }),
    ).rejects.toThrow('refresh token');
    expect(await db.domainEvent.count({ where: { eventType: 'CustomerRegistered', eventData: { path: ['email'], equals: email } } })).toBe(0);
    const created = await inTransaction(db, async (tx) => {
      const customer = await tx.customer.create({ data: { email, firstName: 'Ada', lastName: 'Lovelace' } });
      await customerRegistered(tx, customer);
      return customer;
    });
    const events = await db.domainEvent.findMany({ where: { aggregateId: created.id } });
    expect(events.map((e) => [e.eventType, Number(e.version), e.schemaVersion])).toEqual([['CustomerRegistered', 1, 1]]);
    expect(events[0].eventData).toEqual(expect.objectContaining({ customerId: created.id, email, firstName: 'Ada' }));
    expect(JSON.stringify(events[0].eventData)).not.toMatch(/password|token/i);
  });
});
