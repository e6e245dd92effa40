import { randomBytes } from 'node:crypto';
import { forbidden } from '@shop/platform';

/** A guest cart's session id: 32 random bytes, base64url (43 characters). Only this API makes them. */
export const newSessionId = (): string => randomBytes(32).toString('base64url');

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export const isSessionId = (value: string): boolean => SESSION_ID.test(value);

/** What the x-cart-session header said: nothing, a well-formed id (known or not), or something no id looks like. */
export type SessionHeader = { kind: 'none' } | { kind: 'valid'; id: string } | { kind: 'malformed' };

export function readSessionHeader(value: string | string[] | undefined): SessionHeader {
  if (value === undefined || value === '') return { kind: 'none' };
  if (typeof value !== 'string' || !isSessionId(value)) return { kind: 'malformed' };
  return { kind: 'valid', id: value };
}

/**
 * Only the shopper holding a guest session may merge it, once: a session already merged into another customer's
 * cart, or one holding another customer's cart, is refused (FORBIDDEN) and nothing changes.
 */
export function assertMayMerge(session: { mergedInto?: string; customerId?: string | null } | null, customerId: string): void {
  const owner = session?.mergedInto ?? session?.customerId ?? null;
  if (owner !== null && owner !== customerId) throw forbidden('This cart session belongs to another shopper.');
}
