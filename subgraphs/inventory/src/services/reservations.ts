import { assertStaffOrService, parseId, parseInput, shopError } from '@shop/platform';
import { actorOf, type InventoryContext } from '../context';
import { inTransaction, Prisma, type InventoryDb } from '../db';
import { expiryTime, planOrderOperation, reservationRefusal, type OrderOperation, type ReservationStatus } from '../domain/reservations';
import { explainWriteError, isCheckViolation, withRetries } from './db-errors';
import { KeyedGate } from './hot-items';
import { reserveStockInput } from './inputs';
import { applyMovements } from './movements';
import { reserveLines, type ReservedLineRow } from './reservation-sql';

/** Two reservation statements per item in flight per process: see KeyedGate. */
const hotItems = new KeyedGate(2);

/**
 * A reservation is one statement, all lines or none: when the quantities CHECK refuses it (a concurrent writer
 * took the stock between what the statement read and what it wrote), nothing was written and the statement runs
 * again on a fresh snapshot, whose verdict then refuses cleanly with OUT_OF_STOCK naming the lines. A shopper
 * never sees the database's refusal; should it persist, it is still a lost race for stock: OUT_OF_STOCK.
 */
const LOST_RACE = {
  alsoRetry: isCheckViolation,
  explain: (error: unknown) =>
    isCheckViolation(error) ? shopError('OUT_OF_STOCK', 'Not enough stock: someone else just bought the last units.', { reason: 'STOCK_TAKEN' }) : explainWriteError(error),
};

/** A reservation as the graph shows it. */
export interface Reservation {
  id: string;
  orderId: string;
  itemId: string;
  variantId: string;
  quantity: number;
  status: ReservationStatus;
  expiresAt: Date;
  createdAt: Date | null;
}

export interface ReservationResult {
  orderId: string;
  reservations: Reservation[];
}

/**
 * Holds stock for an order: every line or none, never more than is available, once per (order, item).
 * One statement does the work (services/reservation-sql.ts); deadlocks and serialization failures are retried
 * here and never reach the caller. The checkout saga calls this with its own context.
 */
export async function reserveStock(ctx: InventoryContext, raw: unknown): Promise<ReservationResult> {
  assertStaffOrService(ctx.viewer);
  const input = parseInput(reserveStockInput, raw);
  const orderId = input.orderId.toLowerCase();
  const lines = input.lines.map((l) => ({ variantId: l.variantId.toLowerCase(), quantity: l.quantity }));
  const now = new Date();
  const request = { orderId, lines, now, expiresAt: expiryTime(now, input.ttlSeconds), actor: actorOf(ctx) };
  const keys = lines.map((l) => l.variantId);
  const run = () => hotItems.run(keys, () => withRetries(() => reserveLines(ctx.db, request), LOST_RACE));
  let rows = await run();
  // A refusal for want of stock may come from a duplicate call of this very order: the statement's snapshot
  // predates the duplicate's commit, so it saw the stock gone but not the order's own reservation. One more run
  // (a new snapshot, taken after the lock it waited for was released) tells a real shortfall from that.
  if (!rows[0]?.applied && rows.some((r) => r.itemId && !r.heldStatus && (r.available ?? 0) < r.requested)) {
    rows = await run();
  }
  const refusal = reservationRefusal(rows.map(lineState));
  if (refusal) {
    if (rows[0]?.applied) ctx.log.error({ orderId, rows }, 'reserveStock: statement applied lines the domain refuses');
    throw refusal;
  }
  if (!rows.every((r) => r.applied && r.reservationId)) throw new Error(`reserveStock: order ${orderId} neither reserved nor refused`);
  return { orderId, reservations: rows.map((r) => toReservation(orderId, r)) };
}

function lineState(row: ReservedLineRow) {
  return {
    variantId: row.variantId,
    requested: row.requested,
    itemId: row.itemId,
    available: row.available,
    sellable: row.sellable,
    held: row.heldStatus ? { quantity: row.heldQuantity ?? 0, status: row.heldStatus } : null,
  };
}

function toReservation(orderId: string, row: ReservedLineRow): Reservation {
  return {
    id: row.reservationId!,
    orderId,
    itemId: row.itemId!,
    variantId: row.variantId,
    quantity: row.quantity!,
    status: row.status!,
    expiresAt: row.expiresAt!,
    createdAt: row.createdAt,
  };
}

const REASONS: Record<OrderOperation, string> = {
  commit: 'Order confirmed',
  release: 'Reservation released',
  fulfil: 'Order shipped',
  return: 'Order cancelled before shipment',
};

/**
 * Moves all reservations of an order through one step of the checkout saga (commit, release or fulfil), in one
 * transaction. Lock order, as everywhere: the order's reservations (by id), then their items (by id).
 */
export async function changeOrderReservations(ctx: InventoryContext, rawOrderId: string, operation: OrderOperation): Promise<Reservation[]> {
  assertStaffOrService(ctx.viewer);
  const orderId = parseId(rawOrderId, 'orderId');
  const now = new Date();
  return withRetries(() =>
    inTransaction(ctx.db, async (tx) => {
      const reservations = await lockedReservations(tx, orderId);
      const { change, transition } = planOrderOperation(operation, orderId, reservations);
      if (change.length === 0) return reservations;
      const ids = change.map((r) => r.id);
      await applyMovements(
        tx,
        change.map((r) => ({ itemId: r.itemId, type: transition.ledger, quantity: r.quantity, referenceId: orderId, referenceType: 'order', reason: REASONS[operation] })),
        actorOf(ctx),
        now,
        Prisma.sql`UPDATE inventory_reservations SET status = ${transition.to}, updated_at = ${now}::timestamp WHERE id = ANY(${ids}::uuid[])`,
      );
      return reservations.map((r) => (ids.includes(r.id) ? { ...r, status: transition.to } : r));
    }),
  );
}

export const commitReservations = (ctx: InventoryContext, orderId: string) => changeOrderReservations(ctx, orderId, 'commit');
export const releaseReservations = (ctx: InventoryContext, orderId: string) => changeOrderReservations(ctx, orderId, 'release');
export const fulfilReservations = (ctx: InventoryContext, orderId: string) => changeOrderReservations(ctx, orderId, 'fulfil');
export const returnReservations = (ctx: InventoryContext, orderId: string) => changeOrderReservations(ctx, orderId, 'return');

export async function orderReservations(ctx: InventoryContext, rawOrderId: string): Promise<Reservation[]> {
  assertStaffOrService(ctx.viewer);
  return reservationsOf(ctx.db, parseId(rawOrderId, 'orderId'));
}

function lockedReservations(tx: Pick<InventoryDb, '$queryRaw'>, orderId: string): Promise<Reservation[]> {
  return tx.$queryRaw<Reservation[]>`
    SELECT r.id::text AS id, r.order_id::text AS "orderId", r.inventory_item_id::text AS "itemId", i.product_variant_id::text AS "variantId",
           r.quantity_reserved AS quantity, r.status, r.expires_at AS "expiresAt", r.created_at AS "createdAt"
    FROM inventory_reservations r JOIN inventory_items i ON i.id = r.inventory_item_id
    WHERE r.order_id = ${orderId}::uuid
    ORDER BY r.id
    FOR UPDATE OF r`;
}

function reservationsOf(db: InventoryDb, orderId: string): Promise<Reservation[]> {
  return db.$queryRaw<Reservation[]>`
    SELECT r.id::text AS id, r.order_id::text AS "orderId", r.inventory_item_id::text AS "itemId", i.product_variant_id::text AS "variantId",
           r.quantity_reserved AS quantity, r.status, r.expires_at AS "expiresAt", r.created_at AS "createdAt"
    FROM inventory_reservations r JOIN inventory_items i ON i.id = r.inventory_item_id
    WHERE r.order_id = ${orderId}::uuid
    ORDER BY r.created_at, r.id`;
}
