-- A confirmed order cancelled before it ships gives its committed stock back: a `return` movement
-- (committed → available). Written by hand: Prisma's schema language cannot state CHECK constraints.
ALTER TABLE "inventory_transactions" DROP CONSTRAINT "inventory_transactions_type_check";
ALTER TABLE "inventory_transactions" ADD CONSTRAINT "inventory_transactions_type_check"
    CHECK (transaction_type IN ('restock', 'sale', 'adjustment', 'reservation', 'release', 'commit', 'expiry', 'return'));
