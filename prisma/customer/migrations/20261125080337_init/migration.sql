-- CreateTable
CREATE TABLE "customers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" VARCHAR(255) NOT NULL,
    "first_name" VARCHAR(100) NOT NULL,
    "last_name" VARCHAR(100) NOT NULL,
    "phone" VARCHAR(20),
    "date_of_birth" DATE,
    "customer_status" VARCHAR(20) DEFAULT 'active',
    "tier" VARCHAR(20) DEFAULT 'regular',
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "version" BIGINT DEFAULT 1,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_addresses" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "address_type" VARCHAR(20) NOT NULL,
    "label" VARCHAR(50),
    "street_line_1" VARCHAR(200) NOT NULL,
    "street_line_2" VARCHAR(200),
    "city" VARCHAR(100) NOT NULL,
    "state_province" VARCHAR(100) NOT NULL,
    "postal_code" VARCHAR(20) NOT NULL,
    "country_code" VARCHAR(3) NOT NULL,
    "is_default" BOOLEAN DEFAULT false,
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_addresses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_preferences" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "email_notifications" BOOLEAN DEFAULT true,
    "sms_notifications" BOOLEAN DEFAULT false,
    "push_notifications" BOOLEAN DEFAULT true,
    "marketing_emails" BOOLEAN DEFAULT true,
    "preferred_language" VARCHAR(10) DEFAULT 'en-US',
    "preferred_currency" VARCHAR(3) DEFAULT 'USD',
    "theme_preference" VARCHAR(20) DEFAULT 'light',
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_preferences_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_loyalty" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "points_balance" INTEGER DEFAULT 0,
    "lifetime_points" INTEGER DEFAULT 0,
    "tier_points" INTEGER DEFAULT 0,
    "last_activity_at" TIMESTAMP(6),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_loyalty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loyalty_transactions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "points_change" INTEGER NOT NULL,
    "balance_after" INTEGER NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "reason" VARCHAR(200) NOT NULL,
    "reference_id" UUID,
    "created_by" UUID,
    "created_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "loyalty_transactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_credentials" (
    "customer_id" UUID NOT NULL,
    "password_hash" VARCHAR(255) NOT NULL,
    "roles" VARCHAR(20)[] DEFAULT ARRAY['customer']::VARCHAR(20)[],
    "password_changed_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_credentials_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "refresh_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "family_id" UUID NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "expires_at" TIMESTAMP(6) NOT NULL,
    "used_at" TIMESTAMP(6),
    "revoked_at" TIMESTAMP(6),
    "created_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "customers_email_key" ON "customers"("email");

-- CreateIndex
CREATE INDEX "idx_customers_email" ON "customers"("email");

-- CreateIndex
CREATE INDEX "idx_customers_status" ON "customers"("customer_status");

-- CreateIndex
CREATE INDEX "idx_customer_addresses_customer_id" ON "customer_addresses"("customer_id");

-- CreateIndex
CREATE INDEX "idx_customer_addresses_type" ON "customer_addresses"("address_type");

-- CreateIndex
CREATE UNIQUE INDEX "customer_preferences_customer_id_key" ON "customer_preferences"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "customer_loyalty_customer_id_key" ON "customer_loyalty"("customer_id");

-- CreateIndex
CREATE INDEX "idx_loyalty_transactions_customer" ON "loyalty_transactions"("customer_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "idx_refresh_tokens_customer" ON "refresh_tokens"("customer_id");

-- CreateIndex
CREATE INDEX "idx_refresh_tokens_family" ON "refresh_tokens"("family_id");

-- AddForeignKey
ALTER TABLE "customer_addresses" ADD CONSTRAINT "customer_addresses_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "customer_preferences" ADD CONSTRAINT "customer_preferences_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "customer_loyalty" ADD CONSTRAINT "customer_loyalty_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "loyalty_transactions" ADD CONSTRAINT "loyalty_transactions_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "customer_credentials" ADD CONSTRAINT "customer_credentials_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- Rules Prisma's schema language cannot state.
ALTER TABLE "customers" ADD CONSTRAINT "customers_status_check" CHECK ("customer_status" IN ('active', 'inactive', 'suspended'));
ALTER TABLE "customers" ADD CONSTRAINT "customers_tier_check" CHECK ("tier" IN ('regular', 'premium', 'vip'));
ALTER TABLE "customer_addresses" ADD CONSTRAINT "customer_addresses_type_check" CHECK ("address_type" IN ('billing', 'shipping', 'both'));
-- One default address per customer and type, enforced by the database even under concurrent writes.
CREATE UNIQUE INDEX "uq_customer_addresses_default" ON "customer_addresses" ("customer_id", "address_type") WHERE "is_default";
ALTER TABLE "customer_loyalty" ADD CONSTRAINT "customer_loyalty_points_check"
  CHECK ("points_balance" >= 0 AND "lifetime_points" >= 0 AND "tier_points" >= 0);
ALTER TABLE "loyalty_transactions" ADD CONSTRAINT "loyalty_transactions_kind_check" CHECK ("kind" IN ('earn', 'redeem', 'adjustment'));
ALTER TABLE "loyalty_transactions" ADD CONSTRAINT "loyalty_transactions_balance_check" CHECK ("balance_after" >= 0);
