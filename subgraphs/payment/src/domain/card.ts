import { z } from 'zod';

/**
 * Card details as a shopper types them. They live only in the request that carries them: validated here,
 * handed to the provider, never stored or logged. Messages name the field, never echo the value.
 */
export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'unknown';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export function brandOf(digits: string): CardBrand {
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if (digits.startsWith('4')) return 'visa';
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  if (digits.startsWith('6011') || digits.startsWith('65') || (Number(digits.slice(0, 3)) >= 644 && Number(digits.slice(0, 3)) <= 649)) return 'discover';
  if (two === 36 || two === 38 || (Number(digits.slice(0, 3)) >= 300 && Number(digits.slice(0, 3)) <= 305)) return 'diners';
  if (four >= 3528 && four <= 3589) return 'jcb';
  if (two === 62) return 'unionpay';
  return 'unknown';
}

/** A card is usable through the last day of its expiry month. */
export function cardExpired(expMonth: number, expYear: number, now: Date): boolean {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  return expYear < year || (expYear === year && expMonth < month);
}

export function displayName(brand: CardBrand, lastFour: string): string {
  const label = brand === 'unknown' ? 'Card' : brand === 'amex' ? 'American Express' : brand[0].toUpperCase() + brand.slice(1);
  return `${label} •••• ${lastFour}`;
}

/** Spaces and dashes as people type them are fine; anything else is not a card number. */
const cardNumber = z
  .string()
  .max(30, 'must be 12 to 19 digits')
  .transform((v) => v.replace(/[\s-]/g, ''))
  .refine((v) => /^\d{12,19}$/.test(v), 'must be 12 to 19 digits')
  .refine((v) => luhnValid(v), 'is not a valid card number');

export const cardInput = (now: () => Date) =>
  z
    .object({
      number: cardNumber,
      expMonth: z.number().int('must be a whole number').min(1, 'must be 1 to 12').max(12, 'must be 1 to 12'),
      expYear: z.number().int('must be a whole number').min(2000, 'must be a four-digit year').max(2100, 'must be a four-digit year'),
      cvc: z.string().max(4, 'must be 3 or 4 digits').regex(/^\d{3,4}$/, 'must be 3 or 4 digits'),
      holderName: z.string().trim().max(100, 'must be at most 100 characters').nullish(),
    })
    .superRefine((card, ctx) => {
      if (cardExpired(card.expMonth, card.expYear, now())) ctx.addIssue({ code: 'custom', path: ['expYear'], message: 'the card has expired' });
      if (card.expYear > now().getUTCFullYear() + 20) ctx.addIssue({ code: 'custom', path: ['expYear'], message: 'is too far in the future' });
    });

export type CardInput = z.infer<ReturnType<typeof cardInput>>;
