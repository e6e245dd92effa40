import { getStockAdjustment, listStockAdjustments } from '../services/adjustments';
import { listAlerts, reorderSuggestions } from '../services/alerts';
import { getInventoryItem } from '../services/items';
import { reconciliation } from '../services/ledger';
import { orderReservations } from '../services/reservations';
import type { QueryResolvers } from './types.generated';

export const Query: QueryResolvers = {
  inventoryItem: (_, a, ctx) => getInventoryItem(ctx, a.variantId),
  lowStockAlerts: (_, a, ctx) => listAlerts(ctx, a),
  reorderSuggestions: (_, a, ctx) => reorderSuggestions(ctx, a),
  stockAdjustments: (_, a, ctx) => listStockAdjustments(ctx, a),
  stockAdjustment: (_, a, ctx) => getStockAdjustment(ctx, a.id),
  orderReservations: (_, a, ctx) => orderReservations(ctx, a.orderId),
  inventoryReconciliation: (_, a, ctx) => reconciliation(ctx, a.first),
};
