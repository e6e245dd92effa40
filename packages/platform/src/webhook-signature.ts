import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, for every provider that calls the shop back (payment's card processor, notification's
 * email-delivery events): `Shop-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + rawBody)>`.
 * The timestamp is inside the signed text, so an old request cannot be given a fresh timestamp; the tolerance
 * bounds how long a captured request can be replayed at all (and redeliveries inside it are deduplicated).
 */
export const SIGNATURE_HEADER = 'shop-signature';
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

export function signPayload(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return `t=${timestamp},v1=${signPayload(secret, timestamp, rawBody)}`;
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; problem: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/** Parses `t=…,v1=…` (several v1 values allowed, as during a secret rotation). */
function parseHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

export function verifySignature(
  header: string | undefined,
  rawBody: Buffer,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
): SignatureCheck {
  if (!header) return { ok: false, problem: 'missing' };
  if (header.length > 1024) return { ok: false, problem: 'malformed' };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, problem: 'malformed' };
  const expected = Buffer.from(signPayload(secret, parsed.timestamp, rawBody), 'hex');
  // Constant-time: how much of a guess matched must not show in the answer's timing.
  const matches = parsed.signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected));
  if (!matches) return { ok: false, problem: 'mismatch' };
  if (Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) return { ok: false, problem: 'stale' };
  return { ok: true, timestamp: parsed.timestamp };
}
