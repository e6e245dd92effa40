-- CreateTable
CREATE TABLE "order_payment_operations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id" UUID NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "idempotency_key" VARCHAR(100) NOT NULL,
    "request_hash" CHAR(64) NOT NULL,
    "amount" DECIMAL(10,2),
    "payment_id" UUID,
    "status" VARCHAR(20) NOT NULL DEFAULT 'pending',
    "request" JSONB NOT NULL,
    "outcome" JSONB,
    "created_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMP(6),

    CONSTRAINT "order_payment_operations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_order_payment_operations_pending" ON "order_payment_operations"("status", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "uq_order_payment_operations_key" ON "order_payment_operations"("order_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "order_payment_operations" ADD CONSTRAINT "order_payment_operations_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- What Prisma's schema language cannot express
ALTER TABLE "order_payment_operations" ADD CONSTRAINT "order_payment_operations_kind_check" CHECK ("kind" IN ('capture', 'refund', 'cancel'));
ALTER TABLE "order_payment_operations" ADD CONSTRAINT "order_payment_operations_status_check" CHECK ("status" IN ('pending', 'completed', 'failed'));
ALTER TABLE "order_payment_operations" ADD CONSTRAINT "order_payment_operations_amount_check" CHECK ("amount" IS NULL OR "amount" > 0);
-- At most one money operation in flight per order: a second staff caller is refused, not raced
CREATE UNIQUE INDEX "uq_order_payment_operations_one_pending" ON "order_payment_operations"("order_id") WHERE "status" = 'pending';
