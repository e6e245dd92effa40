import { randomUUID } from 'node:crypto';
import { encodeEnvelope, inProcessTransport, type EventEnvelope, type EventTransport } from '@shop/platform';
import { createTestDatabase, createTestIssuer, serverErrors, type TestDatabase } from '@shop/platform/testing';
import { smtpEmailChannel, type Channels } from '../src/channels';
import { createNotificationDb, startNotificationSubgraph, type NotificationDb, type NotificationOptions, type RunningNotification } from '../src/index';
import { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from '../src/testing/smtp-sink';

export const issuer = createTestIssuer();
export const STAFF = '00000000-0000-4000-8000-00000000a001';
export const asAdmin = issuer.as(STAFF, ['customer', 'admin']);
export const asCustomer = (id: string) => issuer.as(id, ['customer']);
export const FAST_SENDING = { pollMs: 25, backoffBaseMs: 50, backoffMaxMs: 400, sendTimeoutMs: 5_000 };

export interface Harness {
  db: NotificationDb;
  database: TestDatabase;
  sink: SmtpSink;
  transport: EventTransport;
  service: RunningNotification;
  /** Starts one more replica on the same database and stream (two workers, two consumers). */
  replica(options?: Partial<NotificationOptions>): Promise<RunningNotification>;
  /** Publishes an event on `events:<source>` as a publisher's relay would (call again with it: a redelivery). */
  publish(event: EventEnvelope): Promise<void>;
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>, url?: string): Promise<{ data?: any; errors?: any[] }>;
  stop(): Promise<void>;
}

export async function startHarness(options: { sink?: SmtpSinkOptions; subgraph?: Partial<NotificationOptions> } = {}): Promise<Harness> {
  const database = await createTestDatabase('notification');
  const sink = await startSmtpSink(options.sink);
  const transport = inProcessTransport();
  const log = serverErrors().logger('notification');
  const extra: RunningNotification[] = [];
  const start = (more: Partial<NotificationOptions> = {}) => {
    const channels: Partial<Channels> = { email: smtpEmailChannel({ url: sink.url, from: '"Test Shop" <shop@example.com>' }) };
    return startNotificationSubgraph({
      databaseUrl: database.url,
      port: 0,
      host: '127.0.0.1',
      production: false,
      identity: issuer.identity,
      eventTransport: transport,
      log,
      sending: FAST_SENDING,
      shopName: 'Test Shop',
      shopUrl: 'https://shop.example.com',
      staffEmails: ['stock@example.com'],
      webhookSecret: 'w'.repeat(40),
      unsubscribeSecret: 'u'.repeat(40),
      ...options.subgraph,
      ...more,
      channels: { ...channels, ...options.subgraph?.channels, ...more.channels },
    });
  };
  const service = await start();
  const db = createNotificationDb({ connectionString: database.url });
  return {
    db,
    database,
    sink,
    transport,
    service,
    async replica(more) {
      const started = await start(more);
      extra.push(started);
      return started;
    },
    async publish(event) {
      await transport.append(`events:${event.source}`, [{ aggregateKey: `${event.aggregateType}:${event.aggregateId}`, previous: null, payload: encodeEnvelope(event) }], 10_000, null);
    },
    async gql(query, variables = {}, headers = {}, url = service.url) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as { data?: any; errors?: any[] };
    },
    async stop() {
      for (const s of extra) await s.stop();
      await service.stop();
      await db.$disconnect();
      await sink.close();
      await database.drop();
    },
  };
}

let version = 0;
export function envelope(source: string, type: string, aggregateType: string, aggregateId: string, data: object): EventEnvelope {
  return { id: randomUUID(), source, type, aggregateType, aggregateId, version: ++version, schemaVersion: 1, occurredAt: new Date().toISOString(), data };
}

export function customerRegistered(customerId = randomUUID(), email = `c-${customerId.slice(0, 8)}@example.com`, more: object = {}) {
  return envelope('customer', 'CustomerRegistered', 'Customer', customerId, {
    customerId, email, firstName: 'Ada', lastName: 'Lovelace', phone: null, status: 'active', occurredAt: new Date().toISOString(), ...more,
  });
}

export function orderPlaced(orderId: string, customerId: string | null, email: string, orderNumber = `ORD-${orderId.slice(0, 8)}`) {
  return envelope('order', 'OrderPlaced', 'Order', orderId, {
    schema: 1, orderId, orderNumber, customerId, status: 'pending', previousStatus: null, changedBy: customerId, occurredAt: new Date().toISOString(),
    email, currency: 'USD', subtotal: '45.00', discount: '0.00', shipping: '0.00', tax: '3.71', total: '48.71', discountCode: null, loyaltyPointsRedeemed: 0,
    items: [
      { variantId: randomUUID(), productId: randomUUID(), sku: 'MUG-1', quantity: 2, unitPrice: '12.50', name: 'Blue mug', variantName: null, lineTotal: '25.00' },
      { variantId: randomUUID(), productId: randomUUID(), sku: 'TEA-1', quantity: 1, unitPrice: '20.00', name: 'Earl Grey <b>tea</b>', variantName: '250 g', lineTotal: '20.00' },
    ],
  });
}

export function orderChanged(type: string, orderId: string, customerId: string | null, more: object = {}, orderNumber = `ORD-${orderId.slice(0, 8)}`) {
  return envelope('order', type, 'Order', orderId, {
    schema: 1, orderId, orderNumber, customerId, status: 'confirmed', previousStatus: 'pending', changedBy: null, occurredAt: new Date().toISOString(),
    notes: null, currency: 'USD', total: '48.71', refundedTotal: '0.00', ...more,
  });
}

export { until } from '@shop/platform/testing';
