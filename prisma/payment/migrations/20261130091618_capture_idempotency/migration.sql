-- CreateTable
CREATE TABLE "captures" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "payment_id" UUID NOT NULL,
    "amount" DECIMAL(10,2) NOT NULL,
    "status" VARCHAR(20) NOT NULL DEFAULT 'pending',
    "idempotency_key" VARCHAR(100),
    "external_capture_id" VARCHAR(100),
    "fee" DECIMAL(10,2),
    "failure_code" VARCHAR(50),
    "processed_at" TIMESTAMP(6),
    "created_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "captures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "uq_captures_idempotency_key" ON "captures"("payment_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "captures" ADD CONSTRAINT "captures_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- Checks Prisma's schema language cannot express
ALTER TABLE "captures" ADD CONSTRAINT "captures_amount_check" CHECK ("amount" > 0);
ALTER TABLE "captures" ADD CONSTRAINT "captures_status_check" CHECK ("status" IN ('pending', 'completed', 'failed'));
