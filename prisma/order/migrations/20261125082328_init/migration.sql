-- CreateTable
CREATE TABLE "orders" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_number" VARCHAR(50) NOT NULL,
    "customer_id" UUID,
    "email" VARCHAR(255) NOT NULL,
    "status" VARCHAR(20) NOT NULL DEFAULT 'pending',
    "subtotal" DECIMAL(10,2) NOT NULL,
    "tax_amount" DECIMAL(10,2) NOT NULL DEFAULT 0,
    "shipping_amount" DECIMAL(10,2) NOT NULL DEFAULT 0,
    "discount_amount" DECIMAL(10,2) NOT NULL DEFAULT 0,
    "total_amount" DECIMAL(10,2) NOT NULL,
    "currency" VARCHAR(3) NOT NULL DEFAULT 'USD',
    "shipping_method" VARCHAR(50),
    "shipping_carrier" VARCHAR(50),
    "tracking_number" VARCHAR(100),
    "estimated_delivery_date" DATE,
    "actual_delivery_date" DATE,
    "shipping_address" JSONB NOT NULL,
    "billing_address" JSONB NOT NULL,
    "order_source" VARCHAR(20) DEFAULT 'web',
    "notes" TEXT,
    "internal_notes" TEXT,
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "version" BIGINT DEFAULT 1,
    "refunded_amount" DECIMAL(10,2) NOT NULL DEFAULT 0,
    "loyalty_points_redeemed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_items" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id" UUID NOT NULL,
    "product_variant_id" UUID NOT NULL,
    "sku" VARCHAR(100) NOT NULL,
    "product_name" VARCHAR(500) NOT NULL,
    "variant_name" VARCHAR(200),
    "quantity" INTEGER NOT NULL,
    "unit_price" DECIMAL(10,2) NOT NULL,
    "total_price" DECIMAL(10,2) NOT NULL,
    "product_data" JSONB,
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "product_id" UUID,

    CONSTRAINT "order_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_status_history" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id" UUID NOT NULL,
    "previous_status" VARCHAR(20),
    "new_status" VARCHAR(20) NOT NULL,
    "notes" TEXT,
    "changed_by" UUID,
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_status_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_discounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id" UUID NOT NULL,
    "discount_type" VARCHAR(20) NOT NULL,
    "discount_code" VARCHAR(50),
    "discount_name" VARCHAR(200) NOT NULL,
    "discount_amount" DECIMAL(10,2) NOT NULL,
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_discounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "discount_codes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" VARCHAR(50) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "value" DECIMAL(10,2) NOT NULL,
    "min_order_amount" DECIMAL(10,2),
    "starts_at" TIMESTAMP(6),
    "ends_at" TIMESTAMP(6),
    "usage_limit" INTEGER,
    "times_used" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "discount_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_processing_sagas" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "current_step" VARCHAR(50) NOT NULL,
    "saga_data" JSONB NOT NULL,
    "status" VARCHAR(20) DEFAULT 'started',
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "idempotency_key" VARCHAR(100) NOT NULL,

    CONSTRAINT "order_processing_sagas_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "domain_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "aggregate_id" UUID NOT NULL,
    "aggregate_type" VARCHAR(50) NOT NULL,
    "event_type" VARCHAR(100) NOT NULL,
    "event_data" JSONB NOT NULL,
    "version" BIGINT NOT NULL,
    "occurred_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "processed" BOOLEAN DEFAULT false,

    CONSTRAINT "domain_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "orders_order_number_key" ON "orders"("order_number");

-- CreateIndex
CREATE INDEX "idx_orders_customer" ON "orders"("customer_id");

-- CreateIndex
CREATE INDEX "idx_orders_status" ON "orders"("status");

-- CreateIndex
CREATE INDEX "idx_orders_number" ON "orders"("order_number");

-- CreateIndex
CREATE INDEX "idx_orders_created" ON "orders"("created_at");

-- CreateIndex
CREATE INDEX "idx_orders_customer_created" ON "orders"("customer_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "idx_order_items_order" ON "order_items"("order_id");

-- CreateIndex
CREATE INDEX "idx_order_items_variant" ON "order_items"("product_variant_id");

-- CreateIndex
CREATE INDEX "idx_status_history_order" ON "order_status_history"("order_id");

-- CreateIndex
CREATE INDEX "idx_order_discounts_order" ON "order_discounts"("order_id");

-- CreateIndex
CREATE UNIQUE INDEX "discount_codes_code_key" ON "discount_codes"("code");

-- CreateIndex
CREATE UNIQUE INDEX "order_processing_sagas_idempotency_key_key" ON "order_processing_sagas"("idempotency_key");

-- CreateIndex
CREATE INDEX "idx_sagas_status_updated" ON "order_processing_sagas"("status", "updated_at");

-- CreateIndex
CREATE INDEX "idx_sagas_order" ON "order_processing_sagas"("order_id");

-- CreateIndex
CREATE INDEX "idx_domain_events_unprocessed" ON "domain_events"("processed", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "uq_domain_events_aggregate_version" ON "domain_events"("aggregate_type", "aggregate_id", "version");

-- AddForeignKey
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "order_status_history" ADD CONSTRAINT "order_status_history_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "order_discounts" ADD CONSTRAINT "order_discounts_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- Rules Prisma's schema language cannot state.
ALTER TABLE "orders" ADD CONSTRAINT "orders_status_check"
  CHECK ("status" IN ('pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded'));
ALTER TABLE "orders" ADD CONSTRAINT "orders_source_check" CHECK ("order_source" IN ('web', 'mobile', 'admin'));
ALTER TABLE "orders" ADD CONSTRAINT "orders_amounts_check"
  CHECK ("subtotal" >= 0 AND "tax_amount" >= 0 AND "shipping_amount" >= 0 AND "discount_amount" >= 0 AND "total_amount" >= 0);
-- The totals always add up, whatever writes the row.
ALTER TABLE "orders" ADD CONSTRAINT "orders_total_check"
  CHECK ("total_amount" = "subtotal" - "discount_amount" + "shipping_amount" + "tax_amount");
ALTER TABLE "orders" ADD CONSTRAINT "orders_discount_check" CHECK ("discount_amount" <= "subtotal");
ALTER TABLE "orders" ADD CONSTRAINT "orders_refunded_check" CHECK ("refunded_amount" >= 0 AND "refunded_amount" <= "total_amount");
ALTER TABLE "orders" ADD CONSTRAINT "orders_loyalty_points_check" CHECK ("loyalty_points_redeemed" >= 0);
ALTER TABLE "orders" ADD CONSTRAINT "orders_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$');
ALTER TABLE "orders" ADD CONSTRAINT "orders_version_check" CHECK ("version" >= 1);

ALTER TABLE "order_items" ADD CONSTRAINT "order_items_quantity_check" CHECK ("quantity" > 0);
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_price_check"
  CHECK ("unit_price" >= 0 AND "total_price" = "unit_price" * "quantity");

ALTER TABLE "order_status_history" ADD CONSTRAINT "order_status_history_status_check"
  CHECK ("new_status" IN ('pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded')
     AND ("previous_status" IS NULL OR "previous_status" IN ('pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded')));

ALTER TABLE "order_discounts" ADD CONSTRAINT "order_discounts_type_check" CHECK ("discount_type" IN ('coupon', 'promotion', 'loyalty'));
ALTER TABLE "order_discounts" ADD CONSTRAINT "order_discounts_amount_check" CHECK ("discount_amount" > 0);

-- Codes are stored upper-case, which makes the unique index on "code" case-insensitive.
ALTER TABLE "discount_codes" ADD CONSTRAINT "discount_codes_code_check" CHECK ("code" = upper("code") AND "code" ~ '^[A-Z0-9_-]{3,50}$');
ALTER TABLE "discount_codes" ADD CONSTRAINT "discount_codes_kind_check" CHECK ("kind" IN ('percentage', 'fixed'));
ALTER TABLE "discount_codes" ADD CONSTRAINT "discount_codes_value_check"
  CHECK ("value" > 0 AND ("kind" <> 'percentage' OR "value" <= 100));
ALTER TABLE "discount_codes" ADD CONSTRAINT "discount_codes_min_order_check" CHECK ("min_order_amount" IS NULL OR "min_order_amount" >= 0);
ALTER TABLE "discount_codes" ADD CONSTRAINT "discount_codes_window_check" CHECK ("starts_at" IS NULL OR "ends_at" IS NULL OR "starts_at" < "ends_at");
ALTER TABLE "discount_codes" ADD CONSTRAINT "discount_codes_usage_check"
  CHECK ("times_used" >= 0 AND ("usage_limit" IS NULL OR ("usage_limit" >= 0 AND "times_used" <= "usage_limit")));

ALTER TABLE "order_processing_sagas" ADD CONSTRAINT "order_processing_sagas_status_check" CHECK ("status" IN ('started', 'completed', 'failed'));

ALTER TABLE "domain_events" ADD CONSTRAINT "domain_events_version_check" CHECK ("version" >= 1);
