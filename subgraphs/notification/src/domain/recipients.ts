import { createHash } from 'node:crypto';
import { emailAddress } from '@shop/platform';
import { z } from 'zod';

/**
 * Someone without a customer account (a guest's order, a staff address from the configuration) still needs a
 * recipient_id (NOT NULL, UUID): a name-based UUID (version 5 layout, SHA-1) of the lower-cased address, so the same
 * address is always the same recipient and the one-message-per-event key holds for them too.
 */
export function addressRecipientId(address: string): string {
  const hex = createHash('sha1').update('shop-notification-recipient:').update(address.trim().toLowerCase()).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** E.164: a plus, then 8 to 15 digits (the column holds 20). Spaces, dots, dashes and brackets are dropped first. */
export const phoneNumber = z
  .string()
  .max(40, 'is too long')
  .transform((v) => v.replace(/[\s().-]/g, ''))
  .pipe(z.string().regex(/^\+[1-9]\d{7,14}$/, 'must be an international number like +14155550123'));

/** The phone as an SMS can use it, or null (a customer may have typed anything into their profile). */
export function smsNumber(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const parsed = phoneNumber.safeParse(phone);
  return parsed.success ? parsed.data : null;
}

export function validEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const parsed = emailAddress.safeParse(email);
  return parsed.success ? parsed.data : null;
}
