import type { CartContext } from '../context';
import { inTransaction, type CartDb, type CartTx } from '../db';
import { storedTotals, type CartLineData } from '../domain/cart';
import { newSessionId } from '../domain/session';
import type { CartItem } from '../generated/prisma/client';
import type { CartDocument } from '../store/cart-store';
import type { LineChange } from './guest-carts';

/**
 * Signed-in customers' carts: PostgreSQL is the durable copy (shopping_carts, cart_items), Redis the fast one.
 * Every change runs under the cart row's lock and writes Redis after commit, newest version wins; a read that
 * misses Redis (flushed, expired, unreachable) loads PostgreSQL and puts the copy back. Losing Redis loses nothing.
 */
export type CustomerCart = CartDocument & { customerId: string };

interface CartRow {
  id: string;
  customerId: string;
  sessionId: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  version: bigint | number;
}

export async function readCustomerCart(ctx: CartContext, customerId: string): Promise<CartDocument | null> {
  // A copy this process failed to update is not trusted until it has been written again.
  if (!ctx.staleCopies.has(customerId)) {
    try {
      const cached = await ctx.store.readCustomerCart(customerId);
      if (cached) return cached;
    } catch (error) {
      ctx.log.warn({ err: error }, 'cart store unreachable: reading the customer cart from PostgreSQL');
    }
  }
  const loaded = await loadCustomerCart(ctx.db, customerId);
  if (loaded) await putFastCopy(ctx, loaded.sessionId, loaded.cart);
  return loaded?.cart ?? null;
}

/** The durable copy, straight from PostgreSQL (checkout reads this, not the fast copy). */
export async function loadCustomerCart(db: CartDb | CartTx, customerId: string): Promise<{ cart: CustomerCart; sessionId: string | null } | null> {
  const row = await db.shoppingCart.findUnique({ where: { customerId }, include: { items: { orderBy: LINE_ORDER } } });
  return row ? { cart: toDocument(row, row.items.map(lineOf)), sessionId: row.sessionId } : null;
}

export interface CustomerChangeHooks {
  /** Runs last inside the transaction (merge claims the guest cart here); throwing rolls everything back. */
  beforeCommit?: () => Promise<void>;
  /** Runs when the transaction failed after beforeCommit succeeded (merge gives the guest cart back). */
  afterAbort?: () => Promise<void>;
}

/**
 * Changes a customer's cart under its row lock (concurrent changes queue, none is lost). `create` makes the cart
 * when the customer has none; otherwise null then.
 */
export async function changeCustomerCart(
  ctx: CartContext, customerId: string, options: { create: boolean }, change: LineChange, hooks: CustomerChangeHooks = {},
): Promise<CustomerCart | null> {
  let claimed = false;
  let result: { row: CartRow; items: CartLineData[]; changed: boolean } | null;
  try {
    result = await inTransaction(ctx.db, async (tx) => {
      const row = (await lockCart(tx, customerId)) ?? (options.create ? await createCart(tx, customerId, ctx.now()) : null);
      if (!row) return null;
      const before = (await tx.cartItem.findMany({ where: { cartId: row.id }, orderBy: LINE_ORDER })).map(lineOf);
      const after = change(before);
      if (after === before) return { row, items: before, changed: false };
      const now = ctx.now();
      await writeLines(tx, row.id, before, after, now);
      const updated = await tx.shoppingCart.update({ where: { id: row.id }, data: { version: { increment: 1 }, updatedAt: now } });
      if (hooks.beforeCommit) {
        await hooks.beforeCommit();
        claimed = true;
      }
      return { row: updated, items: after, changed: true };
    });
  } catch (error) {
    if (claimed) await hooks.afterAbort?.().catch((err: unknown) => ctx.log.error({ err }, 'could not undo after a failed cart change'));
    throw error;
  }
  if (!result) return null;
  const cart = toDocument(result.row, result.items);
  if (result.changed) await putFastCopy(ctx, result.row.sessionId, cart);
  return cart;
}

/** After commit; a failure here is logged, never the request's: the next read reloads from PostgreSQL. */
async function putFastCopy(ctx: CartContext, sessionId: string | null, cart: CustomerCart): Promise<void> {
  if (!sessionId) return;
  try {
    await ctx.store.putCustomerCart(sessionId, cart);
    ctx.staleCopies.delete(cart.customerId);
  } catch (error) {
    ctx.staleCopies.add(cart.customerId);
    ctx.log.warn({ err: error, cartId: cart.cartId }, 'could not write the customer cart to the cart store');
  }
}

async function lockCart(tx: CartTx, customerId: string): Promise<CartRow | null> {
  const rows = await tx.$queryRaw<CartRow[]>`
    SELECT id, customer_id AS "customerId", session_id AS "sessionId", created_at AS "createdAt", updated_at AS "updatedAt", version
    FROM shopping_carts WHERE customer_id = ${customerId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

async function createCart(tx: CartTx, customerId: string, now: Date): Promise<CartRow> {
  // Two first changes at once: one inserts, the other waits for it and then locks the same row.
  await tx.$executeRaw`
    INSERT INTO shopping_carts (customer_id, session_id, created_at, updated_at)
    VALUES (${customerId}::uuid, ${newSessionId()}, ${now}::timestamp, ${now}::timestamp)
    ON CONFLICT (customer_id) DO NOTHING`;
  const row = await lockCart(tx, customerId);
  if (!row) throw new Error(`shopping cart of ${customerId} vanished while being created`);
  return row;
}

async function writeLines(tx: CartTx, cartId: string, before: CartLineData[], after: CartLineData[], now: Date): Promise<void> {
  const old = new Map(before.map((l) => [l.variantId, l]));
  const kept = new Set(after.map((l) => l.variantId));
  const removed = before.filter((l) => !kept.has(l.variantId)).map((l) => l.variantId);
  if (removed.length) await tx.cartItem.deleteMany({ where: { cartId, productVariantId: { in: removed } } });
  const added = after.filter((l) => !old.has(l.variantId));
  if (added.length) {
    await tx.cartItem.createMany({
      data: added.map((l) => ({
        cartId, productVariantId: l.variantId, sku: l.sku, quantity: l.quantity, unitPrice: l.price, addedAt: new Date(l.addedAt), updatedAt: now,
      })),
    });
  }
  for (const line of after) {
    const previous = old.get(line.variantId);
    if (previous && previous.quantity !== line.quantity) {
      await tx.cartItem.update({ where: { cartId_productVariantId: { cartId, productVariantId: line.variantId } }, data: { quantity: line.quantity, updatedAt: now } });
    }
  }
}

const iso = (date: Date | null) => (date ?? new Date(0)).toISOString();

/** Lines oldest first, the same from PostgreSQL and from a change (merged guest lines keep their own addedAt). */
const LINE_ORDER = [{ addedAt: 'asc' as const }, { productVariantId: 'asc' as const }];
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byLineOrder = (a: CartLineData, b: CartLineData) => compare(a.addedAt, b.addedAt) || compare(a.variantId, b.variantId);

function lineOf(item: CartItem): CartLineData {
  return {
    variantId: item.productVariantId, sku: item.sku, quantity: item.quantity, price: item.unitPrice.toFixed(2),
    addedAt: iso(item.addedAt), updatedAt: iso(item.updatedAt),
  };
}

function toDocument(row: CartRow, items: CartLineData[]): CustomerCart {
  return {
    cartId: row.id, customerId: row.customerId, items: [...items].sort(byLineOrder), totals: storedTotals(items),
    createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt), version: Number(row.version),
  };
}
