import type { InventoryContext } from '../context';
import { approveStockAdjustment, draftStockAdjustment, rejectStockAdjustment } from '../services/adjustments';
import { acknowledgeAlert } from '../services/alerts';
import { ensureInventoryItem, restockInventory, updateInventorySettings } from '../services/items';
import { commitReservations, fulfilReservations, releaseReservations, reserveStock, returnReservations } from '../services/reservations';

type Input = { input: unknown };
type ById = { id: string };
type ByOrder = { orderId: string };

/** Thin by design: each field names the service call; rules and permissions live in the services. */
export const Mutation = {
  ensureInventoryItem: (_: unknown, a: Input, ctx: InventoryContext) => ensureInventoryItem(ctx, a.input),
  updateInventorySettings: (_: unknown, a: { variantId: string } & Input, ctx: InventoryContext) => updateInventorySettings(ctx, a.variantId, a.input),
  restockInventory: (_: unknown, a: Input, ctx: InventoryContext) => restockInventory(ctx, a.input),
  reserveStock: (_: unknown, a: Input, ctx: InventoryContext) => reserveStock(ctx, a.input),
  commitReservations: (_: unknown, a: ByOrder, ctx: InventoryContext) => commitReservations(ctx, a.orderId),
  releaseReservations: (_: unknown, a: ByOrder, ctx: InventoryContext) => releaseReservations(ctx, a.orderId),
  fulfilReservations: (_: unknown, a: ByOrder, ctx: InventoryContext) => fulfilReservations(ctx, a.orderId),
  returnReservations: (_: unknown, a: ByOrder, ctx: InventoryContext) => returnReservations(ctx, a.orderId),
  draftStockAdjustment: (_: unknown, a: Input, ctx: InventoryContext) => draftStockAdjustment(ctx, a.input),
  approveStockAdjustment: (_: unknown, a: ById, ctx: InventoryContext) => approveStockAdjustment(ctx, a.id),
  rejectStockAdjustment: (_: unknown, a: ById, ctx: InventoryContext) => rejectStockAdjustment(ctx, a.id),
  acknowledgeLowStockAlert: (_: unknown, a: ById, ctx: InventoryContext) => acknowledgeAlert(ctx, a.id),
};
