/** Sums decimal money strings in minor units (integers), so no float ever touches an amount. */
export function sumMoney(amounts: Array<{ amount: string; currency: string }>): { amount: string; currency: string } | null {
  if (amounts.length === 0) return null;
  const currency = amounts[0].currency;
  let cents = 0n;
  for (const { amount } of amounts) cents += toCents(amount);
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return { amount: `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`, currency };
}

function toCents(amount: string): bigint {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const cents = BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
  return negative ? -cents : cents;
}
