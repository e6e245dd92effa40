import { assertAdmin, assertCustomer, conflict, notFound, parseId, parseInput, position, positionOf, readPage, toConnection, type Connection, type PageArgs } from '@shop/platform';
import type { CatalogContext } from '../context';
import { inTransaction, Prisma } from '../db';
import { reviewApproved } from '../events/published';
import { assertRating } from '../domain/review';
import type { ProductReview } from '../generated/prisma/client';
import { uniqueViolation } from '@shop/platform';
import { writeReviewInput } from './inputs';
import { visible } from './products';

interface ReviewCursor {
  at: string;
  id: string;
}
const isReviewCursor = positionOf<ReviewCursor>({ at: position.timestampText, id: position.uuid });

/** Rows carry PostgreSQL's own text of their sort timestamp, so cursors keep microseconds. */
type KeyedReview = ProductReview & { cursorKey: string };
const cursorOf = (r: KeyedReview): ReviewCursor => ({ at: r.cursorKey, id: r.id });

export async function approvedReviews(ctx: CatalogContext, productId: string, args: PageArgs): Promise<Connection<ProductReview>> {
  const page = readPage(args, isReviewCursor, ['approvedReviews', productId], 10);
  const rows = await ctx.loaders.approvedReviewPage.load({ productId, limit: page.limit, after: page.after });
  return toConnection(rows as KeyedReview[], page, cursorOf);
}

/** Staff moderation queue, oldest first. */
export async function pendingReviews(ctx: CatalogContext, args: PageArgs): Promise<Connection<ProductReview>> {
  assertAdmin(ctx.viewer);
  const page = readPage(args, isReviewCursor, ['pendingReviews']);
  const after = page.after ? Prisma.sql`AND (k, id) > (${page.after.at}::timestamp, ${page.after.id}::uuid)` : Prisma.empty;
  const keys = await ctx.db.$queryRaw<{ id: string; k: string }[]>`
    SELECT id, k::text AS k FROM (
      SELECT id, coalesce(created_at, 'epoch'::timestamp) AS k FROM product_reviews
      WHERE NOT coalesce(is_approved, false) AND rejected_at IS NULL
    ) q WHERE true ${after}
    ORDER BY k, id LIMIT ${page.limit + 1}`;
  const reviews = await ctx.db.productReview.findMany({ where: { id: { in: keys.map((k) => k.id) } } });
  const byId = new Map(reviews.map((r) => [r.id, r]));
  const rows = keys.flatMap((k) => {
    const review = byId.get(k.id);
    return review ? [{ ...review, cursorKey: k.k }] : [];
  });
  return toConnection(rows, page, cursorOf);
}

export async function writeReview(ctx: CatalogContext, raw: unknown): Promise<ProductReview> {
  const customerId = assertCustomer(ctx.viewer);
  const input = parseInput(writeReviewInput, raw);
  assertRating(input.rating);
  if (!visible(ctx, await ctx.loaders.product.load(input.productId))) throw notFound('Product');
  try {
    return await ctx.db.productReview.create({
      data: { productId: input.productId, customerId, rating: input.rating, title: input.title ?? null, content: input.content ?? null },
    });
  } catch (error) {
    if (uniqueViolation(error)) throw conflict('You have already reviewed this product.');
    throw error;
  }
}

export async function moderateReview(ctx: CatalogContext, id: string, approve: boolean): Promise<ProductReview> {
  assertAdmin(ctx.viewer);
  const reviewId = parseId(id);
  return inTransaction(ctx.db, async (tx) => {
    // The row lock of this update orders concurrent moderations of one review: only the one that approves it emits.
    const [row] = await tx.$queryRaw<{ wasApproved: boolean }[]>`
      SELECT coalesce(is_approved, false) AS "wasApproved" FROM product_reviews WHERE id = ${reviewId}::uuid FOR UPDATE`;
    if (!row) throw notFound('Review');
    const review = await tx.productReview.update({
      where: { id: reviewId },
      data: approve ? { isApproved: true, rejectedAt: null, updatedAt: new Date() } : { isApproved: false, rejectedAt: new Date(), updatedAt: new Date() },
    });
    if (approve && !row.wasApproved) {
      const [rating] = await tx.$queryRaw<{ average: string | null; count: number }[]>`
        SELECT round(avg(rating)::numeric, 2)::text AS average, count(*)::int AS count
        FROM product_reviews WHERE product_id = ${review.productId}::uuid AND is_approved`;
      await reviewApproved(tx, { reviewId, productId: review.productId, rating: review.rating ?? 0, productRating: rating ?? { average: null, count: 0 } });
    }
    return review;
  });
}
