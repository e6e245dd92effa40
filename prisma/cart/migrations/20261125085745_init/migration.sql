-- CreateTable
CREATE TABLE "shopping_carts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "session_id" VARCHAR(100),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "version" BIGINT NOT NULL DEFAULT 1,
    "abandoned_at" TIMESTAMP(6),

    CONSTRAINT "shopping_carts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cart_items" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "cart_id" UUID NOT NULL,
    "product_variant_id" UUID NOT NULL,
    "sku" VARCHAR(100) NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price" DECIMAL(10,2) NOT NULL,
    "added_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cart_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "abandoned_carts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID,
    "email" VARCHAR(255),
    "cart_data" JSONB NOT NULL,
    "abandoned_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "recovery_email_sent" BOOLEAN DEFAULT false,
    "recovery_email_sent_at" TIMESTAMP(6),

    CONSTRAINT "abandoned_carts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cart_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "aggregate_id" UUID NOT NULL,
    "aggregate_type" VARCHAR(50) NOT NULL DEFAULT 'cart',
    "event_type" VARCHAR(100) NOT NULL,
    "event_data" JSONB NOT NULL,
    "occurred_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "processed" BOOLEAN DEFAULT false,

    CONSTRAINT "cart_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "shopping_carts_customer_id_key" ON "shopping_carts"("customer_id");

-- CreateIndex
CREATE INDEX "idx_carts_customer" ON "shopping_carts"("customer_id");

-- CreateIndex
CREATE INDEX "idx_carts_updated" ON "shopping_carts"("updated_at");

-- CreateIndex
CREATE INDEX "idx_cart_items_cart" ON "cart_items"("cart_id");

-- CreateIndex
CREATE INDEX "idx_cart_items_variant" ON "cart_items"("product_variant_id");

-- CreateIndex
CREATE UNIQUE INDEX "cart_items_cart_id_product_variant_id_key" ON "cart_items"("cart_id", "product_variant_id");

-- CreateIndex
CREATE INDEX "idx_abandoned_carts_customer" ON "abandoned_carts"("customer_id");

-- CreateIndex
CREATE INDEX "idx_cart_events_unprocessed" ON "cart_events"("processed", "occurred_at");

-- AddForeignKey
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_cart_id_fkey" FOREIGN KEY ("cart_id") REFERENCES "shopping_carts"("id") ON DELETE CASCADE ON UPDATE NO ACTION;


-- Rules Prisma's schema language cannot state.
-- A line holds at least one unit. The per-line maximum (99 by default) is configuration, 999 the hard ceiling.
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_quantity_check" CHECK ("quantity" BETWEEN 1 AND 999);
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_unit_price_check" CHECK ("unit_price" >= 0);
ALTER TABLE "shopping_carts" ADD CONSTRAINT "shopping_carts_version_check" CHECK ("version" >= 1);
ALTER TABLE "abandoned_carts" ADD CONSTRAINT "abandoned_carts_cart_data_check" CHECK (jsonb_typeof("cart_data") = 'object');
ALTER TABLE "abandoned_carts" ADD CONSTRAINT "abandoned_carts_recovery_check"
    CHECK ("recovery_email_sent_at" IS NULL OR "recovery_email_sent" IS TRUE);
ALTER TABLE "cart_events" ADD CONSTRAINT "cart_events_type_check" CHECK ("event_type" IN ('CartAbandoned'));
