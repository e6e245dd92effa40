import type { Logger } from '@shop/platform';
import type { Channel } from '../channels/port';
import type { NotificationSettings } from '../context';
import type { NotificationTx, Prisma } from '../db';
import { categoryOf, channelsFor, DEFAULT_PREFERENCES, type Preferences } from '../domain/categories';
import { smsNumber } from '../domain/recipients';
import { unsubscribeToken } from '../domain/unsubscribe';
import { FALLBACK_LOCALE, pickTemplate, renderTemplate } from '../templates';
import { activeTemplates } from './templates-store';

/** Who a message is for. `customerId` (an account) brings preferences, push and the unsubscribe link. */
export interface Recipient {
  id: string;
  customerId: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  firstName: string | null;
  lastName: string | null;
}

export interface MessageRequest {
  /** The integration event this answers: with channel and recipient, one message however often it arrives. */
  eventId: string | null;
  kind: string;
  recipient: Recipient;
  /** The template's values for this message, besides customer, shop and unsubscribeUrl (added here). */
  values: Record<string, unknown>;
  /** Kept in metadata: which order, cart, item the message is about. */
  about?: Record<string, string>;
}

export interface QueueDeps {
  settings: NotificationSettings;
  log: Logger;
}

export async function preferencesOf(tx: NotificationTx, customerId: string | null): Promise<Preferences> {
  if (!customerId) return DEFAULT_PREFERENCES;
  const row = await tx.notificationPreference.findUnique({ where: { customerId } });
  if (!row) return DEFAULT_PREFERENCES;
  const pick = (value: boolean | null, fallback: boolean) => value ?? fallback;
  const d = DEFAULT_PREFERENCES;
  return {
    emailEnabled: pick(row.emailEnabled, d.emailEnabled),
    smsEnabled: pick(row.smsEnabled, d.smsEnabled),
    pushEnabled: pick(row.pushEnabled, d.pushEnabled),
    marketingEmails: pick(row.marketingEmails, d.marketingEmails),
    orderUpdates: pick(row.orderUpdates, d.orderUpdates),
    promotionalOffers: pick(row.promotionalOffers, d.promotionalOffers),
    securityAlerts: pick(row.securityAlerts, d.securityAlerts),
  };
}

export const unsubscribeUrl = (settings: NotificationSettings, customerId: string) =>
  `${settings.publicUrl.replace(/\/$/, '')}/unsubscribe?token=${unsubscribeToken(settings.unsubscribeSecret, customerId)}`;

/**
 * Renders and stores the messages one event makes for one recipient (pending, due now), in the event's
 * transaction: one per channel the preferences allow. The unique (event_id, channel, recipient_id) key makes a
 * second run for the same event a no-op. Returns how many were stored.
 */
export async function queueMessages(tx: NotificationTx, deps: QueueDeps, request: MessageRequest): Promise<number> {
  const { recipient, kind } = request;
  const phone = smsNumber(recipient.phone);
  const prefs = await preferencesOf(tx, recipient.customerId);
  const channels = channelsFor(kind, prefs, { email: recipient.email !== null, phone: phone !== null, account: recipient.customerId !== null });
  const marketing = categoryOf(kind) === 'marketing';
  if (marketing && !recipient.customerId) return 0; // no account, no way to unsubscribe: no marketing
  const now = deps.settings.now();
  const values: Record<string, unknown> = {
    shop: { name: deps.settings.shopName, url: deps.settings.shopUrl },
    customer: { firstName: recipient.firstName ?? '', lastName: recipient.lastName ?? '' },
    ...request.values,
    ...(marketing && recipient.customerId ? { unsubscribeUrl: unsubscribeUrl(deps.settings, recipient.customerId) } : {}),
  };
  const rows: Prisma.NotificationCreateManyInput[] = [];
  for (const channel of channels) {
    const candidates = await activeTemplates(tx, kind, channel);
    const source = pickTemplate(candidates.map((c) => c.source), kind, channel, recipient.locale ?? FALLBACK_LOCALE);
    if (!source) {
      deps.log.warn({ kind, channel }, 'no active template for this kind and channel: message not sent');
      continue;
    }
    const templateId = candidates.find((c) => c.source === source)!.row.id;
    const rendered = renderTemplate(source, values);
    const headers = marketing && channel === 'email' ? listUnsubscribeHeaders(String(values.unsubscribeUrl)) : undefined;
    rows.push({
      templateId,
      recipientId: recipient.id,
      recipientEmail: channel === 'email' ? recipient.email : null,
      recipientPhone: channel === 'sms' ? phone : null,
      notificationType: kind,
      channel,
      subject: rendered.subject,
      content: rendered.html ?? rendered.text,
      textContent: rendered.html ? rendered.text : null,
      metadata: { locale: source.locale, category: categoryOf(kind), ...(request.about ?? {}), ...(headers ? { headers } : {}) },
      status: 'pending',
      maxRetries: deps.settings.maxRetries,
      nextRetryAt: now,
      createdAt: now,
      eventId: request.eventId,
    });
  }
  if (!rows.length) return 0;
  const { count } = await tx.notification.createMany({ data: rows, skipDuplicates: true });
  return count;
}

/** RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs to the link. */
function listUnsubscribeHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** The channel a recipient is reached on, as the port wants it: the address, the number, or the customer id (push). */
export function addressFor(channel: Channel, row: { recipientEmail: string | null; recipientPhone: string | null; recipientId: string }): string | null {
  if (channel === 'email') return row.recipientEmail;
  if (channel === 'sms') return row.recipientPhone;
  return row.recipientId;
}
