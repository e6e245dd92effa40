import { approveStockAdjustment, draftStockAdjustment, rejectStockAdjustment } from '../services/adjustments';
import { acknowledgeAlert } from '../services/alerts';
import { ensureInventoryItem, restockInventory, updateInventorySettings } from '../services/items';
import { commitReservations, fulfilReservations, releaseReservations, reserveStock, returnReservations } from '../services/reservations';
import type { MutationResolvers } from './types.generated';

/** Thin by design: each field names the service call; rules and permissions live in the services. */
export const Mutation: MutationResolvers = {
  ensureInventoryItem: (_, a, ctx) => ensureInventoryItem(ctx, a.input),
  updateInventorySettings: (_, a, ctx) => updateInventorySettings(ctx, a.variantId, a.input),
  restockInventory: (_, a, ctx) => restockInventory(ctx, a.input),
  reserveStock: (_, a, ctx) => reserveStock(ctx, a.input),
  commitReservations: (_, a, ctx) => commitReservations(ctx, a.orderId),
  releaseReservations: (_, a, ctx) => releaseReservations(ctx, a.orderId),
  fulfilReservations: (_, a, ctx) => fulfilReservations(ctx, a.orderId),
  returnReservations: (_, a, ctx) => returnReservations(ctx, a.orderId),
  draftStockAdjustment: (_, a, ctx) => draftStockAdjustment(ctx, a.input),
  approveStockAdjustment: (_, a, ctx) => approveStockAdjustment(ctx, a.id),
  rejectStockAdjustment: (_, a, ctx) => rejectStockAdjustment(ctx, a.id),
  acknowledgeLowStockAlert: (_, a, ctx) => acknowledgeAlert(ctx, a.id),
};
