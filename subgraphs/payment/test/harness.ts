import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { createTestDatabase, createTestIssuer, StatementCounter, type TestDatabase, type TestIssuer } from '@shop/platform/testing';
import { startTestGateway, type TestGateway } from '@shop/gateway/testing';
import { createPaymentDb, signatureHeader, startPaymentSubgraph, TestCardProvider, typeDefs, type PaymentDb } from '../src/index';
import type { RunningPayment } from '../src/index';
import type { SenderOptions } from '../src/provider/webhook-sender';

export const issuer: TestIssuer = createTestIssuer();
export const ADMIN_ID = '00000000-0000-4000-8000-00000000a001';
export const asAdmin = issuer.as(ADMIN_ID, ['customer', 'admin']);
export const asCustomer = (id: string) => issuer.as(id, ['customer']);
/** The order saga's kind of caller: a service token (its subject names no customer). */
export const asService = issuer.as(randomUUID(), ['service']);

export interface HarnessOptions {
  providerTimeoutMs?: number;
  authorizationTtlMs?: number;
  /** How late the timeout card's answer arrives. */
  slowAnswerMs?: number;
  deliverWebhooks?: boolean;
  delivery?: SenderOptions;
  webhookSweepMs?: number;
}

export interface PaymentHarness {
  db: PaymentDb;
  database: TestDatabase;
  payment: RunningPayment;
  gateway: TestGateway;
  provider: TestCardProvider;
  secret: string;
  /** Every line the payment subgraph and the gateway logged, at debug level. */
  logs: string[];
  statements: StatementCounter;
  stop(): Promise<void>;
}

/** Captures log lines so tests can prove what never reaches a log (card numbers). */
function capturingLogger(name: string, lines: string[]) {
  return pino({ name, level: 'debug', base: { service: name } }, { write: (line: string) => void lines.push(line) });
}

/** The real payment subgraph with the built-in test provider, on its own fresh database, behind the real gateway. */
export async function startPaymentHarness(options: HarnessOptions = {}): Promise<PaymentHarness> {
  const database = await createTestDatabase('payment');
  const logs: string[] = [];
  const statements = new StatementCounter();
  const secret = randomBytes(32).toString('hex');
  const provider = new TestCardProvider({
    authorizationTtlMs: options.authorizationTtlMs,
    slowAnswerMs: options.slowAnswerMs ?? 2_000,
    delivery: { delayMs: 5, retryBaseMs: 50, maxAttempts: 10, ...options.delivery },
  });
  const payment = await startPaymentSubgraph({
    databaseUrl: database.url,
    port: 0,
    host: '127.0.0.1',
    log: capturingLogger('payment', logs),
    production: false,
    identity: issuer.identity,
    provider,
    webhookSecret: secret,
    deliverWebhooks: options.deliverWebhooks,
    providerTimeoutMs: options.providerTimeoutMs ?? 2_000,
    webhookSweepMs: options.webhookSweepMs ?? 0,
    onStatement: statements.record,
  });
  const gateway = await startTestGateway([{ name: 'payment', url: payment.url, typeDefs }], issuer.identity, capturingLogger('gateway', logs));
  const db = createPaymentDb({ connectionString: database.url });
  return {
    db, database, payment, gateway, provider, secret, logs, statements,
    async stop() {
      await gateway.stop();
      await payment.stop();
      await db.$disconnect();
      await database.drop();
    },
  };
}

export const codeOf = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.code ?? (r.errors ? 'ERROR' : 'ok');

export const CARD = { number: '4242424242424242', expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '123' };
export const card = (number: string) => ({ ...CARD, number });
export const newKey = () => `key-${randomUUID()}`;

export const PAYMENT_FIELDS = `id orderId customerId status amount { amount currency } authorizedAmount { amount } capturedAmount { amount }
  refundedAmount { amount } capturableAmount { amount } refundableAmount { amount } providerFee { amount } failureCode version
  events { type amount { amount } reason source }`;

const AUTHORIZE = `mutation($input: AuthorizePaymentInput!) { authorizePayment(input: $input) { ${PAYMENT_FIELDS} } }`;
const CAPTURE = `mutation($id: ID!, $amount: String) { capturePayment(paymentId: $id, amount: $amount) { ${PAYMENT_FIELDS} } }`;
const VOID = `mutation($id: ID!) { voidPayment(paymentId: $id) { ${PAYMENT_FIELDS} } }`;
const REFUND = `mutation($id: ID!, $amount: String!, $reason: String, $key: String) {
  refundPayment(paymentId: $id, amount: $amount, reason: $reason, idempotencyKey: $key) { id status amount { amount } payment { ${PAYMENT_FIELDS} } } }`;
const ADD_METHOD = `mutation($card: CardInput!, $makeDefault: Boolean) {
  addPaymentMethod(card: $card, makeDefault: $makeDefault) { id type displayName brand lastFour expMonth expYear isDefault } }`;

export const authorizeInput = (overrides: Record<string, unknown> = {}) => ({
  orderId: randomUUID(),
  customerId: null,
  amount: '100.00',
  currency: 'USD',
  card: CARD,
  idempotencyKey: newKey(),
  ...overrides,
});

/** GraphQL calls through the gateway, as the order saga makes them (service token unless told otherwise). */
export const ops = (h: PaymentHarness) => ({
  authorize: (overrides: Record<string, unknown> = {}, headers = asService) => h.gateway.query(AUTHORIZE, { input: authorizeInput(overrides) }, headers),
  authorizeExactly: (input: Record<string, unknown>, headers = asService) => h.gateway.query(AUTHORIZE, { input }, headers),
  capture: (id: string, amount?: string | null, headers = asService) => h.gateway.query(CAPTURE, { id, amount }, headers),
  void: (id: string, headers = asService) => h.gateway.query(VOID, { id }, headers),
  refund: (id: string, amount: string, extra: { reason?: string; key?: string } = {}, headers = asService) =>
    h.gateway.query(REFUND, { id, amount, ...extra }, headers),
  addMethod: (customerId: string, cardInput: Record<string, unknown> = CARD, makeDefault?: boolean) =>
    h.gateway.query(ADD_METHOD, { card: cardInput, makeDefault }, asCustomer(customerId)),
});

/** An authorized payment of `amount`, ready to capture. */
export async function authorized(h: PaymentHarness, amount = '100.00', overrides: Record<string, unknown> = {}): Promise<any> {
  const r = await ops(h).authorize({ amount, ...overrides });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.authorizePayment;
}

/** A payment of `amount`, captured in full. */
export async function captured(h: PaymentHarness, amount = '100.00'): Promise<any> {
  const payment = await authorized(h, amount);
  const r = await ops(h).capture(payment.id);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.capturePayment;
}

/** POSTs a webhook body to the subgraph's route, signed with `secret` at `timestamp` unless a header is given. */
export async function deliver(
  h: PaymentHarness,
  body: string,
  options: { timestamp?: number; secret?: string; header?: string | null } = {},
): Promise<{ status: number; body: any }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const header = options.header === undefined ? signatureHeader(options.secret ?? h.secret, timestamp, body) : options.header;
  const response = await fetch(h.payment.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(header === null ? {} : { 'shop-signature': header }) },
    body,
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

export const webhookEvent = (type: string, data: Record<string, unknown>, id = `evt_${randomBytes(12).toString('hex')}`) =>
  JSON.stringify({ id, type, created: Math.floor(Date.now() / 1000), data });

/** Waits until `check` passes (the provider's webhooks arrive asynchronously). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

export const eventTypes = (payment: { events: { type: string }[] }) => payment.events.map((e) => e.type);

/** The payment's own state changes, without the provider's asynchronous confirmations. */
export const stateEvents = (payment: { events: { type: string }[] }) => eventTypes(payment).filter((t) => t !== 'provider_confirmed');
