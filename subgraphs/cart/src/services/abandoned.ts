import { recordEvent, type Logger } from '@shop/platform';
import { inTransaction, type CartDb, type Prisma } from '../db';
import { abandonedSnapshot, abandonmentCutoff, isNewAbandonment, type CartAbandonedEvent } from '../domain/abandonment';
import type { CartLineData } from '../domain/cart';

export interface AbandonmentSettings {
  /** A customer cart nobody changed for this long is abandoned. */
  idleMs: number;
  /** Carts recorded per transaction. */
  batchSize?: number;
}

interface IdleCart {
  id: string;
  customerId: string;
  updatedAt: Date;
  abandonedAt: Date | null;
  version: bigint;
}

/**
 * Records customer carts idle longer than `idleMs`: one abandoned_carts row (the cart snapshot; email null, the
 * cart context does not know it) and one CartAbandoned event in the outbox (recordEvent), in one transaction that
 * also marks the cart, so each idle period is recorded once. Replicas share the work: carts another replica (or
 * a shopper's change) holds are skipped (FOR UPDATE SKIP LOCKED), and a cart recorded by another replica no
 * longer matches once its lock is released. Returns how many carts were recorded, all batches together.
 */
export async function recordAbandonedCarts(deps: { db: CartDb; log: Logger; now?: () => Date }, settings: AbandonmentSettings): Promise<number> {
  const batchSize = settings.batchSize ?? 100;
  let total = 0;
  for (;;) {
    const { seen, recorded } = await recordBatch(deps.db, deps.now?.() ?? new Date(), settings.idleMs, batchSize);
    total += recorded;
    if (seen < batchSize || recorded === 0) break;
  }
  if (total) deps.log.info({ carts: total }, 'recorded abandoned carts');
  return total;
}

async function recordBatch(db: CartDb, now: Date, idleMs: number, batchSize: number): Promise<{ seen: number; recorded: number }> {
  return inTransaction(db, async (tx) => {
    const candidates = await tx.$queryRaw<IdleCart[]>`
      SELECT c.id, c.customer_id AS "customerId", c.updated_at AS "updatedAt", c.abandoned_at AS "abandonedAt", c.version
      FROM shopping_carts c
      WHERE c.updated_at <= ${abandonmentCutoff(now, idleMs)}::timestamp
        AND (c.abandoned_at IS NULL OR c.abandoned_at < c.updated_at)
        AND EXISTS (SELECT 1 FROM cart_items i WHERE i.cart_id = c.id)
      ORDER BY c.updated_at, c.id
      LIMIT ${batchSize}
      FOR UPDATE OF c SKIP LOCKED`;
    if (candidates.length === 0) return { seen: 0, recorded: 0 };
    const items = await tx.cartItem.findMany({ where: { cartId: { in: candidates.map((c) => c.id) } }, orderBy: [{ addedAt: 'asc' }, { id: 'asc' }] });
    const linesOf = (cartId: string): CartLineData[] =>
      items.filter((i) => i.cartId === cartId).map((i) => ({
        variantId: i.productVariantId, sku: i.sku, quantity: i.quantity, price: i.unitPrice.toFixed(2),
        addedAt: (i.addedAt ?? now).toISOString(), updatedAt: (i.updatedAt ?? now).toISOString(),
      }));
    const carts = candidates
      .map((cart) => ({ cart, lines: linesOf(cart.id) }))
      .filter(({ cart, lines }) => isNewAbandonment({ ...cart, itemCount: lines.reduce((n, l) => n + l.quantity, 0) }, now, idleMs));
    for (const { cart, lines } of carts) {
      const snapshot = abandonedSnapshot(cart, lines);
      const row = await tx.abandonedCart.create({ data: { customerId: cart.customerId, email: null, cartData: JSON.parse(JSON.stringify(snapshot)) as Prisma.InputJsonObject, abandonedAt: now } });
      const event: CartAbandonedEvent = { abandonedCartId: row.id, abandonedAt: now.toISOString(), cart: snapshot };
      // The cart's version: every change bumps it and a new idle period needs a change, so one abandonment per version.
      await recordEvent(tx, { aggregateType: 'Cart', aggregateId: cart.id, type: 'CartAbandoned', version: cart.version, data: event, occurredAt: now });
    }
    await tx.shoppingCart.updateMany({ where: { id: { in: carts.map(({ cart }) => cart.id) } }, data: { abandonedAt: now } });
    return { seen: candidates.length, recorded: carts.length };
  });
}

/** A day idle makes a cart abandoned; every process looks every 5 minutes. */
export const DEFAULT_ABANDONMENT = { idleMs: 24 * 60 * 60 * 1000, intervalMs: 5 * 60 * 1000 };

export interface AbandonedCartJob {
  stop(): Promise<void>;
}

/** Every replica runs this; SKIP LOCKED lets them share the work. */
export function startAbandonedCartJob(
  deps: { db: CartDb; log: Logger },
  settings: AbandonmentSettings & { intervalMs: number },
): AbandonedCartJob {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = recordAbandonedCarts(deps, settings)
      .catch((err: unknown) => deps.log.error({ err }, 'abandoned-cart job failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, settings.intervalMs).unref();
      });
  };
  timer = setTimeout(tick, settings.intervalMs).unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
