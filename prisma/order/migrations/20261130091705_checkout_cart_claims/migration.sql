-- CreateTable
CREATE TABLE "checkout_cart_claims" (
    "saga_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "cart_id" UUID NOT NULL,
    "cart_version" INTEGER NOT NULL,
    "owner_key" CHAR(64) NOT NULL,
    "status" VARCHAR(20) NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "checkout_cart_claims_pkey" PRIMARY KEY ("saga_id")
);

-- CreateIndex
CREATE INDEX "idx_checkout_cart_claims_cart" ON "checkout_cart_claims"("cart_id");

-- CreateIndex
CREATE INDEX "idx_checkout_cart_claims_owner" ON "checkout_cart_claims"("owner_key", "updated_at" DESC);

-- Hand-written: what Prisma's schema language cannot express.

ALTER TABLE "checkout_cart_claims" ADD CONSTRAINT "checkout_cart_claims_status_check"
    CHECK (status IN ('active', 'completed', 'released'));
ALTER TABLE "checkout_cart_claims" ADD CONSTRAINT "checkout_cart_claims_version_check" CHECK (cart_version >= 0);

-- One checkout in progress per cart, whatever the version it read or the idempotency key it came with.
CREATE UNIQUE INDEX "uq_checkout_cart_claims_running" ON "checkout_cart_claims"("cart_id") WHERE status = 'active';

-- A cart version is bought at most once: an active or completed claim keeps it, a released one (the checkout
-- failed and was undone) lets the shopper try again.
CREATE UNIQUE INDEX "uq_checkout_cart_claims_bought" ON "checkout_cart_claims"("cart_id", "cart_version") WHERE status <> 'released';
