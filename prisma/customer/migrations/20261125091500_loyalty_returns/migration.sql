-- Loyalty points spent on an order that is then cancelled come back as a `return` (balance only: returning a
-- redemption earns no tier points). Written by hand: Prisma's schema language cannot state CHECKs or partial indexes.
ALTER TABLE "loyalty_transactions" DROP CONSTRAINT "loyalty_transactions_kind_check";
ALTER TABLE "loyalty_transactions" ADD CONSTRAINT "loyalty_transactions_kind_check" CHECK ("kind" IN ('earn', 'redeem', 'adjustment', 'return'));
-- One redemption and one return per order and customer: the order context may retry either safely.
CREATE UNIQUE INDEX "uq_loyalty_transactions_reference" ON "loyalty_transactions" ("customer_id", "reference_id", "kind")
  WHERE "reference_id" IS NOT NULL AND "kind" IN ('redeem', 'return');
