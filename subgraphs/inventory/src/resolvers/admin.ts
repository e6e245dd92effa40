import type { PageArgs } from '@shop/platform';
import type { InventoryContext } from '../context';
import type {
  InventoryItem as ItemRow, InventoryTransaction as TransactionRow, LowStockAlert as AlertRow, StockAdjustment as AdjustmentRow,
  StockAdjustmentItem as AdjustmentLineRow,
} from '../generated/prisma/client';
import { isSellable } from '../domain/stock';
import { ledgerOf } from '../services/ledger';
import type { Mismatch } from '../services/ledger';
import type { Reservation } from '../services/reservations';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** Staff-facing types: the seed's nullable columns with their defaults, and links back into the graph. */
export const InventoryItem = {
  variant: (i: ItemRow) => ({ id: i.productVariantId }),
  product: (i: ItemRow) => ({ id: i.productId }),
  lastRestockedAt: (i: ItemRow) => iso(i.lastRestockedAt),
  createdAt: (i: ItemRow) => iso(i.createdAt),
  updatedAt: (i: ItemRow) => iso(i.updatedAt),
  version: (i: ItemRow) => Number(i.version ?? 1),
  sellable: (i: ItemRow) => isSellable(i),
  ledger: (i: ItemRow, args: PageArgs, ctx: InventoryContext) => ledgerOf(ctx, i.id, args),
};

export const InventoryTransaction = {
  type: (t: TransactionRow) => t.transactionType,
  createdAt: (t: TransactionRow) => iso(t.createdAt),
};

export const StockReservation = {
  variant: (r: Reservation) => ({ id: r.variantId }),
  expiresAt: (r: Reservation) => r.expiresAt.toISOString(),
  createdAt: (r: Reservation) => iso(r.createdAt),
};

export const StockAdjustment = {
  status: (a: AdjustmentRow) => a.status ?? 'pending',
  approvedAt: (a: AdjustmentRow) => iso(a.approvedAt),
  rejectedAt: (a: AdjustmentRow) => iso(a.rejectedAt),
  createdAt: (a: AdjustmentRow) => iso(a.createdAt),
  lines: (a: AdjustmentRow, _: unknown, ctx: InventoryContext) => ctx.loaders.adjustmentLines.load(a.id),
};

export const StockAdjustmentLine = {
  item: (l: AdjustmentLineRow, _: unknown, ctx: InventoryContext) => ctx.loaders.item.load(l.inventoryItemId),
  difference: (l: AdjustmentLineRow) => l.quantityDifference,
};

export const LowStockAlert = {
  item: (a: AlertRow, _: unknown, ctx: InventoryContext) => ctx.loaders.item.load(a.inventoryItemId),
  type: (a: AlertRow) => a.alertType,
  acknowledged: (a: AlertRow) => a.isAcknowledged ?? false,
  acknowledgedAt: (a: AlertRow) => iso(a.acknowledgedAt),
  createdAt: (a: AlertRow) => iso(a.createdAt),
};

export const ReorderSuggestion = {
  item: (i: ItemRow) => i,
  reorderPoint: (i: ItemRow) => i.reorderPoint ?? 0,
  reorderQuantity: (i: ItemRow) => i.reorderQuantity ?? 0,
};

export const ReconciliationMismatch = {
  item: (m: Mismatch, _: unknown, ctx: InventoryContext) => ctx.loaders.item.load(m.itemId),
};

/** GraphQL enum names ↔ the seed's lowercase column values, mapped once here instead of in every service. */
export const enums = {
  InventoryTransactionType: {
    RESTOCK: 'restock', SALE: 'sale', ADJUSTMENT: 'adjustment', RESERVATION: 'reservation', RELEASE: 'release', COMMIT: 'commit', EXPIRY: 'expiry', RETURN: 'return',
  },
  StockReservationStatus: { ACTIVE: 'active', COMMITTED: 'committed', RELEASED: 'released', EXPIRED: 'expired', FULFILLED: 'fulfilled' },
  StockAdjustmentStatus: { PENDING: 'pending', APPROVED: 'approved', REJECTED: 'rejected' },
  LowStockAlertType: { LOW_STOCK: 'low_stock', OUT_OF_STOCK: 'out_of_stock' },
};
