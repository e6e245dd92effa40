import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The unsubscribe link in marketing email works without signing in: its token names the customer and the
 * category and is signed with the context's secret (HMAC-SHA256), so nobody can unsubscribe someone else. It does
 * not expire: a link in an old email must still work (RFC 8058 one-click).
 */
export type UnsubscribeCategory = 'marketing';

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(`unsubscribe.${payload}`).digest('base64url');

export function unsubscribeToken(secret: string, customerId: string, category: UnsubscribeCategory = 'marketing'): string {
  const payload = Buffer.from(JSON.stringify({ c: customerId, k: category })).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

export function readUnsubscribeToken(secret: string, token: string): { customerId: string; category: UnsubscribeCategory } | null {
  if (token.length > 512) return null;
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length) return null;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const { c, k } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { c?: unknown; k?: unknown };
    if (typeof c !== 'string' || !/^[0-9a-f-]{36}$/.test(c) || k !== 'marketing') return null;
    return { customerId: c, category: k };
  } catch {
    return null;
  }
}
