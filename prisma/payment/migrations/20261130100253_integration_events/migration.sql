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

-- CreateIndex
CREATE UNIQUE INDEX "domain_events_sequence_key" ON "domain_events"("sequence");

-- CreateIndex
CREATE INDEX "idx_domain_events_unprocessed" ON "domain_events"("processed", "occurred_at");

-- CreateIndex
CREATE INDEX "idx_domain_events_unpublished" ON "domain_events"("published_at", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "uq_domain_events_aggregate_version" ON "domain_events"("aggregate_type", "aggregate_id", "version");

-- Wakes the relays at commit (Prisma does not model triggers): OUTBOX_TRIGGER_SQL of @shop/platform.
-- The body's semicolons are written as the escape \073 in an E-string: the migration runner splits at every semicolon
CREATE OR REPLACE FUNCTION "domain_events_notify"() RETURNS trigger LANGUAGE plpgsql
    AS E'BEGIN PERFORM pg_notify(''domain_events'', '''')\073 RETURN NULL\073 END';
CREATE TRIGGER "domain_events_notify" AFTER INSERT ON "domain_events"
    FOR EACH STATEMENT EXECUTE FUNCTION "domain_events_notify"();
