-- The outbox becomes the platform's convention (sequence, schema version, publishing state)
ALTER TABLE "domain_events"
    ADD COLUMN "sequence" BIGSERIAL NOT NULL,
    ADD COLUMN "schema_version" INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN "published_at" TIMESTAMP(6),
    ADD COLUMN "stream_id" VARCHAR(40);
CREATE UNIQUE INDEX "domain_events_sequence_key" ON "domain_events"("sequence");
CREATE INDEX "idx_domain_events_unpublished" ON "domain_events"("published_at", "sequence");

-- Wakes the relays at commit (Prisma does not model triggers): OUTBOX_TRIGGER_SQL of @shop/platform.
-- The body's semicolons are written as the escape \073 in an E-string: the migration runner splits at every semicolon
CREATE OR REPLACE FUNCTION "domain_events_notify"() RETURNS trigger LANGUAGE plpgsql
    AS E'BEGIN PERFORM pg_notify(''domain_events'', '''')\073 RETURN NULL\073 END';
CREATE TRIGGER "domain_events_notify" AFTER INSERT ON "domain_events"
    FOR EACH STATEMENT EXECUTE FUNCTION "domain_events_notify"();

-- A cancellation's void or refund that the payment refused or never answered is tried again with backoff until it succeeds
ALTER TABLE "order_payment_operations" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "retry_at" TIMESTAMP(6);
CREATE INDEX "idx_order_payment_operations_retry" ON "order_payment_operations"("status", "retry_at");
