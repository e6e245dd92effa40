import type { Logger } from '@shop/platform';
import { SendFailed, type Channel, type Channels, type SendResult } from '../channels/port';
import { inTransaction, type NotificationDb, type NotificationTx } from '../db';
import { afterFailure, retryDelayMs } from '../domain/retry';
import type { Notification } from '../generated/prisma/client';
import { addressFor } from './queue';

export interface SendingSettings {
  /** How often the worker looks for due messages when it found none. */
  pollMs: number;
  /** Messages claimed (and sent concurrently) per transaction. */
  batchSize: number;
  /** First retry after about this long, doubling per failure (±20 % jitter), at most `backoffMaxMs`. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A send that takes longer counts as a failed attempt (retried). */
  sendTimeoutMs: number;
}

export const DEFAULT_SENDING: SendingSettings = { pollMs: 500, batchSize: 20, backoffBaseMs: 30_000, backoffMaxMs: 3_600_000, sendTimeoutMs: 30_000 };

export interface SendingDeps {
  db: NotificationDb;
  channels: Channels;
  log: Logger;
  now: () => Date;
}

type Attempt = { outcome: 'sent'; result: SendResult } | { outcome: 'failed' | 'skipped'; permanent: boolean; reason: string };

/**
 * One pass of the sending worker: claims up to `batchSize` due messages with FOR UPDATE SKIP LOCKED (another
 * replica's pass takes other rows, so each message is sent by one worker), sends them concurrently while holding
 * their locks, and records each outcome in the same transaction. A crash after a send and before the commit sends
 * that message again (SMTP cannot be made exactly-once); a duplicate is better than a lost receipt.
 * Returns how many messages it handled.
 */
export async function sendDueMessages(deps: SendingDeps, settings: SendingSettings): Promise<number> {
  return inTransaction(
    deps.db,
    async (tx) => {
      const now = deps.now();
      const claimed = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM notifications
        WHERE status = 'pending' AND retry_count < max_retries AND next_retry_at <= ${now}::timestamp
        ORDER BY next_retry_at
        LIMIT ${settings.batchSize}
        FOR UPDATE SKIP LOCKED`;
      if (!claimed.length) return 0;
      const rows = await tx.notification.findMany({ where: { id: { in: claimed.map((c) => c.id) } } });
      const undeliverable = await undeliverableAddresses(tx, rows);
      const attempts = await Promise.all(rows.map((row) => attempt(deps, settings, row, undeliverable)));
      const at = deps.now();
      await recordSent(tx, rows.filter((_, i) => attempts[i].outcome === 'sent'), attempts.filter((a) => a.outcome === 'sent'), at);
      for (const [i, row] of rows.entries()) {
        const outcome = attempts[i];
        if (outcome.outcome !== 'sent') await recordFailure(tx, deps, settings, row, outcome, at);
      }
      return rows.length;
    },
    settings.sendTimeoutMs,
  );
}

/** Addresses a bounce marked undeliverable (contacts.email_undeliverable_at), among this batch's email recipients. */
async function undeliverableAddresses(tx: NotificationTx, rows: Notification[]): Promise<Map<string, Date>> {
  const emails = [...new Set(rows.filter((r) => r.channel === 'email' && r.recipientEmail).map((r) => r.recipientEmail!))];
  if (!emails.length) return new Map();
  const contacts = await tx.contact.findMany({ where: { email: { in: emails }, emailUndeliverableAt: { not: null } }, select: { email: true, emailUndeliverableAt: true } });
  return new Map(contacts.map((c) => [c.email, c.emailUndeliverableAt!]));
}

async function attempt(deps: SendingDeps, settings: SendingSettings, row: Notification, undeliverable: Map<string, Date>): Promise<Attempt> {
  const channel = row.channel as Channel;
  const to = addressFor(channel, row);
  if (!to) return { outcome: 'skipped', permanent: true, reason: `no ${channel === 'sms' ? 'phone number' : 'address'} to send to` };
  const bounced = channel === 'email' ? undeliverable.get(to) : undefined;
  if (bounced) return { outcome: 'skipped', permanent: true, reason: `address undeliverable: it bounced on ${bounced.toISOString()}` };
  try {
    const result = await withTimeout(send(deps.channels, channel, row, to), settings.sendTimeoutMs);
    return { outcome: 'sent', result };
  } catch (error) {
    const permanent = error instanceof SendFailed && error.permanent;
    const reason = error instanceof Error ? error.message : String(error);
    if (!(error instanceof SendFailed)) deps.log.warn({ err: error, notificationId: row.id }, 'channel failed unexpectedly; retried');
    return { outcome: 'failed', permanent, reason: reason.slice(0, 1000) };
  }
}

function send(channels: Channels, channel: Channel, row: Notification, to: string): Promise<SendResult> {
  if (channel === 'email') {
    const headers = (row.metadata as { headers?: Record<string, string> } | null)?.headers;
    return channels.email.send({ notificationId: row.id, to, subject: row.subject ?? '', html: row.content, text: row.textContent ?? '', headers });
  }
  return channels[channel].send({ notificationId: row.id, to, title: row.subject ?? undefined, text: row.content });
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendFailed(`no answer from the channel within ${ms} ms`, false)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The batch's sent messages in three statements, whatever their number: the worker's hot path. */
async function recordSent(tx: NotificationTx, rows: Notification[], results: Extract<Attempt, { outcome: 'sent' }>[], at: Date): Promise<void> {
  if (!rows.length) return;
  await tx.notificationAttempt.createMany({ data: rows.map((row) => ({ notificationId: row.id, attemptedAt: at, outcome: 'sent' })) });
  await tx.notification.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { status: 'sent', sentAt: at, failureReason: null, nextRetryAt: null } });
  const emails = rows.flatMap((row, i) =>
    row.channel === 'email'
      ? [{ notificationId: row.id, eventType: 'sent', provider: results[i].result.provider, externalMessageId: results[i].result.providerMessageId?.slice(0, 100) ?? null, createdAt: at }]
      : [],
  );
  if (emails.length) await tx.emailEvent.createMany({ data: emails });
}

async function recordFailure(tx: NotificationTx, deps: SendingDeps, settings: SendingSettings, row: Notification, outcome: Exclude<Attempt, { outcome: 'sent' }>, at: Date): Promise<void> {
  await tx.notificationAttempt.create({ data: { notificationId: row.id, attemptedAt: at, outcome: outcome.outcome, error: outcome.reason } });
  const next = afterFailure(row.retryCount ?? 0, row.maxRetries ?? 1, outcome.permanent);
  await tx.notification.update({
    where: { id: row.id },
    data: next.final
      ? { status: 'failed', retryCount: next.retryCount, failureReason: outcome.reason, nextRetryAt: null }
      : { retryCount: next.retryCount, failureReason: outcome.reason, nextRetryAt: new Date(at.getTime() + retryDelayMs(next.retryCount, settings.backoffBaseMs, settings.backoffMaxMs)) },
  });
  if (next.final) deps.log.warn({ notificationId: row.id, reason: outcome.reason }, 'message failed for good; staff can resend it');
}

/** The worker: passes back to back while there is work, else every `pollMs`. Safe as N replicas (SKIP LOCKED). */
export function startSendingWorker(deps: SendingDeps, settings: SendingSettings): { stop(): Promise<void>; wake(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> = Promise.resolve();
  let failures = 0;
  const run = () => {
    timer = undefined;
    pass = (async () => {
      try {
        while (!stopped && (await sendDueMessages(deps, settings)) === settings.batchSize);
        failures = 0;
      } catch (error) {
        failures += 1;
        deps.log.error({ err: error, failures }, 'sending pass failed; trying again');
      }
      // The database unreachable: wait longer each time (up to 10 s) instead of failing every poll.
      if (!stopped) timer = setTimeout(run, Math.min(10_000, settings.pollMs * 2 ** failures));
    })();
  };
  timer = setTimeout(run, 0);
  return {
    wake() {
      if (timer && !stopped) {
        clearTimeout(timer);
        run();
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await pass;
    },
  };
}
