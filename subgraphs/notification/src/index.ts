import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gql } from 'graphql-tag';
import { anonymousViewer, DEFAULT_WEBHOOK_TOLERANCE_SECONDS, startSubgraph, type Logger, type RunningService, type SubgraphBaseOptions } from '@shop/platform';
import { logChannel, type Channels } from './channels';
import type { NotificationContext, NotificationSettings } from './context';
import { createNotificationDb, inTransaction, type NotificationTx } from './db';
import { eventHandlers } from './events/handlers';
import { DELIVERY_WEBHOOK_PATH, mountDeliveryWebhook, mountUnsubscribe, UNSUBSCRIBE_PATH } from './http/routes';
import { resolvers } from './resolvers';
import { unsubscribeMarketing } from './services/customer-facing';
import { receiveDeliveryEvent } from './services/delivery-events';
import { DEFAULT_SENDING, startSendingWorker, type SendingSettings } from './services/sending';
import { seedTemplates } from './services/templates-store';

export const typeDefs = gql(readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));
export { createNotificationDb } from './db';
export type { NotificationDb } from './db';
export { sendDueMessages, type SendingSettings } from './services/sending';
export { DELIVERY_WEBHOOK_PATH, UNSUBSCRIBE_PATH } from './http/routes';

export interface NotificationOptions extends SubgraphBaseOptions {
  /** Channel adapters; the log adapter for any left out (development). The subgraph closes them when it stops. */
  channels?: Partial<Channels>;
  /** The sending worker: poll interval, batch, backoff (tests make it fast); `false` starts none (bench, tests). */
  sending?: Partial<SendingSettings> | false;
  shopName?: string;
  /** The storefront's public address, for links in messages (PUBLIC_SHOP_URL). */
  shopUrl?: string;
  /** This service's public address, for unsubscribe links; its own URL by default. */
  publicUrl?: string;
  /** Signs unsubscribe links; required in production, generated per process otherwise. */
  unsubscribeSecret?: string;
  /** Verifies the email provider's delivery events; required in production, generated per process otherwise. */
  webhookSecret?: string;
  webhookToleranceSeconds?: number;
  /** Where stock alerts go. */
  staffEmails?: string[];
  /** Attempts per message before it is failed (default 3, the seed's). */
  maxRetries?: number;
  now?: () => Date;
}

export interface RunningNotification extends RunningService {
  webhookUrl: string;
  unsubscribeUrl: string;
}

export async function startNotificationSubgraph(options: NotificationOptions): Promise<RunningNotification> {
  const { log } = options;
  if (options.production && (!options.webhookSecret || !options.unsubscribeSecret)) {
    throw new Error('NOTIFICATION_WEBHOOK_SECRET and NOTIFICATION_UNSUBSCRIBE_SECRET are required in production');
  }
  const db = createNotificationDb({ connectionString: options.databaseUrl });
  const channels: Channels = {
    email: options.channels?.email ?? logChannel(log.child({ channel: 'email' }), 'email'),
    sms: options.channels?.sms ?? logChannel(log.child({ channel: 'sms' }), 'sms'),
    push: options.channels?.push ?? logChannel(log.child({ channel: 'push' }), 'push'),
  };
  const now = options.now ?? (() => new Date());
  const settings: NotificationSettings = {
    shopName: options.shopName ?? 'Shop',
    shopUrl: options.shopUrl ?? 'http://localhost:4000',
    publicUrl: options.publicUrl ?? '',
    unsubscribeSecret: options.unsubscribeSecret ?? generatedSecret(log, 'NOTIFICATION_UNSUBSCRIBE_SECRET'),
    staffEmails: options.staffEmails ?? [],
    maxRetries: options.maxRetries ?? 3,
    now,
  };
  const webhookSecret = options.webhookSecret ?? generatedSecret(log, 'NOTIFICATION_WEBHOOK_SECRET');
  const seeded = await seedTemplates(db);
  if (seeded) log.info({ seeded }, 'message templates seeded from the repository');

  let worker: ReturnType<typeof startSendingWorker> | undefined;
  const service = await startSubgraph<NotificationContext, NotificationTx>({
    ...options,
    name: 'notification',
    typeDefs,
    resolvers,
    db,
    events: { inTransaction: (work) => inTransaction(db, work), handlers: eventHandlers({ settings, log }), publishes: true },
    routes: (app) => {
      const webhook = { secret: webhookSecret, toleranceSeconds: options.webhookToleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS, provider: channels.email.provider };
      mountDeliveryWebhook(app, log, (rawBody, signature) => receiveDeliveryEvent({ db, log, now }, webhook, rawBody, signature));
      mountUnsubscribe(app, log, settings.unsubscribeSecret, (customerId) => unsubscribeMarketing({ db, settings }, customerId));
    },
    context: ({ viewer, log: requestLog }) => ({ db, log: requestLog, viewer: viewer ?? anonymousViewer, settings, channels }),
    onStop: async () => {
      await worker?.stop();
      await Promise.all([channels.email.close(), channels.sms.close(), channels.push.close()]);
    },
  });
  const base = service.url.replace(/\/graphql$/, '');
  settings.publicUrl ||= base;
  if (options.sending !== false) worker = startSendingWorker({ db, channels, log: log.child({ worker: 'sending' }), now }, { ...DEFAULT_SENDING, ...options.sending });
  return { ...service, webhookUrl: `${base}${DELIVERY_WEBHOOK_PATH}`, unsubscribeUrl: `${settings.publicUrl}${UNSUBSCRIBE_PATH}` };
}

function generatedSecret(log: Logger, name: string): string {
  log.warn(`No ${name}: a secret generated for this process is used (links and signatures stop working on restart).`);
  return randomBytes(32).toString('hex');
}
