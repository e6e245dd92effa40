import { conflict, notFound, ShopError } from '@shop/platform';
import type { MovementType } from './stock';

/** A reservation holds stock for an order for a while; the sweeper expires it after that. */
export const TTL_SECONDS = { min: 60, max: 86_400, fallback: 900 } as const;
export const MAX_LINES = 100;

export type ReservationStatus = 'active' | 'committed' | 'released' | 'expired' | 'fulfilled';

export interface ReservationLine {
  variantId: string;
  quantity: number;
}

/** One requested line as the database saw it, with its row locked: the item, and any reservation the order already holds. */
export interface LineState {
  variantId: string;
  requested: number;
  itemId: string | null;
  available: number | null;
  /** False when the catalog archived the variant or its product; null when no item is kept. */
  sellable?: boolean | null;
  held: { quantity: number; status: ReservationStatus } | null;
}

export interface Shortfall {
  variantId: string;
  requested: number;
  available: number;
}

/**
 * Why a reservation cannot go ahead, in order of precedence: a variant with no inventory item (NOT_FOUND), a line
 * the order already holds with another quantity (CONFLICT: a repeated call must repeat the request), a new line on
 * a variant the catalog archived (OUT_OF_STOCK, reason NOT_SELLABLE: no longer sold, whatever is on the shelf), then
 * every line without enough stock (OUT_OF_STOCK, naming each with what is available). Null: every line is either new
 * and coverable or already held as asked, and the reservation goes ahead — for all lines or none.
 */
export function reservationRefusal(lines: LineState[]): ShopError | null {
  const unknown = lines.filter((l) => l.itemId === null).map((l) => l.variantId);
  if (unknown.length) return new ShopError('NOT_FOUND', `No stock is kept for ${plural(unknown.length, 'variant')} ${unknown.join(', ')}.`, { variantIds: unknown });
  const changed = lines.filter((l) => l.held && l.held.quantity !== l.requested);
  if (changed.length) {
    return conflict('This order already holds a reservation with another quantity for some lines; release it or repeat the original request.', {
      lines: changed.map((l) => ({ variantId: l.variantId, requested: l.requested, held: l.held?.quantity })),
    });
  }
  const archived = lines.filter((l) => !l.held && l.sellable === false).map((l) => l.variantId);
  if (archived.length) {
    return new ShopError('OUT_OF_STOCK', `No longer sold: ${plural(archived.length, 'variant')} ${archived.join(', ')}.`, { reason: 'NOT_SELLABLE', variantIds: archived });
  }
  const short: Shortfall[] = lines
    .filter((l) => !l.held && (l.available ?? 0) < l.requested)
    .map((l) => ({ variantId: l.variantId, requested: l.requested, available: l.available ?? 0 }));
  if (short.length) {
    const detail = short.map((s) => `${s.variantId}: ${s.requested} requested, ${s.available} available`).join('; ');
    return new ShopError('OUT_OF_STOCK', `Not enough stock for ${plural(short.length, 'line')}: ${detail}.`, { lines: short });
  }
  return null;
}

/** How an order-level operation changes one reservation. */
export interface Transition {
  from: ReservationStatus;
  to: ReservationStatus;
  ledger: MovementType;
}

export type OrderOperation = 'commit' | 'release' | 'fulfil' | 'return';

const TRANSITIONS: Record<OrderOperation, { moves: Transition; done: ReservationStatus[]; verb: string }> = {
  commit: { moves: { from: 'active', to: 'committed', ledger: 'commit' }, done: ['committed'], verb: 'commit' },
  // Released or expired stock is already back on sale: releasing again changes nothing.
  release: { moves: { from: 'active', to: 'released', ledger: 'release' }, done: ['released', 'expired'], verb: 'release' },
  fulfil: { moves: { from: 'committed', to: 'fulfilled', ledger: 'sale' }, done: ['fulfilled'], verb: 'fulfil' },
  // A confirmed order cancelled before shipment: its committed stock goes back on sale.
  return: { moves: { from: 'committed', to: 'released', ledger: 'return' }, done: ['released', 'expired'], verb: 'return' },
};

/**
 * Which of an order's reservations an operation changes. Repeating an operation is harmless (reservations
 * already in its end state are left alone); a reservation in any other state refuses the whole operation, so an
 * order is never half committed. Commit needs active reservations (an expired one lost its stock), fulfil needs
 * committed ones, release cannot undo a commit.
 */
export function planOrderOperation<R extends { status: ReservationStatus }>(operation: OrderOperation, orderId: string, reservations: R[]): { change: R[]; transition: Transition } {
  const { moves, done, verb } = TRANSITIONS[operation];
  if (reservations.length === 0) throw notFound(`A reservation for order ${orderId}`);
  const blocking = reservations.filter((r) => r.status !== moves.from && !done.includes(r.status));
  if (blocking.length) {
    const states = [...new Set(blocking.map((r) => r.status))].join(', ');
    throw conflict(`Cannot ${verb} the reservations of order ${orderId}: ${plural(blocking.length, 'reservation')} ${blocking.length === 1 ? 'is' : 'are'} ${states}.`, {
      statuses: blocking.map((r) => r.status),
    });
  }
  return { change: reservations.filter((r) => r.status === moves.from), transition: moves };
}

export function expiryTime(now: Date, ttlSeconds: number): Date {
  return new Date(now.getTime() + ttlSeconds * 1000);
}

function plural(n: number, word: string): string {
  return n === 1 ? `1 ${word}` : `${n} ${word}s`;
}
