import type { InventoryContext } from '../context';
import { isSellable } from '../domain/stock';
import type { InventoryItem as ItemRow } from '../generated/prisma/client';
import { ledgerOf } from '../services/ledger';
import type {
  InventoryItemResolvers, InventoryTransactionResolvers, InventoryTransactionType, InventoryTransactionTypeResolvers, LowStockAlertResolvers, LowStockAlertType,
  LowStockAlertTypeResolvers,
  ReconciliationMismatchResolvers, ReorderSuggestionResolvers, StockAdjustmentLineResolvers, StockAdjustmentResolvers,
  StockAdjustmentStatus, StockAdjustmentStatusResolvers, StockReservationResolvers, StockReservationStatusResolvers,
} from './types.generated';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** The item a line, alert or mismatch names: their inventory_item_id references inventory_items, so it exists. */
async function itemOf(ctx: InventoryContext, id: string): Promise<ItemRow> {
  const item = await ctx.loaders.item.load(id);
  if (!item) throw new Error(`Inventory item ${id} not found`);
  return item;
}

/** Staff-facing types: the seed's nullable columns with their defaults, and links back into the graph. */
export const InventoryItem: InventoryItemResolvers = {
  variant: (i) => ({ id: i.productVariantId }),
  product: (i) => ({ id: i.productId }),
  lastRestockedAt: (i) => iso(i.lastRestockedAt),
  createdAt: (i) => iso(i.createdAt),
  updatedAt: (i) => iso(i.updatedAt),
  version: (i) => Number(i.version ?? 1),
  sellable: (i) => isSellable(i),
  ledger: (i, args, ctx) => ledgerOf(ctx, i.id, args),
};

export const InventoryTransaction: InventoryTransactionResolvers = {
  // The columns' CHECKs hold exactly the enums' internal values.
  type: (t) => t.transactionType as InventoryTransactionType,
  createdAt: (t) => iso(t.createdAt),
};

export const StockReservation: StockReservationResolvers = {
  variant: (r) => ({ id: r.variantId }),
  expiresAt: (r) => r.expiresAt.toISOString(),
  createdAt: (r) => iso(r.createdAt),
};

export const StockAdjustment: StockAdjustmentResolvers = {
  status: (a) => (a.status ?? 'pending') as StockAdjustmentStatus,
  approvedAt: (a) => iso(a.approvedAt),
  rejectedAt: (a) => iso(a.rejectedAt),
  createdAt: (a) => iso(a.createdAt),
  lines: (a, _, ctx) => ctx.loaders.adjustmentLines.load(a.id),
};

export const StockAdjustmentLine: StockAdjustmentLineResolvers = {
  item: (l, _, ctx) => itemOf(ctx, l.inventoryItemId),
  difference: (l) => l.quantityDifference,
};

export const LowStockAlert: LowStockAlertResolvers = {
  item: (a, _, ctx) => itemOf(ctx, a.inventoryItemId),
  type: (a) => a.alertType as LowStockAlertType,
  acknowledged: (a) => a.isAcknowledged ?? false,
  acknowledgedAt: (a) => iso(a.acknowledgedAt),
  createdAt: (a) => iso(a.createdAt),
};

export const ReorderSuggestion: ReorderSuggestionResolvers = {
  item: (i) => i,
  reorderPoint: (i) => i.reorderPoint ?? 0,
  reorderQuantity: (i) => i.reorderQuantity ?? 0,
};

export const ReconciliationMismatch: ReconciliationMismatchResolvers = {
  item: (m, _, ctx) => itemOf(ctx, m.itemId),
};

/** GraphQL enum names ↔ the seed's lowercase column values, mapped once here instead of in every service. */
export const enums: {
  InventoryTransactionType: InventoryTransactionTypeResolvers;
  StockReservationStatus: StockReservationStatusResolvers;
  StockAdjustmentStatus: StockAdjustmentStatusResolvers;
  LowStockAlertType: LowStockAlertTypeResolvers;
} = {
  InventoryTransactionType: {
    RESTOCK: 'restock', SALE: 'sale', ADJUSTMENT: 'adjustment', RESERVATION: 'reservation', RELEASE: 'release', COMMIT: 'commit', EXPIRY: 'expiry', RETURN: 'return',
  },
  StockReservationStatus: { ACTIVE: 'active', COMMITTED: 'committed', RELEASED: 'released', EXPIRED: 'expired', FULFILLED: 'fulfilled' },
  StockAdjustmentStatus: { PENDING: 'pending', APPROVED: 'approved', REJECTED: 'rejected' },
  LowStockAlertType: { LOW_STOCK: 'low_stock', OUT_OF_STOCK: 'out_of_stock' },
};
