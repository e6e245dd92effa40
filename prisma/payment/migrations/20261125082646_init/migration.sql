-- CreateTable
CREATE TABLE "payment_methods" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "method_type" VARCHAR(20) NOT NULL,
    "provider" VARCHAR(50) NOT NULL,
    "external_id" VARCHAR(100),
    "is_default" BOOLEAN DEFAULT false,
    "display_name" VARCHAR(100),
    "card_brand" VARCHAR(20),
    "card_last_four" VARCHAR(4),
    "card_expiry_month" INTEGER,
    "card_expiry_year" INTEGER,
    "is_active" BOOLEAN DEFAULT true,
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_methods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id" UUID NOT NULL,
    "payment_method_id" UUID,
    "amount" DECIMAL(10,2) NOT NULL,
    "currency" VARCHAR(3) NOT NULL DEFAULT 'USD',
    "status" VARCHAR(20) NOT NULL DEFAULT 'pending',
    "payment_type" VARCHAR(20) NOT NULL,
    "provider" VARCHAR(50) NOT NULL,
    "external_transaction_id" VARCHAR(100),
    "provider_fee" DECIMAL(10,2),
    "authorized_amount" DECIMAL(10,2),
    "authorized_at" TIMESTAMP(6),
    "authorization_expires_at" TIMESTAMP(6),
    "captured_amount" DECIMAL(10,2),
    "captured_at" TIMESTAMP(6),
    "failure_reason" TEXT,
    "failure_code" VARCHAR(50),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "version" BIGINT DEFAULT 1,
    "customer_id" UUID,
    "idempotency_key" VARCHAR(100),
    "request_hash" CHAR(64),
    "refunded_amount" DECIMAL(10,2) NOT NULL DEFAULT 0,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "payment_id" UUID NOT NULL,
    "event_type" VARCHAR(30) NOT NULL,
    "event_data" JSONB NOT NULL,
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "sequence" BIGSERIAL NOT NULL,

    CONSTRAINT "payment_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refunds" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "payment_id" UUID NOT NULL,
    "refund_amount" DECIMAL(10,2) NOT NULL,
    "reason" VARCHAR(200),
    "status" VARCHAR(20) DEFAULT 'pending',
    "external_refund_id" VARCHAR(100),
    "processed_at" TIMESTAMP(6),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "idempotency_key" VARCHAR(100),
    "failure_code" VARCHAR(50),

    CONSTRAINT "refunds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_webhooks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "provider" VARCHAR(50) NOT NULL,
    "event_type" VARCHAR(50) NOT NULL,
    "external_id" VARCHAR(100),
    "payload" JSONB NOT NULL,
    "processed" BOOLEAN DEFAULT false,
    "processed_at" TIMESTAMP(6),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_payment_methods_customer" ON "payment_methods"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "uq_payments_idempotency_key" ON "payments"("idempotency_key");

-- CreateIndex
CREATE INDEX "idx_payments_order" ON "payments"("order_id");

-- CreateIndex
CREATE INDEX "idx_payments_status" ON "payments"("status");

-- CreateIndex
CREATE INDEX "idx_payments_external" ON "payments"("external_transaction_id");

-- CreateIndex
CREATE INDEX "idx_payments_customer" ON "payments"("customer_id", "created_at");

-- CreateIndex
CREATE INDEX "idx_payment_events_payment" ON "payment_events"("payment_id", "sequence");

-- CreateIndex
CREATE INDEX "idx_refunds_payment" ON "refunds"("payment_id");

-- CreateIndex
CREATE UNIQUE INDEX "uq_refunds_idempotency_key" ON "refunds"("payment_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "idx_webhooks_processed" ON "payment_webhooks"("processed", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "uq_payment_webhooks_event" ON "payment_webhooks"("provider", "external_id");

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_payment_method_id_fkey" FOREIGN KEY ("payment_method_id") REFERENCES "payment_methods"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- Rules Prisma's schema language cannot state.
ALTER TABLE "payment_methods" ADD CONSTRAINT "payment_methods_type_check" CHECK ("method_type" IN ('card', 'paypal', 'bank_transfer'));
ALTER TABLE "payment_methods" ADD CONSTRAINT "payment_methods_card_check" CHECK (
  ("card_last_four" IS NULL OR "card_last_four" ~ '^[0-9]{4}$')
  AND ("card_expiry_month" IS NULL OR "card_expiry_month" BETWEEN 1 AND 12)
  AND ("card_expiry_year" IS NULL OR "card_expiry_year" BETWEEN 2000 AND 2200)
);
-- One default among a customer's active methods, enforced by the database even under concurrent writes.
CREATE UNIQUE INDEX "uq_payment_methods_default" ON "payment_methods" ("customer_id") WHERE "is_default" AND "is_active";

ALTER TABLE "payments" ADD CONSTRAINT "payments_status_check"
  CHECK ("status" IN ('pending', 'authorized', 'captured', 'partially_refunded', 'refunded', 'voided', 'failed', 'expired'));
ALTER TABLE "payments" ADD CONSTRAINT "payments_type_check" CHECK ("payment_type" IN ('payment', 'refund'));
ALTER TABLE "payments" ADD CONSTRAINT "payments_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$');
ALTER TABLE "payments" ADD CONSTRAINT "payments_amount_check" CHECK ("amount" > 0);
-- The money limits, as the last word under any concurrency: authorized ≤ amount, captured ≤ authorized,
-- refunded ≤ captured, nothing negative.
ALTER TABLE "payments" ADD CONSTRAINT "payments_authorized_check" CHECK ("authorized_amount" IS NULL OR ("authorized_amount" > 0 AND "authorized_amount" <= "amount"));
ALTER TABLE "payments" ADD CONSTRAINT "payments_captured_check"
  CHECK ("captured_amount" IS NULL OR ("captured_amount" >= 0 AND "captured_amount" <= COALESCE("authorized_amount", 0)));
ALTER TABLE "payments" ADD CONSTRAINT "payments_refunded_check" CHECK ("refunded_amount" >= 0 AND "refunded_amount" <= COALESCE("captured_amount", 0));
ALTER TABLE "payments" ADD CONSTRAINT "payments_fee_check" CHECK ("provider_fee" IS NULL OR "provider_fee" >= 0);

ALTER TABLE "refunds" ADD CONSTRAINT "refunds_amount_check" CHECK ("refund_amount" > 0);
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_status_check" CHECK ("status" IN ('pending', 'completed', 'failed'));
