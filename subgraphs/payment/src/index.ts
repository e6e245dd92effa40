import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gql } from 'graphql-tag';
import { anonymousViewer, startSubgraph, type Logger, type RunningService, type SubgraphBaseOptions } from '@shop/platform';
import type { PaymentContext, PaymentSettings } from './context';
import { createPaymentDb, inTransaction, type PaymentTx } from './db';
import { eventHandlers } from './events/handlers';
import { PaymentLoaders } from './loaders';
import type { PaymentProvider } from './provider/port';
import { TestCardProvider } from './provider/test-card-provider';
import { resolvers } from './resolvers';
import { paymentOperations, type PaymentOperations } from './operations';
import { processPendingWebhooks, receiveWebhook, type WebhookSettings } from './webhooks/receive';
import { mountWebhookRoute, webhookPath } from './webhooks/route';

export const typeDefs = gql(readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));
export { createPaymentDb } from './db';
export type { PaymentDb } from './db';
export { TestCardProvider, TEST_PROVIDER } from './provider/test-card-provider';
export { TEST_CARDS } from './provider/test-cards';
export type { PaymentProvider } from './provider/port';
export { paymentOperations, type PaymentOperations } from './operations';
export { signatureHeader } from '@shop/platform';

export interface PaymentOptions extends SubgraphBaseOptions {
  /** The card processor; the built-in TestCardProvider by default. The subgraph closes it when it stops. */
  provider?: PaymentProvider;
  /** Shared with the provider to sign webhooks; required in production, generated per process otherwise. */
  webhookSecret?: string;
  /** Deliver the built-in provider's webhooks to this subgraph's own route (default true). */
  deliverWebhooks?: boolean;
  providerTimeoutMs?: number;
  webhookToleranceSeconds?: number;
  /** How often stored, unprocessed webhooks are retried; 0 turns the sweep off. */
  webhookSweepMs?: number;
  now?: () => Date;
  onStatement?: (sql: string) => void;
}

export interface RunningPayment extends RunningService {
  /** The internal operations for callers in this process (they act with the service role). */
  operations: PaymentOperations;
  webhookUrl: string;
}

export const DEFAULT_PROVIDER_TIMEOUT_MS = 10_000;

export async function startPaymentSubgraph(options: PaymentOptions): Promise<RunningPayment> {
  const { log } = options;
  if (options.production && !options.webhookSecret) throw new Error('PAYMENT_WEBHOOK_SECRET is required in production');
  const secret = options.webhookSecret ?? generatedSecret(log);
  const db = createPaymentDb({ connectionString: options.databaseUrl, onStatement: options.onStatement });
  const provider = options.provider ?? new TestCardProvider();
  const settings: PaymentSettings = { providerTimeoutMs: options.providerTimeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS, now: options.now ?? (() => new Date()) };
  const webhooks: WebhookSettings = { secret, toleranceSeconds: options.webhookToleranceSeconds ?? 300 };
  let sweep: NodeJS.Timeout | undefined;
  const contextFor = (l: Logger): PaymentContext => ({ db, log: l, viewer: anonymousViewer, loaders: new PaymentLoaders(db), provider, settings });

  const service = await startSubgraph<PaymentContext, PaymentTx>({
    ...options,
    name: 'payment',
    typeDefs,
    resolvers,
    db,
    events: { inTransaction: (work) => inTransaction(db, work), handlers: eventHandlers({ db, log }), publishes: true },
    routes: (app) =>
      mountWebhookRoute(app, provider.name, log, (rawBody, signature) => receiveWebhook(contextFor(log.child({ webhook: provider.name })), webhooks, rawBody, signature)),
    context: ({ viewer, log: requestLog }) => ({ ...contextFor(requestLog), viewer }),
    onStop: async () => {
      if (sweep) clearInterval(sweep);
      await provider.close();
    },
  });

  const webhookUrl = service.url.replace(/\/graphql$/, webhookPath(provider.name));
  if (provider instanceof TestCardProvider && options.deliverWebhooks !== false) provider.connectWebhooks({ url: webhookUrl, secret });
  // Stored events whose effect failed or had to wait: retried here too, not only when the provider redelivers.
  const sweepMs = options.webhookSweepMs ?? 60_000;
  if (sweepMs > 0) {
    sweep = setInterval(() => {
      processPendingWebhooks(contextFor(log), sweepMs).catch((err: unknown) => log.warn({ err }, 'webhook sweep failed'));
    }, sweepMs);
    sweep.unref();
  }
  return { ...service, operations: paymentOperations(() => contextFor(log)), webhookUrl };
}

function generatedSecret(log: Logger): string {
  log.warn('No PAYMENT_WEBHOOK_SECRET: webhooks are signed with a secret generated for this process.');
  return randomBytes(32).toString('hex');
}
