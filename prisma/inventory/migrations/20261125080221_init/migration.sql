-- CreateTable
CREATE TABLE "inventory_items" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "product_variant_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "sku" VARCHAR(100) NOT NULL,
    "quantity_available" INTEGER NOT NULL DEFAULT 0,
    "quantity_reserved" INTEGER NOT NULL DEFAULT 0,
    "quantity_committed" INTEGER NOT NULL DEFAULT 0,
    "low_stock_threshold" INTEGER DEFAULT 10,
    "reorder_point" INTEGER DEFAULT 20,
    "reorder_quantity" INTEGER DEFAULT 100,
    "last_restocked_at" TIMESTAMP(6),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "version" BIGINT DEFAULT 1,

    CONSTRAINT "inventory_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_transactions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "inventory_item_id" UUID NOT NULL,
    "transaction_type" VARCHAR(20) NOT NULL,
    "quantity_change" INTEGER NOT NULL,
    "reserved_change" INTEGER NOT NULL DEFAULT 0,
    "committed_change" INTEGER NOT NULL DEFAULT 0,
    "reference_id" UUID,
    "reference_type" VARCHAR(20),
    "reason" VARCHAR(200),
    "created_by" UUID,
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inventory_transactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock_adjustments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "adjustment_number" VARCHAR(50) NOT NULL,
    "reason" VARCHAR(200) NOT NULL,
    "notes" TEXT,
    "status" VARCHAR(20) DEFAULT 'pending',
    "created_by" UUID NOT NULL,
    "approved_by" UUID,
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "approved_at" TIMESTAMP(6),
    "rejected_by" UUID,
    "rejected_at" TIMESTAMP(6),

    CONSTRAINT "stock_adjustments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock_adjustment_items" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "adjustment_id" UUID NOT NULL,
    "inventory_item_id" UUID NOT NULL,
    "current_quantity" INTEGER NOT NULL,
    "adjusted_quantity" INTEGER NOT NULL,
    "quantity_difference" INTEGER NOT NULL,

    CONSTRAINT "stock_adjustment_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_reservations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "inventory_item_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "quantity_reserved" INTEGER NOT NULL,
    "expires_at" TIMESTAMP(6) NOT NULL,
    "status" VARCHAR(20) DEFAULT 'active',
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inventory_reservations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "low_stock_alerts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "inventory_item_id" UUID NOT NULL,
    "alert_type" VARCHAR(20) NOT NULL,
    "current_quantity" INTEGER NOT NULL,
    "threshold_quantity" INTEGER NOT NULL,
    "is_acknowledged" BOOLEAN DEFAULT false,
    "acknowledged_by" UUID,
    "acknowledged_at" TIMESTAMP(6),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "low_stock_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "inventory_items_product_variant_id_key" ON "inventory_items"("product_variant_id");

-- CreateIndex
CREATE INDEX "idx_inventory_variant" ON "inventory_items"("product_variant_id");

-- CreateIndex
CREATE INDEX "idx_inventory_sku" ON "inventory_items"("sku");

-- CreateIndex
CREATE INDEX "idx_inventory_product" ON "inventory_items"("product_id");

-- CreateIndex
CREATE INDEX "idx_transactions_item" ON "inventory_transactions"("inventory_item_id");

-- CreateIndex
CREATE INDEX "idx_transactions_type" ON "inventory_transactions"("transaction_type");

-- CreateIndex
CREATE UNIQUE INDEX "stock_adjustments_adjustment_number_key" ON "stock_adjustments"("adjustment_number");

-- CreateIndex
CREATE UNIQUE INDEX "uq_adjustment_items_item" ON "stock_adjustment_items"("adjustment_id", "inventory_item_id");

-- CreateIndex
CREATE INDEX "idx_reservations_order" ON "inventory_reservations"("order_id");

-- CreateIndex
CREATE INDEX "idx_reservations_status" ON "inventory_reservations"("status");

-- CreateIndex
CREATE INDEX "idx_reservations_expires" ON "inventory_reservations"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "uq_reservations_order_item" ON "inventory_reservations"("order_id", "inventory_item_id");

-- AddForeignKey
ALTER TABLE "inventory_transactions" ADD CONSTRAINT "inventory_transactions_inventory_item_id_fkey" FOREIGN KEY ("inventory_item_id") REFERENCES "inventory_items"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "stock_adjustment_items" ADD CONSTRAINT "stock_adjustment_items_adjustment_id_fkey" FOREIGN KEY ("adjustment_id") REFERENCES "stock_adjustments"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "stock_adjustment_items" ADD CONSTRAINT "stock_adjustment_items_inventory_item_id_fkey" FOREIGN KEY ("inventory_item_id") REFERENCES "inventory_items"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "inventory_reservations" ADD CONSTRAINT "inventory_reservations_inventory_item_id_fkey" FOREIGN KEY ("inventory_item_id") REFERENCES "inventory_items"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "low_stock_alerts" ADD CONSTRAINT "low_stock_alerts_inventory_item_id_fkey" FOREIGN KEY ("inventory_item_id") REFERENCES "inventory_items"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- Hand-written: what Prisma's schema language cannot express.

-- The seed's partial index: items at or below their low-stock threshold, for the low-stock and reorder lists.
CREATE INDEX "idx_inventory_low_stock" ON "inventory_items"("quantity_available") WHERE quantity_available <= low_stock_threshold;

-- No quantity can go negative, whatever code runs against the database.
ALTER TABLE "inventory_items" ADD CONSTRAINT "inventory_items_quantities_check"
    CHECK (quantity_available >= 0 AND quantity_reserved >= 0 AND quantity_committed >= 0);
ALTER TABLE "inventory_items" ADD CONSTRAINT "inventory_items_settings_check"
    CHECK (low_stock_threshold >= 0 AND reorder_point >= 0 AND reorder_quantity >= 0);

ALTER TABLE "inventory_transactions" ADD CONSTRAINT "inventory_transactions_type_check"
    CHECK (transaction_type IN ('restock', 'sale', 'adjustment', 'reservation', 'release', 'commit', 'expiry'));
ALTER TABLE "inventory_transactions" ADD CONSTRAINT "inventory_transactions_change_check"
    CHECK (quantity_change <> 0 OR reserved_change <> 0 OR committed_change <> 0);

ALTER TABLE "stock_adjustments" ADD CONSTRAINT "stock_adjustments_status_check"
    CHECK (status IN ('pending', 'approved', 'rejected'));
ALTER TABLE "stock_adjustment_items" ADD CONSTRAINT "stock_adjustment_items_quantities_check"
    CHECK (current_quantity >= 0 AND adjusted_quantity >= 0 AND quantity_difference = adjusted_quantity - current_quantity);

ALTER TABLE "inventory_reservations" ADD CONSTRAINT "inventory_reservations_quantity_check" CHECK (quantity_reserved > 0);
ALTER TABLE "inventory_reservations" ADD CONSTRAINT "inventory_reservations_status_check"
    CHECK (status IN ('active', 'committed', 'released', 'expired', 'fulfilled'));

ALTER TABLE "low_stock_alerts" ADD CONSTRAINT "low_stock_alerts_type_check" CHECK (alert_type IN ('low_stock', 'out_of_stock'));

-- At most one open (unacknowledged) alert of each kind per item, even under concurrent writers.
CREATE UNIQUE INDEX "uq_low_stock_alerts_open" ON "low_stock_alerts"("inventory_item_id", "alert_type") WHERE is_acknowledged IS NOT TRUE;
