import { badUserInput, Decimal } from '@shop/platform';

/**
 * Order pricing as plain functions of decimals: subtotal − discounts + shipping + tax = total, every amount
 * rounded half-up to cents. Shipping and tax are pluggable rules; the shop configures the two below to start.
 */
export interface PriceableLine {
  unitPrice: string;
  quantity: number;
}

export interface ShippingQuote {
  subtotal: Decimal;
  /** Subtotal after discounts: what free-shipping thresholds look at. */
  merchandise: Decimal;
  countryCode: string;
  method: string | null;
}
export type ShippingRule = (quote: ShippingQuote) => Decimal;

export interface TaxQuote {
  /** Subtotal after discounts. */
  taxable: Decimal;
  countryCode: string;
}
export type TaxRule = (quote: TaxQuote) => Decimal;

/** A discount to apply, in order. Loyalty points arrive here as a fixed amount already converted to money. */
export interface DiscountSpec {
  type: 'coupon' | 'promotion' | 'loyalty';
  code: string | null;
  name: string;
  kind: 'percentage' | 'fixed';
  /** Percent (e.g. "10") or money ("5.00"). */
  value: string;
  /** When the discount would be cut down to fit the order, refuse instead (loyalty points must not be wasted). */
  wholeOrNothing?: boolean;
}

export interface AppliedDiscount extends Omit<DiscountSpec, 'wholeOrNothing'> {
  amount: string;
}

export interface OrderPrice {
  lines: { lineTotal: string }[];
  subtotal: string;
  discount: string;
  shipping: string;
  tax: string;
  total: string;
  discounts: AppliedDiscount[];
}

export interface PricingRules {
  shipping: ShippingRule;
  tax: TaxRule;
  discounts?: DiscountSpec[];
  countryCode: string;
  shippingMethod?: string | null;
}

/** DECIMAL(10,2) holds at most this much. */
export const MAX_AMOUNT = new Decimal('99999999.99');
const ZERO = new Decimal(0);

export const cents = (value: Decimal.Value) => new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

export function priceOrder(lines: PriceableLine[], rules: PricingRules): OrderPrice {
  if (lines.length === 0) throw badUserInput('An order needs at least one line.', [{ field: 'lines', message: 'is empty' }]);
  const lineTotals = lines.map((line, i) => {
    const unit = new Decimal(line.unitPrice);
    if (unit.isNegative() || !Number.isInteger(line.quantity) || line.quantity < 1) {
      throw badUserInput('Every line needs a price of at least 0 and a quantity of at least 1.', [{ field: `lines.${i}`, message: 'invalid price or quantity' }]);
    }
    return cents(unit.times(line.quantity));
  });
  const subtotal = lineTotals.reduce((sum, t) => sum.plus(t), ZERO);
  let remaining = subtotal;
  const applied: AppliedDiscount[] = [];
  for (const spec of rules.discounts ?? []) {
    const wanted = discountAmount(spec, subtotal);
    const amount = Decimal.min(wanted, remaining);
    if (spec.wholeOrNothing && amount.lessThan(wanted)) {
      throw badUserInput(`The ${spec.name} (${wanted.toFixed(2)}) is more than the ${remaining.toFixed(2)} left to pay for the goods.`, [
        { field: spec.type === 'loyalty' ? 'loyaltyPoints' : 'discountCode', message: 'is more than the order' },
      ]);
    }
    if (amount.isZero()) continue;
    remaining = remaining.minus(amount);
    const { wholeOrNothing: _ignored, ...rest } = spec;
    applied.push({ ...rest, amount: amount.toFixed(2) });
  }
  const discount = subtotal.minus(remaining);
  const shipping = cents(rules.shipping({ subtotal, merchandise: remaining, countryCode: rules.countryCode, method: rules.shippingMethod ?? null }));
  const tax = cents(rules.tax({ taxable: remaining, countryCode: rules.countryCode }));
  if (shipping.isNegative() || tax.isNegative()) throw new Error('Shipping and tax rules must not return negative amounts');
  const total = remaining.plus(shipping).plus(tax);
  if (total.greaterThan(MAX_AMOUNT)) {
    throw badUserInput(`An order can total at most ${MAX_AMOUNT.toFixed(2)}.`, [{ field: 'lines', message: 'order is too large' }]);
  }
  return {
    lines: lineTotals.map((t) => ({ lineTotal: t.toFixed(2) })),
    subtotal: subtotal.toFixed(2),
    discount: discount.toFixed(2),
    shipping: shipping.toFixed(2),
    tax: tax.toFixed(2),
    total: total.toFixed(2),
    discounts: applied,
  };
}

function discountAmount(spec: DiscountSpec, subtotal: Decimal): Decimal {
  const value = new Decimal(spec.value);
  if (value.isNegative()) throw new Error(`A discount cannot be negative (${spec.name})`);
  return spec.kind === 'percentage' ? cents(subtotal.times(value).dividedBy(100)) : cents(value);
}

/** Flat-rate shipping, free from a threshold of discounted merchandise (e.g. 5.99, free from 100.00). */
export function flatRateShipping(settings: { rate: string; freeFrom: string | null }): ShippingRule {
  const rate = cents(settings.rate);
  const freeFrom = settings.freeFrom === null ? null : new Decimal(settings.freeFrom);
  return ({ merchandise }) => (freeFrom !== null && merchandise.greaterThanOrEqualTo(freeFrom) ? ZERO : rate);
}

/** A percentage of the discounted merchandise by destination country (ISO 3166-1 alpha-2), else a fallback. */
export function taxByCountry(settings: { rates: Record<string, string>; fallback: string }): TaxRule {
  const rates = new Map(Object.entries(settings.rates).map(([country, rate]) => [country.toUpperCase(), new Decimal(rate)]));
  const fallback = new Decimal(settings.fallback);
  return ({ taxable, countryCode }) => cents(taxable.times(rates.get(countryCode.toUpperCase()) ?? fallback).dividedBy(100));
}

/**
 * Parses "US:8.25,DE:19,GB:20" (ORDER_TAX_RATES) into rates by country; null with a reason when malformed.
 */
export function parseTaxRates(text: string): Record<string, string> | { error: string } {
  const rates: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([A-Za-z]{2}):(\d{1,2}(\.\d{1,3})?|100)$/.exec(part);
    if (!match) return { error: `"${part}" is not COUNTRY:PERCENT like DE:19` };
    rates[match[1].toUpperCase()] = match[2];
  }
  return rates;
}
