import { SIGNATURE_HEADER, signatureHeader } from '@shop/platform';
import { SendFailed, type SendResult, type ShortMessage, type ShortMessageChannel } from './port';

export interface WebhookShortMessageOptions {
  /** The provider's endpoint (an SMS gateway or a push service, or a small relay in front of one). */
  url: string;
  /** Shared with the provider, who checks the signature with it. */
  secret: string;
  provider: 'webhook-sms' | 'webhook-push';
  /** The whole request, from connecting to the last byte of the answer (default 10 s). */
  timeoutMs?: number;
}

/**
 * The request a provider receives, one per message:
 *
 *   POST <url>
 *   Content-Type: application/json
 *   Idempotency-Key: <notification id>        the same on every retry of one message: send it once
 *   Shop-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>." + raw body)>
 *
 *   { "id": "<notification id>", "channel": "sms" | "push", "to": "+4915112345678" | "<customer id>",
 *     "title": "Your order is on its way" (push only), "text": "…", "sentAt": "2026-11-30T15:00:00.000Z" }
 *
 * The signature is the shop's webhook signature (@shop/platform webhook-signature.ts, as payment's provider
 * callbacks use): recompute the HMAC over the raw body, compare in constant time, refuse a timestamp older than 5 minutes.
 * The provider answers 2xx when it has taken the message, optionally with `{ "id": "<its message id>" }`, kept for
 * delivery reports. 4xx means the message itself is refused (bad number, unknown device) and is not retried, except
 * 408 and 429; 5xx, timeouts and connection failures are retried with backoff.
 */
const RETRYABLE_CLIENT_ERRORS = new Set([408, 429]);

async function providerMessageId(response: Response): Promise<string | null> {
  try {
    const body = (await response.json()) as { id?: unknown };
    return typeof body?.id === 'string' && body.id.length <= 100 ? body.id : null;
  } catch {
    return null; // an empty or non-JSON answer is fine: the provider took the message
  }
}

/** SMS or push through a provider's webhook: a signed JSON POST per message. */
export function webhookShortMessageChannel(options: WebhookShortMessageOptions): ShortMessageChannel {
  const channel = options.provider === 'webhook-sms' ? 'sms' : 'push';
  const timeout = options.timeoutMs ?? 10_000;

  return {
    provider: options.provider,
    async send(message: ShortMessage): Promise<SendResult> {
      const body = JSON.stringify({
        id: message.notificationId,
        channel,
        to: message.to,
        ...(channel === 'push' && message.title ? { title: message.title } : {}),
        text: message.text,
        sentAt: new Date().toISOString(),
      });
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': message.notificationId,
            [SIGNATURE_HEADER]: signatureHeader(options.secret, Math.floor(Date.now() / 1000), body),
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeout),
        });
      } catch (error) {
        // fetch's errors come from undici's realm: compare the name, not the class.
        const reason = (error as { name?: string })?.name === 'TimeoutError' ? `no answer within ${timeout} ms` : String(error);
        throw new SendFailed(`${options.provider}: ${reason}`, false);
      }
      if (response.ok) return { provider: options.provider, providerMessageId: await providerMessageId(response) };
      const detail = (await response.text().catch(() => '')).slice(0, 300);
      const permanent = response.status >= 400 && response.status < 500 && !RETRYABLE_CLIENT_ERRORS.has(response.status);
      throw new SendFailed(`${options.provider}: HTTP ${response.status}${detail ? ` ${detail}` : ''}`, permanent);
    },
    async close(): Promise<void> {},
  };
}
