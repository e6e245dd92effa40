import type { DeclineReason } from '../domain/payment';

/**
 * The built-in test provider's documented card numbers (the same ones Stripe's test mode uses). Any expiry in
 * the future and any 3-digit CVC work (4 digits for American Express).
 *
 * | number              | authorization                                                          |
 * |---------------------|------------------------------------------------------------------------|
 * | 4242 4242 4242 4242 | succeeds                                                               |
 * | 4000 0000 0000 0002 | declined: card_declined                                                |
 * | 4000 0000 0000 9995 | declined: insufficient_funds                                           |
 * | 4000 0000 0000 0119 | declined: processing_error                                             |
 * | 4000 0000 0000 0259 | authorized at the provider, but the answer never arrives in time       |
 * |                     | → our side records provider_timeout and voids the hold                 |
 * | any other number    | succeeds if it passes the Luhn check; fails input validation otherwise |
 */
export type CardBehaviour = 'succeeds' | 'card_declined' | 'insufficient_funds' | 'processing_error' | 'times_out';

export const TEST_CARDS = {
  succeeds: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  processingError: '4000000000000119',
  timesOut: '4000000000000259',
} as const;

const BEHAVIOURS: Record<string, CardBehaviour> = {
  [TEST_CARDS.declined]: 'card_declined',
  [TEST_CARDS.insufficientFunds]: 'insufficient_funds',
  [TEST_CARDS.processingError]: 'processing_error',
  [TEST_CARDS.timesOut]: 'times_out',
};

export const behaviourOf = (digits: string): CardBehaviour => BEHAVIOURS[digits] ?? 'succeeds';

/** Short codes carried inside the token, so a token saved before a restart still behaves the same. */
const CODES: Record<CardBehaviour, string> = {
  succeeds: 'ok',
  card_declined: 'dc',
  insufficient_funds: 'nf',
  processing_error: 'pe',
  times_out: 'to',
};

export const tokenCode = (behaviour: CardBehaviour) => CODES[behaviour];

export function behaviourOfToken(token: string): CardBehaviour | null {
  const code = /^pm_test_([a-z]{2})_[0-9a-f]{24}$/.exec(token)?.[1];
  return (Object.keys(CODES) as CardBehaviour[]).find((b) => CODES[b] === code) ?? null;
}

export const declineMessages: Record<Exclude<DeclineReason, 'provider_timeout'>, string> = {
  card_declined: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  processing_error: 'An error occurred while processing your card. Try again in a little bit.',
  authorization_expired: 'The authorization for this payment has expired.',
};
