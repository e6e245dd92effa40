/** Money as the API sends it: a decimal string ("19.90") and an ISO 4217 currency. */
export interface MoneyValue {
  amount: string;
  currency: string;
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * "19.90" USD → "$19.90". Display only: Intl formats the decimal string itself (exact decimals, no float
 * arithmetic); never add or multiply amounts in the browser — the API answers totals.
 */
export function formatMoney(money: MoneyValue | null | undefined, locale?: string): string {
  if (!money) return '';
  const key = `${locale ?? ''}|${money.currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
    formatters.set(key, formatter);
  }
  // Intl.NumberFormat accepts decimal strings and formats them exactly (ES2023 Intl.NumberFormat v3).
  return formatter.format(money.amount as unknown as number);
}
