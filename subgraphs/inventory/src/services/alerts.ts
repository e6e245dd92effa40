import { assertAdmin, notFound, parseId, position, positionOf, readPage, toConnection, type Connection, type PageArgs } from '@shop/platform';
import { actorOf, type InventoryContext } from '../context';
import type { InventoryItem, LowStockAlert } from '../generated/prisma/client';
import { idConnection, pageQuery, readIdPage } from './pages';

/** Staff: alerts newest first, by default only those nobody acknowledged yet. */
export async function listAlerts(ctx: InventoryContext, args: PageArgs & { unacknowledgedOnly?: boolean | null }): Promise<Connection<LowStockAlert>> {
  assertAdmin(ctx.viewer);
  const page = readIdPage(args, ['alerts', args.unacknowledgedOnly === false]);
  const rows = await ctx.db.lowStockAlert.findMany({
    where: args.unacknowledgedOnly === false ? {} : { NOT: { isAcknowledged: true } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...pageQuery(page),
  });
  return idConnection(rows, page);
}

/** Staff: marks an alert seen. Acknowledging twice keeps the first acknowledgement. */
export async function acknowledgeAlert(ctx: InventoryContext, alertId: string): Promise<LowStockAlert> {
  assertAdmin(ctx.viewer);
  const id = parseId(alertId);
  await ctx.db.lowStockAlert.updateMany({
    where: { id, NOT: { isAcknowledged: true } },
    data: { isAcknowledged: true, acknowledgedBy: actorOf(ctx), acknowledgedAt: new Date() },
  });
  const alert = await ctx.db.lowStockAlert.findUnique({ where: { id } });
  if (!alert) throw notFound('Alert');
  return alert;
}

interface ReorderCursor {
  available: number;
  id: string;
}

const isReorderCursor = positionOf<ReorderCursor>({ available: position.int32, id: position.uuid });

/** Staff: items at or below their reorder point, emptiest first, each with the quantity to reorder. */
export async function reorderSuggestions(ctx: InventoryContext, args: PageArgs): Promise<Connection<InventoryItem>> {
  assertAdmin(ctx.viewer);
  const page = readPage(args, isReorderCursor, ['reorderSuggestions']);
  const after = page.after;
  const rows = await ctx.db.inventoryItem.findMany({
    where: {
      reorderPoint: { not: null },
      quantityAvailable: { lte: ctx.db.inventoryItem.fields.reorderPoint },
      ...(after ? { OR: [{ quantityAvailable: { gt: after.available } }, { quantityAvailable: after.available, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ quantityAvailable: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
  });
  return toConnection(rows, page, (item) => ({ available: item.quantityAvailable, id: item.id }));
}
