import { badUserInput, Decimal, notFound, shopError } from '@shop/platform';

/** One line of a cart as stored (Redis JSON and cart_items): the price is the catalog's when the line was added. */
export interface CartLineData {
  variantId: string;
  sku: string;
  quantity: number;
  /** Decimal string, two places: the unit price when the line was added. */
  price: string;
  addedAt: string;
  updatedAt: string;
}

export interface CartLimits {
  /** Units one line may hold (1 to this). */
  maxLineQuantity: number;
  /** Distinct variants one cart may hold. */
  maxLines: number;
}

export const DEFAULT_LIMITS: CartLimits = { maxLineQuantity: 99, maxLines: 100 };

/** What the catalog says about a variant (through the catalog port). */
export interface VariantInfo {
  id: string;
  productId: string;
  sku: string;
  productName: string;
  variantName: string | null;
  /** Decimal string. */
  price: string;
  currency: string;
  isActive: boolean;
  /** The catalog's product status: ACTIVE, DRAFT, INACTIVE, ARCHIVED. */
  productStatus: string;
}

/** A variant can go into a cart only while the catalog sells it: the variant is active and its product too. */
export const isSellable = (variant: VariantInfo | null | undefined): variant is VariantInfo =>
  !!variant && variant.isActive && variant.productStatus === 'ACTIVE';

export function assertLineQuantity(quantity: number, limits: CartLimits): void {
  if (Number.isInteger(quantity) && quantity >= 1 && quantity <= limits.maxLineQuantity) return;
  const message = `must be a whole number from 1 to ${limits.maxLineQuantity}`;
  throw badUserInput(`The quantity ${message}.`, [{ field: 'quantity', message }]);
}

/** The catalog hides variants of products it does not sell (archived, draft): to the cart they do not exist. */
export function assertSellable(variantId: string, variant: VariantInfo | null | undefined): VariantInfo {
  if (!variant) throw shopError('NOT_FOUND', 'This product is not for sale.', { variantId });
  if (!variant.isActive) throw badUserInput('This variant is no longer sold.', [{ field: 'variantId', message: 'variant is inactive' }]);
  if (variant.productStatus !== 'ACTIVE') throw badUserInput('This product is not for sale.', [{ field: 'variantId', message: 'product is not active' }]);
  return variant;
}

/** A line may hold no more than inventory can sell now. */
export function assertInStock(variantId: string, requested: number, available: number): void {
  if (requested <= available) return;
  const message = available <= 0 ? 'This item is out of stock.' : `Only ${available} of this item ${available === 1 ? 'is' : 'are'} available.`;
  throw shopError('OUT_OF_STOCK', message, { variantId, requested, available: Math.max(available, 0) });
}

export interface AddLine {
  variant: VariantInfo;
  quantity: number;
  available: number;
  now: Date;
}

/** Adds units to the variant's line (a new line keeps today's price), within the per-line cap, the line cap and stock. */
export function addLine(items: readonly CartLineData[], add: AddLine, limits: CartLimits): CartLineData[] {
  const { variant, quantity, now } = add;
  assertLineQuantity(quantity, limits);
  const existing = items.find((line) => line.variantId === variant.id);
  const total = (existing?.quantity ?? 0) + quantity;
  if (total > limits.maxLineQuantity) {
    const message = `at most ${limits.maxLineQuantity} per line; the cart already holds ${existing?.quantity ?? 0}`;
    throw badUserInput(`A cart line holds ${message}.`, [{ field: 'quantity', message }]);
  }
  if (!existing && items.length >= limits.maxLines) {
    throw badUserInput(`A cart holds at most ${limits.maxLines} different items.`, [{ field: 'variantId', message: 'cart is full' }]);
  }
  assertInStock(variant.id, total, add.available);
  const at = now.toISOString();
  if (existing) return items.map((line) => (line === existing ? { ...line, quantity: total, updatedAt: at } : line));
  return [...items, { variantId: variant.id, sku: variant.sku, quantity, price: priceText(variant.price), addedAt: at, updatedAt: at }];
}

/** Sets a line's quantity; the line keeps the price it was added at. */
export function changeLineQuantity(items: readonly CartLineData[], variantId: string, quantity: number, available: number, now: Date, limits: CartLimits): CartLineData[] {
  assertLineQuantity(quantity, limits);
  const existing = items.find((line) => line.variantId === variantId);
  if (!existing) throw notFound('This item in your cart');
  if (existing.quantity === quantity) return items as CartLineData[];
  assertInStock(variantId, quantity, available);
  return items.map((line) => (line === existing ? { ...line, quantity, updatedAt: now.toISOString() } : line));
}

/** Removing a line the cart does not hold changes nothing (a retried remove succeeds). */
export function removeLine(items: readonly CartLineData[], variantId: string): CartLineData[] {
  return items.some((line) => line.variantId === variantId) ? items.filter((line) => line.variantId !== variantId) : (items as CartLineData[]);
}

export interface MergeFacts {
  variants: ReadonlyMap<string, VariantInfo | null>;
  available: ReadonlyMap<string, number>;
  now: Date;
}

/**
 * The guest's lines go into the customer's cart: quantities summed, each line capped at the per-line maximum and
 * at the stock available. Merging only adds: a customer's own line never shrinks. Guest lines of variants no
 * longer sold, out of stock, or past the line cap are left behind.
 */
export function mergeLines(customer: readonly CartLineData[], guest: readonly CartLineData[], facts: MergeFacts, limits: CartLimits): CartLineData[] {
  const merged = customer.map((line) => ({ ...line }));
  const at = facts.now.toISOString();
  for (const line of guest) {
    const variant = facts.variants.get(line.variantId);
    if (!isSellable(variant)) continue;
    const cap = Math.min(limits.maxLineQuantity, Math.max(facts.available.get(line.variantId) ?? 0, 0));
    const own = merged.find((m) => m.variantId === line.variantId);
    if (own) {
      const quantity = Math.max(own.quantity, Math.min(own.quantity + line.quantity, cap));
      if (quantity !== own.quantity) Object.assign(own, { quantity, updatedAt: at });
      continue;
    }
    const quantity = Math.min(line.quantity, cap);
    if (quantity < 1 || merged.length >= limits.maxLines) continue;
    // The guest's line keeps the price it was added at.
    merged.push({ ...line, quantity, updatedAt: at });
  }
  return merged;
}

export interface PricedLine {
  line: CartLineData;
  variant: VariantInfo;
  unitPrice: Decimal;
  currentUnitPrice: Decimal;
  priceChanged: boolean;
  lineTotal: Decimal;
}

export interface PricedCart {
  lines: PricedLine[];
  itemCount: number;
  subtotal: Decimal;
  currency: string;
}

/** The cart at current catalog prices; lines whose variant is no longer sold are left out of lines and totals. */
export function priceCart(items: readonly CartLineData[], variants: ReadonlyMap<string, VariantInfo | null>, fallbackCurrency: string): PricedCart {
  const lines: PricedLine[] = [];
  for (const line of items) {
    const variant = variants.get(line.variantId);
    if (!isSellable(variant)) continue;
    const unitPrice = new Decimal(line.price);
    const currentUnitPrice = new Decimal(variant.price);
    lines.push({ line, variant, unitPrice, currentUnitPrice, priceChanged: !unitPrice.equals(currentUnitPrice), lineTotal: currentUnitPrice.times(line.quantity) });
  }
  return {
    lines,
    itemCount: lines.reduce((sum, l) => sum + l.line.quantity, 0),
    subtotal: lines.reduce((sum, l) => sum.plus(l.lineTotal), new Decimal(0)),
    currency: lines[0]?.variant.currency ?? fallbackCurrency,
  };
}

/** The totals stored with a cart (seed: `totals`), at the prices the lines were added at. */
export function storedTotals(items: readonly CartLineData[]): { subtotal: string; itemCount: number } {
  return {
    subtotal: items.reduce((sum, l) => sum.plus(new Decimal(l.price).times(l.quantity)), new Decimal(0)).toFixed(2),
    itemCount: items.reduce((sum, l) => sum + l.quantity, 0),
  };
}

const priceText = (price: string) => new Decimal(price).toFixed(2);

/** Emptying an empty cart changes nothing. */
export const clearLines = (items: readonly CartLineData[]): CartLineData[] => (items.length === 0 ? (items as CartLineData[]) : []);
