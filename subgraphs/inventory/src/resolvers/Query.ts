import type { PageArgs } from '@shop/platform';
import type { InventoryContext } from '../context';
import type { AdjustmentStatus } from '../domain/adjustments';
import { getStockAdjustment, listStockAdjustments } from '../services/adjustments';
import { listAlerts, reorderSuggestions } from '../services/alerts';
import { getInventoryItem } from '../services/items';
import { reconciliation } from '../services/ledger';
import { orderReservations } from '../services/reservations';

export const Query = {
  inventoryItem: (_: unknown, a: { variantId: string }, ctx: InventoryContext) => getInventoryItem(ctx, a.variantId),
  lowStockAlerts: (_: unknown, a: PageArgs & { unacknowledgedOnly?: boolean | null }, ctx: InventoryContext) => listAlerts(ctx, a),
  reorderSuggestions: (_: unknown, a: PageArgs, ctx: InventoryContext) => reorderSuggestions(ctx, a),
  stockAdjustments: (_: unknown, a: PageArgs & { status?: AdjustmentStatus | null }, ctx: InventoryContext) => listStockAdjustments(ctx, a),
  stockAdjustment: (_: unknown, a: { id: string }, ctx: InventoryContext) => getStockAdjustment(ctx, a.id),
  orderReservations: (_: unknown, a: { orderId: string }, ctx: InventoryContext) => orderReservations(ctx, a.orderId),
  inventoryReconciliation: (_: unknown, a: { first?: number | null }, ctx: InventoryContext) => reconciliation(ctx, a.first),
};
