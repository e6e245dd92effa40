import { randomBytes } from 'node:crypto';
import { assertAdmin, notFound, parseId, parseInput, unauthenticated, type Connection, type PageArgs } from '@shop/platform';
import { actorOf, type InventoryContext } from '../context';
import { inTransaction, type InventoryTx } from '../db';
import {
  adjustmentNumber, assertCanApprove, assertCanReject, assertStockUnmoved, draftLines, linesMovedSinceDraft, type AdjustmentStatus,
} from '../domain/adjustments';
import type { StockAdjustment } from '../generated/prisma/client';
import { withRetries } from './db-errors';
import { draftAdjustmentInput } from './inputs';
import { applyMovements } from './movements';
import { idConnection, pageQuery, readIdPage } from './pages';

/** The staff user acting; admin mutations always have one (assertAdmin passed). */
function staffId(ctx: InventoryContext): string {
  const id = actorOf(ctx);
  if (!id) throw unauthenticated('Stock adjustments record who made them: sign in as a staff user.');
  return id;
}

/** Staff: writes a count down as a pending adjustment, recording what the books say now for each line. */
export async function draftStockAdjustment(ctx: InventoryContext, raw: unknown): Promise<StockAdjustment> {
  assertAdmin(ctx.viewer);
  const author = staffId(ctx);
  const input = parseInput(draftAdjustmentInput, raw);
  const variantIds = input.lines.map((l) => l.variantId.toLowerCase());
  const items = await ctx.db.inventoryItem.findMany({ where: { productVariantId: { in: variantIds } }, select: { id: true, productVariantId: true, quantityAvailable: true } });
  const byVariant = new Map(items.map((i) => [i.productVariantId, i]));
  const unknown = variantIds.filter((id) => !byVariant.has(id));
  if (unknown.length) throw notFound(`An inventory item for variant ${unknown.join(', ')}`);
  const lines = draftLines(input.lines.map((l) => ({ variantId: l.variantId.toLowerCase(), adjustedQuantity: l.adjustedQuantity })), byVariant);
  const now = new Date();
  // A clash of the random adjustment number (one in 16 million a day) is retried with a new one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.stockAdjustment.create({
        data: {
          adjustmentNumber: adjustmentNumber(now, randomBytes(3).toString('hex')),
          reason: input.reason,
          notes: input.notes ?? null,
          createdBy: author,
          createdAt: now,
          items: {
            create: lines.map((l) => ({
              inventoryItemId: l.itemId, currentQuantity: l.currentQuantity, adjustedQuantity: l.adjustedQuantity, quantityDifference: l.quantityDifference,
            })),
          },
        },
      });
    } catch (error) {
      if (attempt >= 3 || (error as { code?: string }).code !== 'P2002') throw error;
    }
  }
}

/**
 * Staff other than the author: applies every line in one transaction. The adjustment row is locked first, then
 * the items in id order; if any item's sellable stock moved since the draft, CONFLICT and nothing changes.
 */
export async function approveStockAdjustment(ctx: InventoryContext, rawId: string): Promise<StockAdjustment> {
  assertAdmin(ctx.viewer);
  const reviewer = staffId(ctx);
  const id = parseId(rawId);
  const now = new Date();
  return withRetries(() =>
    inTransaction(ctx.db, async (tx) => {
      const adjustment = await lockAdjustment(tx, id);
      assertCanApprove(adjustment, reviewer);
      const lines = await tx.stockAdjustmentItem.findMany({ where: { adjustmentId: id }, include: { item: { select: { productVariantId: true } } } });
      const itemIds = lines.map((l) => l.inventoryItemId);
      const locked = await tx.$queryRaw<{ id: string; available: number }[]>`
        SELECT id::text AS id, quantity_available AS available FROM inventory_items WHERE id = ANY(${itemIds}::uuid[]) ORDER BY id FOR NO KEY UPDATE`;
      const drafted = lines.map((l) => ({
        itemId: l.inventoryItemId, variantId: l.item.productVariantId, currentQuantity: l.currentQuantity,
        adjustedQuantity: l.adjustedQuantity, quantityDifference: l.quantityDifference,
      }));
      assertStockUnmoved(adjustment.adjustmentNumber, linesMovedSinceDraft(drafted, new Map(locked.map((i) => [i.id, i.available]))));
      await applyMovements(
        tx,
        drafted
          .filter((l) => l.quantityDifference !== 0)
          .map((l) => ({ itemId: l.itemId, type: 'adjustment', quantity: l.quantityDifference, referenceId: id, referenceType: 'adjustment', reason: adjustment.reason })),
        reviewer,
        now,
      );
      return tx.stockAdjustment.update({ where: { id }, data: { status: 'approved', approvedBy: reviewer, approvedAt: now } });
    }),
  );
}

/** Staff: refuses a pending adjustment; nothing changes in stock. */
export async function rejectStockAdjustment(ctx: InventoryContext, rawId: string): Promise<StockAdjustment> {
  assertAdmin(ctx.viewer);
  const reviewer = staffId(ctx);
  const id = parseId(rawId);
  return inTransaction(ctx.db, async (tx) => {
    assertCanReject(await lockAdjustment(tx, id));
    return tx.stockAdjustment.update({ where: { id }, data: { status: 'rejected', rejectedBy: reviewer, rejectedAt: new Date() } });
  });
}

async function lockAdjustment(tx: InventoryTx, id: string): Promise<StockAdjustment> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM stock_adjustments WHERE id = ${id}::uuid FOR UPDATE`;
  if (!row) throw notFound('Stock adjustment');
  return tx.stockAdjustment.findUniqueOrThrow({ where: { id } });
}

export async function getStockAdjustment(ctx: InventoryContext, rawId: string): Promise<StockAdjustment | null> {
  assertAdmin(ctx.viewer);
  return ctx.db.stockAdjustment.findUnique({ where: { id: parseId(rawId) } });
}

export async function listStockAdjustments(ctx: InventoryContext, args: PageArgs & { status?: AdjustmentStatus | null }): Promise<Connection<StockAdjustment>> {
  assertAdmin(ctx.viewer);
  const page = readIdPage(args, ['stockAdjustments', args.status]);
  const rows = await ctx.db.stockAdjustment.findMany({
    where: args.status ? { status: args.status } : {},
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...pageQuery(page),
  });
  return idConnection(rows, page);
}
