-- CreateTable
CREATE TABLE "notification_templates" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" VARCHAR(100) NOT NULL,
    "description" TEXT,
    "template_type" VARCHAR(20) NOT NULL,
    "subject_template" TEXT,
    "body_template" TEXT NOT NULL,
    "variables" JSONB,
    "is_active" BOOLEAN DEFAULT true,
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "locale" VARCHAR(35) NOT NULL DEFAULT 'en-US',

    CONSTRAINT "notification_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "template_id" UUID,
    "recipient_id" UUID NOT NULL,
    "recipient_email" VARCHAR(255),
    "recipient_phone" VARCHAR(20),
    "notification_type" VARCHAR(50) NOT NULL,
    "channel" VARCHAR(20) NOT NULL,
    "subject" VARCHAR(500),
    "content" TEXT NOT NULL,
    "metadata" JSONB,
    "status" VARCHAR(20) DEFAULT 'pending',
    "sent_at" TIMESTAMP(6),
    "delivered_at" TIMESTAMP(6),
    "failure_reason" TEXT,
    "retry_count" INTEGER DEFAULT 0,
    "max_retries" INTEGER DEFAULT 3,
    "next_retry_at" TIMESTAMP(6),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "event_id" UUID,
    "text_content" TEXT,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_attempts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "notification_id" UUID NOT NULL,
    "attempted_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" VARCHAR(20) NOT NULL,
    "error" TEXT,

    CONSTRAINT "notification_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_preferences" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "email_enabled" BOOLEAN DEFAULT true,
    "sms_enabled" BOOLEAN DEFAULT false,
    "push_enabled" BOOLEAN DEFAULT true,
    "marketing_emails" BOOLEAN DEFAULT true,
    "order_updates" BOOLEAN DEFAULT true,
    "promotional_offers" BOOLEAN DEFAULT true,
    "security_alerts" BOOLEAN DEFAULT true,
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_preferences_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "email_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "notification_id" UUID NOT NULL,
    "event_type" VARCHAR(20) NOT NULL,
    "provider" VARCHAR(50) NOT NULL,
    "external_message_id" VARCHAR(100),
    "user_agent" TEXT,
    "ip_address" INET,
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "external_event_id" VARCHAR(100),

    CONSTRAINT "email_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contacts" (
    "customer_id" UUID NOT NULL,
    "email" VARCHAR(255) NOT NULL,
    "first_name" VARCHAR(100),
    "last_name" VARCHAR(100),
    "phone" VARCHAR(20),
    "language" VARCHAR(35),
    "status" VARCHAR(20) NOT NULL DEFAULT 'active',
    "email_undeliverable_at" TIMESTAMP(6),
    "updated_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contacts_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "order_summaries" (
    "order_id" UUID NOT NULL,
    "order_number" VARCHAR(50) NOT NULL,
    "customer_id" UUID,
    "email" VARCHAR(255) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "subtotal" DECIMAL(10,2) NOT NULL,
    "discount" DECIMAL(10,2) NOT NULL,
    "shipping" DECIMAL(10,2) NOT NULL,
    "tax" DECIMAL(10,2) NOT NULL,
    "total" DECIMAL(10,2) NOT NULL,
    "items" JSONB NOT NULL,
    "placed_at" TIMESTAMP(6) NOT NULL,

    CONSTRAINT "order_summaries_pkey" PRIMARY KEY ("order_id")
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
    "sequence" BIGSERIAL NOT NULL,
    "schema_version" INTEGER NOT NULL DEFAULT 1,
    "published_at" TIMESTAMP(6),
    "stream_id" VARCHAR(40),

    CONSTRAINT "domain_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_events" (
    "event_id" UUID NOT NULL,
    "source" VARCHAR(50) NOT NULL,
    "event_type" VARCHAR(100) NOT NULL,
    "aggregate_id" UUID NOT NULL,
    "version" BIGINT NOT NULL,
    "processed_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_events_pkey" PRIMARY KEY ("event_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "uq_notification_templates_name_channel_locale" ON "notification_templates"("name", "template_type", "locale");

-- CreateIndex
CREATE INDEX "idx_notifications_recipient" ON "notifications"("recipient_id");

-- CreateIndex
CREATE INDEX "idx_notifications_status" ON "notifications"("status");

-- CreateIndex
CREATE INDEX "idx_notifications_type" ON "notifications"("notification_type");

-- CreateIndex
CREATE INDEX "idx_notifications_channel" ON "notifications"("channel");

-- CreateIndex
CREATE INDEX "idx_notifications_recipient_created" ON "notifications"("recipient_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "uq_notifications_event_channel_recipient" ON "notifications"("event_id", "channel", "recipient_id");

-- CreateIndex
CREATE INDEX "idx_notification_attempts_notification" ON "notification_attempts"("notification_id", "attempted_at");

-- CreateIndex
CREATE UNIQUE INDEX "notification_preferences_customer_id_key" ON "notification_preferences"("customer_id");

-- CreateIndex
CREATE INDEX "idx_email_events_notification" ON "email_events"("notification_id");

-- CreateIndex
CREATE INDEX "idx_email_events_message" ON "email_events"("external_message_id");

-- CreateIndex
CREATE UNIQUE INDEX "uq_email_events_provider_event" ON "email_events"("provider", "external_event_id");

-- CreateIndex
CREATE INDEX "idx_contacts_email" ON "contacts"("email");

-- CreateIndex
CREATE UNIQUE INDEX "domain_events_sequence_key" ON "domain_events"("sequence");

-- CreateIndex
CREATE INDEX "idx_domain_events_unprocessed" ON "domain_events"("processed", "occurred_at");

-- CreateIndex
CREATE INDEX "idx_domain_events_unpublished" ON "domain_events"("published_at", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "uq_domain_events_aggregate_version" ON "domain_events"("aggregate_type", "aggregate_id", "version");

-- CreateIndex
CREATE INDEX "idx_processed_events_processed_at" ON "processed_events"("processed_at");

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "notification_templates"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "notification_attempts" ADD CONSTRAINT "notification_attempts_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "email_events" ADD CONSTRAINT "email_events_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- Hand-added (Prisma cannot express these).
-- The seed's partial index: the sending worker's claim (pending rows still within their attempts, by due time).
CREATE INDEX "idx_notifications_retry" ON "notifications"("next_retry_at")
    WHERE status = 'pending' AND retry_count < max_retries;

ALTER TABLE "notification_templates" ADD CONSTRAINT "notification_templates_type_check" CHECK ("template_type" IN ('email', 'sms', 'push'));
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_channel_check" CHECK ("channel" IN ('email', 'sms', 'push'));
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_status_check" CHECK ("status" IN ('pending', 'sent', 'delivered', 'failed', 'bounced'));
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_retries_check" CHECK ("retry_count" >= 0 AND "max_retries" >= 1);
ALTER TABLE "notification_attempts" ADD CONSTRAINT "notification_attempts_outcome_check" CHECK ("outcome" IN ('sent', 'failed', 'skipped'));
ALTER TABLE "email_events" ADD CONSTRAINT "email_events_type_check"
    CHECK ("event_type" IN ('sent', 'delivered', 'opened', 'clicked', 'bounced', 'spam'));
ALTER TABLE "order_summaries" ADD CONSTRAINT "order_summaries_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$');

-- Wakes the relays at commit (Prisma does not model triggers): OUTBOX_TRIGGER_SQL of @shop/platform.
-- The body's semicolons are written as the escape \073 in an E-string: the migration runner splits at every semicolon
CREATE OR REPLACE FUNCTION "domain_events_notify"() RETURNS trigger LANGUAGE plpgsql
    AS E'BEGIN PERFORM pg_notify(''domain_events'', '''')\073 RETURN NULL\073 END';
CREATE TRIGGER "domain_events_notify" AFTER INSERT ON "domain_events"
    FOR EACH STATEMENT EXECUTE FUNCTION "domain_events_notify"();
