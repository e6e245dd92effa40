/** The values order messages fill their templates with (templates/variables.ts names them). */
export interface OrderLine {
  sku: string;
  name: string;
  quantity: number;
  unitPrice: string;
  /** Older OrderPlaced events did not carry it: computed from quantity × unit price then. */
  lineTotal: string | null;
}

interface Summary {
  orderNumber: string;
  currency: string;
  total: { toFixed(places: number): string };
  items: unknown;
}

/** quantity × price in cents, as a decimal string: exact for the shop's two-place prices (never a float sum). */
export function lineTotal(quantity: number, unitPrice: string): string {
  const [whole, fraction = ''] = unitPrice.split('.');
  const cents = (BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2))) * BigInt(quantity);
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

export function orderValues(summary: Summary, shopUrl: string) {
  const lines = (summary.items as OrderLine[]).map((l) => ({ ...l, lineTotal: l.lineTotal ?? lineTotal(l.quantity, l.unitPrice) }));
  return {
    number: summary.orderNumber,
    total: summary.total.toFixed(2),
    currency: summary.currency,
    lines,
    url: `${shopUrl.replace(/\/$/, '')}/account/orders/${encodeURIComponent(summary.orderNumber)}`,
  };
}

const REASONS: Record<string, string> = {
  card_declined: 'The card was declined by the bank.',
  insufficient_funds: 'The card has insufficient funds.',
  authorization_expired: 'The payment authorization expired before it could be taken.',
  provider_timeout: 'The payment service did not answer in time.',
  processing_error: 'The payment could not be processed.',
};

/** A reason a shopper can read; never the provider's raw message. */
export const paymentReason = (code: string | null | undefined) => (code && REASONS[code]) || 'The payment could not be completed.';
