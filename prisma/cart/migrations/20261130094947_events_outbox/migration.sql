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
CREATE UNIQUE INDEX "domain_events_sequence_key" ON "domain_events"("sequence");

-- CreateIndex
CREATE INDEX "idx_domain_events_unprocessed" ON "domain_events"("processed", "occurred_at");

-- CreateIndex
CREATE INDEX "idx_domain_events_unpublished" ON "domain_events"("published_at", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "uq_domain_events_aggregate_version" ON "domain_events"("aggregate_type", "aggregate_id", "version");

-- CreateIndex
CREATE INDEX "idx_processed_events_processed_at" ON "processed_events"("processed_at");

-- The project's own outbox, cart_events (never delivered), moves to the conventional domain_events: each row
-- keeps its id, payload and time, waits for the relay (published_at null), and is numbered per cart in the
-- order it occurred
INSERT INTO "domain_events" (id, aggregate_id, aggregate_type, event_type, event_data, version, occurred_at, processed)
SELECT id, aggregate_id, 'Cart', event_type, event_data,
       row_number() OVER (PARTITION BY aggregate_id ORDER BY occurred_at, id), occurred_at, false
FROM "cart_events"
ORDER BY occurred_at, id;

-- DropTable
DROP TABLE "cart_events";

-- Wakes the relays at commit (Prisma does not model triggers): OUTBOX_TRIGGER_SQL of @shop/platform
CREATE OR REPLACE FUNCTION "domain_events_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('domain_events', '');
    RETURN NULL;
END $$;
CREATE TRIGGER "domain_events_notify" AFTER INSERT ON "domain_events"
    FOR EACH STATEMENT EXECUTE FUNCTION "domain_events_notify"();
