import { z } from 'zod';
import type { PaymentContext } from '../context';
import { inTransaction, type Prisma } from '../db';
import { verifySignature } from '@shop/platform';
import { applyWebhookEffect, paymentIdOf } from './effects';

export interface WebhookSettings {
  /** The endpoint secret shared with the provider (PAYMENT_WEBHOOK_SECRET). */
  secret: string;
  toleranceSeconds: number;
}

export interface WebhookAnswer {
  status: 200 | 400 | 503;
  body: Record<string, unknown>;
}

const envelope = z.object({
  id: z.string().min(1).max(100),
  type: z.string().min(1).max(50),
  created: z.number().int().nonnegative(),
  data: z.record(z.string(), z.unknown()),
});

/**
 * One delivery of a provider event. Nothing is stored unless the signature and timestamp verify. A verified
 * event is inserted once (a redelivery finds its row), then processed under that row's lock: the effect and the
 * processed flag commit together, so however many times (and however concurrently) it arrives, it takes effect once.
 */
export async function receiveWebhook(ctx: PaymentContext, settings: WebhookSettings, rawBody: Buffer, signature: string | undefined): Promise<WebhookAnswer> {
  const nowSeconds = Math.floor(ctx.settings.now().getTime() / 1000);
  const check = verifySignature(signature, rawBody, settings.secret, nowSeconds, settings.toleranceSeconds);
  if (!check.ok) {
    ctx.log.warn({ problem: check.problem }, 'webhook refused: signature does not verify');
    return { status: 400, body: { error: check.problem === 'stale' ? 'timestamp outside the tolerance' : 'signature does not verify' } };
  }
  let event: z.infer<typeof envelope>;
  try {
    event = envelope.parse(JSON.parse(rawBody.toString('utf8')));
  } catch {
    return { status: 400, body: { error: 'not a webhook event' } };
  }
  const provider = ctx.provider.name;
  if (await confirmedAtOnce(ctx, event)) return { status: 200, body: { received: true, duplicate: false } };
  // INSERT … ON CONFLICT DO NOTHING: a redelivery leaves the first row as it is.
  await ctx.db.paymentWebhook.createMany({
    data: [{ provider, eventType: event.type, externalId: event.id, payload: event as Prisma.InputJsonObject, createdAt: ctx.settings.now() }],
    skipDuplicates: true,
  });
  const outcome = await processWebhook(ctx, event.id);
  if (outcome === 'retry_later') return { status: 503, body: { received: true, processed: false } };
  return { status: 200, body: { received: true, duplicate: outcome === 'duplicate' } };
}

/**
 * The usual delivery, in one statement: a first `payment.authorized` for an authorization we already recorded.
 * Its effect is only the `provider_confirmed` note (see effects.ts), so the row is stored processed together with
 * the note, under the payment's row lock, without the general path's transaction. Anything else — a redelivery
 * (the row exists), a payment in another state or with another authorization — stores nothing here and takes the
 * general path, which gives the same answer it always did.
 */
async function confirmedAtOnce(ctx: PaymentContext, event: z.infer<typeof envelope>): Promise<boolean> {
  const paymentId = paymentIdOf(event.data.reference);
  const { authorizationId } = event.data;
  if (event.type !== 'payment.authorized' || !paymentId || typeof authorizationId !== 'string') return false;
  const provider = ctx.provider.name;
  const now = ctx.settings.now();
  const processedAt = new Date();
  const note = JSON.stringify({ webhookEventId: event.id, providerEventType: event.type });
  const [{ confirmed }] = await ctx.db.$queryRaw<{ confirmed: number }[]>`
    WITH payment AS (
      SELECT id FROM payments
      WHERE id = ${paymentId}::uuid AND provider = ${provider} AND status = 'authorized' AND external_transaction_id = ${authorizationId}
      FOR UPDATE
    ), stored AS (
      INSERT INTO payment_webhooks (provider, event_type, external_id, payload, processed, processed_at, created_at)
      SELECT ${provider}, ${event.type}, ${event.id}, ${JSON.stringify(event)}::jsonb, true, ${processedAt}, ${now} FROM payment
      ON CONFLICT DO NOTHING
      RETURNING id
    ), noted AS (
      INSERT INTO payment_events (payment_id, event_type, event_data, created_at)
      SELECT payment.id, 'provider_confirmed', ${note}::jsonb, ${processedAt} FROM payment, stored
    )
    SELECT count(*)::int AS confirmed FROM stored`;
  return confirmed === 1;
}

export type ProcessOutcome = 'processed' | 'duplicate' | 'retry_later';

/** Applies a stored event's effect unless it already has been; also used to retry stored, unprocessed events. */
export function processWebhook(ctx: PaymentContext, externalId: string): Promise<ProcessOutcome> {
  const provider = ctx.provider.name;
  return inTransaction(
    ctx.db,
    async (tx) => {
      const [row] = await tx.$queryRaw<{ id: string; processed: boolean | null; eventType: string; payload: Prisma.JsonObject }[]>`
        SELECT id, processed, event_type AS "eventType", payload FROM payment_webhooks
        WHERE provider = ${provider} AND external_id = ${externalId} FOR UPDATE`;
      if (!row) throw new Error(`webhook ${externalId} is not stored`);
      if (row.processed) return 'duplicate';
      const effect = await applyWebhookEffect(ctx, tx, { id: externalId, type: row.eventType, data: (row.payload.data ?? {}) as Prisma.JsonObject });
      if (effect === 'retry_later') return 'retry_later';
      await tx.paymentWebhook.update({ where: { id: row.id }, data: { processed: true, processedAt: new Date() } });
      return 'processed';
    },
    ctx.settings.providerTimeoutMs,
  );
}

/**
 * Stored events still unprocessed (their effect failed, or had to wait) older than `minAgeMs`, oldest first:
 * processed now. Runs on an interval beside the provider's own redeliveries.
 */
export async function processPendingWebhooks(ctx: PaymentContext, minAgeMs: number, limit = 50): Promise<number> {
  const before = new Date(ctx.settings.now().getTime() - minAgeMs);
  const pending = await ctx.db.paymentWebhook.findMany({
    where: { provider: ctx.provider.name, processed: false, createdAt: { lte: before } },
    orderBy: { createdAt: 'asc' },
    take: limit,
    select: { externalId: true },
  });
  let processed = 0;
  for (const { externalId } of pending) {
    if (!externalId) continue;
    try {
      if ((await processWebhook(ctx, externalId)) === 'processed') processed += 1;
    } catch (error) {
      ctx.log.warn({ err: error, externalId }, 'stored webhook could not be processed yet');
    }
  }
  return processed;
}
