/**
 * The three quantities of an inventory item and how each kind of movement changes them. Plain data and
 * functions: no GraphQL, no database.
 *
 *   available  sellable now
 *   reserved   held for orders in progress (checkout)
 *   committed  allocated to confirmed orders, waiting to ship
 */
export interface Quantities {
  available: number;
  reserved: number;
  committed: number;
}

/** Ledger transaction types (inventory_transactions.transaction_type, VARCHAR(20)). */
export type MovementType = 'restock' | 'sale' | 'adjustment' | 'reservation' | 'release' | 'commit' | 'expiry' | 'return';

export const MOVEMENT_TYPES: readonly MovementType[] = ['restock', 'sale', 'adjustment', 'reservation', 'release', 'commit', 'expiry', 'return'];

/** Largest quantity one line, restock or count may name; anything above is a typo, not a delivery. */
export const MAX_LINE_QUANTITY = 1_000_000;

/**
 * What a movement of `n` units does to each quantity. The ledger stores exactly these three numbers per row
 * (quantity_change → available, reserved_change → reserved, committed_change → committed), so summing the
 * ledger of an item gives back its quantities.
 *
 *   reserve  available → reserved        commit  reserved → committed      fulfil (sale)  committed → gone
 *   release  reserved → available        expiry  reserved → available      restock        → available
 *   return   committed → available (a confirmed order cancelled before it shipped)
 *   adjustment: available changes by n (signed: a count found more or fewer than the books say)
 */
export function movement(type: MovementType, n: number): Quantities {
  switch (type) {
    case 'restock':
    case 'adjustment':
      return { available: n, reserved: 0, committed: 0 };
    case 'reservation':
      return { available: -n, reserved: n, committed: 0 };
    case 'release':
    case 'expiry':
      return { available: n, reserved: -n, committed: 0 };
    case 'commit':
      return { available: 0, reserved: -n, committed: n };
    case 'sale':
      return { available: 0, reserved: 0, committed: -n };
    case 'return':
      return { available: n, reserved: 0, committed: -n };
  }
}

export function apply(quantities: Quantities, change: Quantities): Quantities {
  return {
    available: quantities.available + change.available,
    reserved: quantities.reserved + change.reserved,
    committed: quantities.committed + change.committed,
  };
}

export type AlertType = 'low_stock' | 'out_of_stock';

/**
 * The alert a change of sellable stock from `before` to `after` raises, if any: reaching zero is out_of_stock;
 * falling from above the threshold to at or below it is low_stock. Only a crossing raises an alert, so an item
 * sitting below its threshold does not raise one on every sale. A null threshold means "no low-stock alerts".
 * services/alert-sql.ts states the same rule in SQL, for writes that happen inside one statement.
 */
export function alertFor(before: number, after: number, threshold: number | null): AlertType | null {
  if (after >= before) return null;
  if (after === 0) return 'out_of_stock';
  if (threshold !== null && before > threshold && after <= threshold) return 'low_stock';
  return null;
}

export interface VariantAvailability {
  inStock: boolean;
  quantityAvailable: number;
  lowStock: boolean;
}

/** An item the catalog archived (the variant or its product) is no longer sold, whatever is on the shelf. */
export function isSellable(item: { variantArchived?: boolean; productArchived?: boolean }): boolean {
  return !item.variantArchived && !item.productArchived;
}

/** What the storefront sees for a variant. No inventory item, or an archived one, means nothing to sell. */
export function variantAvailability(
  item: { quantityAvailable: number; lowStockThreshold: number | null; variantArchived?: boolean; productArchived?: boolean } | null,
): VariantAvailability {
  if (!item || !isSellable(item)) return { inStock: false, quantityAvailable: 0, lowStock: false };
  const quantityAvailable = item.quantityAvailable;
  return {
    inStock: quantityAvailable > 0,
    quantityAvailable,
    lowStock: item.lowStockThreshold !== null && quantityAvailable <= item.lowStockThreshold,
  };
}

export function productAvailability(totalAvailable: number): { inStock: boolean; totalAvailable: number } {
  return { inStock: totalAvailable > 0, totalAvailable };
}
