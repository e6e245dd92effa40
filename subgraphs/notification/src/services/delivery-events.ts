import { isIP } from 'node:net';
import { verifySignature, type Logger } from '@shop/platform';
import { z } from 'zod';
import { inTransaction, type NotificationDb } from '../db';

export interface DeliveryWebhookSettings {
  /** Shared with the email provider (NOTIFICATION_WEBHOOK_SECRET). */
  secret: string;
  toleranceSeconds: number;
  /** email_events.provider for what arrives here: the email channel's provider. */
  provider: string;
}

export interface WebhookAnswer {
  status: 200 | 400;
  body: Record<string, unknown>;
}

/**
 * The provider's delivery event, signed like payment's webhooks (`Shop-Signature: t=…,v1=…` over the raw body).
 * `data.notificationId` (the X-Notification-Id header we sent) or `data.messageId` (the Message-ID) names the email.
 */
const deliveryEvent = z.object({
  id: z.string().min(1).max(100),
  type: z.enum(['sent', 'delivered', 'opened', 'clicked', 'bounced', 'spam']),
  created: z.number().int().nonnegative(),
  data: z
    .object({
      notificationId: z.uuid().optional(),
      messageId: z.string().min(1).max(100).optional(),
      userAgent: z.string().max(1000).optional(),
      ipAddress: z.string().max(45).optional(),
    })
    .refine((d) => d.notificationId || d.messageId, 'names no message (notificationId or messageId)'),
});
export type DeliveryEvent = z.infer<typeof deliveryEvent>;

/** Where a delivery event moves the message; events that came late never move it back. */
const MOVES: Record<DeliveryEvent['type'], { to: string; from: string[] } | null> = {
  sent: null,
  delivered: { to: 'delivered', from: ['pending', 'sent'] },
  opened: { to: 'delivered', from: ['pending', 'sent'] },
  clicked: { to: 'delivered', from: ['pending', 'sent'] },
  bounced: { to: 'bounced', from: ['pending', 'sent', 'delivered'] },
  spam: null,
};

/**
 * One delivery of a provider event. Nothing is stored unless the signature and timestamp verify and the body is
 * a delivery event; a redelivery (same provider event id) is recorded once and moves nothing again. A bounce marks
 * the address undeliverable in the contact book (no more email to it until it changes); a spam complaint turns the
 * customer's marketing email off.
 */
export async function receiveDeliveryEvent(
  deps: { db: NotificationDb; log: Logger; now: () => Date },
  settings: DeliveryWebhookSettings,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<WebhookAnswer> {
  const now = deps.now();
  const check = verifySignature(signature, rawBody, settings.secret, Math.floor(now.getTime() / 1000), settings.toleranceSeconds);
  if (!check.ok) {
    deps.log.warn({ problem: check.problem }, 'delivery webhook refused: signature does not verify');
    return { status: 400, body: { error: check.problem === 'stale' ? 'timestamp outside the tolerance' : 'signature does not verify' } };
  }
  let event: DeliveryEvent;
  try {
    event = deliveryEvent.parse(JSON.parse(rawBody.toString('utf8')));
  } catch {
    return { status: 400, body: { error: 'not a delivery event' } };
  }
  return inTransaction(deps.db, async (tx) => {
    const { data } = event;
    const byMessage = data.notificationId
      ? null
      : await tx.emailEvent.findFirst({ where: { externalMessageId: data.messageId, provider: settings.provider }, select: { notificationId: true } });
    const notificationId = data.notificationId ?? byMessage?.notificationId;
    const [row] = notificationId
      ? await tx.$queryRaw<{ id: string; status: string | null; recipient_email: string | null; recipient_id: string }[]>`
          SELECT id, status, recipient_email, recipient_id FROM notifications WHERE id = ${notificationId}::uuid AND channel = 'email' FOR UPDATE`
      : [];
    if (!row) return { status: 200, body: { received: true, ignored: 'unknown message' } };
    const { count } = await tx.emailEvent.createMany({
      data: [{
        notificationId: row.id,
        eventType: event.type,
        provider: settings.provider,
        externalEventId: event.id,
        externalMessageId: data.messageId ?? null,
        userAgent: data.userAgent ?? null,
        ipAddress: data.ipAddress && isIP(data.ipAddress) ? data.ipAddress : null,
        createdAt: new Date(event.created * 1000),
      }],
      skipDuplicates: true,
    });
    if (count === 0) return { status: 200, body: { received: true, duplicate: true } };
    const move = MOVES[event.type];
    if (move && move.from.includes(row.status ?? 'pending')) {
      await tx.notification.update({
        where: { id: row.id },
        data: move.to === 'delivered' ? { status: 'delivered', deliveredAt: now } : { status: 'bounced', failureReason: 'the address bounced', nextRetryAt: null },
      });
    }
    if (event.type === 'bounced' && row.recipient_email) {
      await tx.contact.updateMany({ where: { email: row.recipient_email, emailUndeliverableAt: null }, data: { emailUndeliverableAt: now } });
    }
    if (event.type === 'spam' && (await tx.contact.count({ where: { customerId: row.recipient_id } }))) {
      await tx.notificationPreference.upsert({
        where: { customerId: row.recipient_id },
        create: { customerId: row.recipient_id, marketingEmails: false },
        update: { marketingEmails: false, updatedAt: now },
      });
    }
    return { status: 200, body: { received: true, duplicate: false } };
  });
}
