-- CreateTable
CREATE TABLE "search_products" (
    "id" UUID NOT NULL,
    "sku" VARCHAR(100) NOT NULL,
    "name" VARCHAR(500) NOT NULL,
    "slug" VARCHAR(500) NOT NULL,
    "description" TEXT,
    "status" VARCHAR(20) NOT NULL,
    "category_id" UUID,
    "category" JSONB,
    "brand_id" UUID,
    "brand_name" VARCHAR(200),
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "rating" DECIMAL(3,2),
    "review_count" INTEGER NOT NULL DEFAULT 0,
    "version" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_variants" (
    "id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "sku" VARCHAR(100) NOT NULL,
    "price" DECIMAL(10,2) NOT NULL,
    "compare_price" DECIMAL(10,2),
    "currency" VARCHAR(3) NOT NULL DEFAULT 'USD',
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "attributes" JSONB NOT NULL DEFAULT '[]',
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "search_variants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_stock" (
    "variant_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "available" INTEGER NOT NULL,
    "version" BIGINT NOT NULL,

    CONSTRAINT "search_stock_pkey" PRIMARY KEY ("variant_id")
);

-- CreateTable
CREATE TABLE "search_index_queue" (
    "product_id" UUID NOT NULL,
    "queued_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "tick" BIGINT NOT NULL DEFAULT 1,

    CONSTRAINT "search_index_queue_pkey" PRIMARY KEY ("product_id")
);

-- CreateTable
CREATE TABLE "search_index" (
    "product_id" UUID NOT NULL,
    "name" VARCHAR(500) NOT NULL,
    "name_norm" TEXT NOT NULL,
    "description" TEXT,
    "category_id" UUID,
    "category_path" UUID[],
    "brand_id" UUID,
    "brand_name" VARCHAR(200),
    "price" DECIMAL(10,2) NOT NULL,
    "compare_price" DECIMAL(10,2),
    "currency" VARCHAR(3) NOT NULL,
    "rating" DECIMAL(3,2),
    "review_count" INTEGER NOT NULL,
    "in_stock" BOOLEAN NOT NULL,
    "attributes" TEXT[],
    "tags" TEXT[],
    "created_at" TIMESTAMP(6) NOT NULL,
    "updated_at" TIMESTAMP(6) NOT NULL,
    "document" tsvector NOT NULL,

    CONSTRAINT "search_index_pkey" PRIMARY KEY ("product_id")
);

-- CreateTable
CREATE TABLE "search_categories" (
    "id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "slug" VARCHAR(200) NOT NULL,
    "path" JSONB NOT NULL,

    CONSTRAINT "search_categories_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_vocabulary" (
    "word" VARCHAR(100) NOT NULL,

    CONSTRAINT "search_vocabulary_pkey" PRIMARY KEY ("word")
);

-- CreateTable
CREATE TABLE "search_suggestions" (
    "kind" VARCHAR(10) NOT NULL,
    "ref_id" UUID NOT NULL,
    "text" VARCHAR(500) NOT NULL,
    "norm" TEXT NOT NULL,

    CONSTRAINT "search_suggestions_pkey" PRIMARY KEY ("kind","ref_id")
);

-- CreateTable
CREATE TABLE "search_rebuilds" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "table_name" VARCHAR(63) NOT NULL,
    "started_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_rebuilds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_rebuild_removals" (
    "product_id" UUID NOT NULL,

    CONSTRAINT "search_rebuild_removals_pkey" PRIMARY KEY ("product_id")
);

-- CreateTable
CREATE TABLE "search_synonyms" (
    "term" VARCHAR(100) NOT NULL,
    "synonyms" TEXT[],

    CONSTRAINT "search_synonyms_pkey" PRIMARY KEY ("term")
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
CREATE INDEX "idx_search_variants_product" ON "search_variants"("product_id");

-- CreateIndex
CREATE INDEX "idx_search_variants_attributes" ON "search_variants" USING GIN ("attributes" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "idx_search_stock_product" ON "search_stock"("product_id");

-- CreateIndex
CREATE INDEX "idx_search_index_document" ON "search_index" USING GIN ("document");

-- CreateIndex
CREATE INDEX "idx_search_index_category_path" ON "search_index" USING GIN ("category_path");

-- CreateIndex
CREATE INDEX "idx_search_index_attributes" ON "search_index" USING GIN ("attributes");

-- CreateIndex
CREATE INDEX "idx_search_index_brand" ON "search_index"("brand_id");

-- CreateIndex
CREATE INDEX "idx_search_index_price" ON "search_index"("price");

-- CreateIndex
CREATE INDEX "idx_search_index_created" ON "search_index"("created_at");

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

-- Hand-written: what Prisma does not model ------------------------------------------------------------------

-- Typo tolerance and suggestions (trigrams), accent-insensitive matching
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- English stems over unaccented words ("Café" finds "cafe", "headphones" finds "headphone")
CREATE TEXT SEARCH CONFIGURATION "shop_search" (COPY = english);
ALTER TEXT SEARCH CONFIGURATION "shop_search" ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

-- Did-you-mean and fuzzy words (trigram similarity over the vocabulary); suggestions: prefix of the whole text
-- (btree), prefix of any word and typos (trigrams). Written here by hand because they need pg_trgm first.
CREATE INDEX "idx_search_vocabulary_trgm" ON "search_vocabulary" USING GIN ("word" gin_trgm_ops);
CREATE INDEX "idx_search_suggestions_prefix" ON "search_suggestions"("norm");
CREATE INDEX "idx_search_suggestions_trgm" ON "search_suggestions" USING GIN ("norm" gin_trgm_ops);
ALTER TABLE "search_suggestions" ADD CONSTRAINT "search_suggestions_kind_check" CHECK ("kind" IN ('PRODUCT', 'CATEGORY', 'BRAND'));

ALTER TABLE "search_rebuilds" ADD CONSTRAINT "search_rebuilds_single_check" CHECK ("id" = 1);
ALTER TABLE "search_stock" ADD CONSTRAINT "search_stock_available_check" CHECK ("available" >= 0);

-- Wakes the indexer at commit of a read-model change
CREATE OR REPLACE FUNCTION "search_index_queue_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('search_index_queue', '');
    RETURN NULL;
END $$;
CREATE TRIGGER "search_index_queue_notify" AFTER INSERT OR UPDATE ON "search_index_queue"
    FOR EACH STATEMENT EXECUTE FUNCTION "search_index_queue_notify"();

-- Outbox NOTIFY (OUTBOX_TRIGGER_SQL of @shop/platform), for when search publishes events
CREATE OR REPLACE FUNCTION "domain_events_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('domain_events', '');
    RETURN NULL;
END $$;
CREATE TRIGGER "domain_events_notify" AFTER INSERT ON "domain_events"
    FOR EACH STATEMENT EXECUTE FUNCTION "domain_events_notify"();

-- Seeded synonyms: a shopper's word → the words the catalog uses (both directions where they mean the same)
INSERT INTO "search_synonyms" ("term", "synonyms") VALUES
    ('tee', ARRAY['t-shirt']),
    ('tshirt', ARRAY['t-shirt']),
    ('t-shirt', ARRAY['tee']),
    ('sneaker', ARRAY['trainer', 'running shoe']),
    ('trainer', ARRAY['sneaker']),
    ('laptop', ARRAY['notebook']),
    ('notebook', ARRAY['laptop']),
    ('earphones', ARRAY['earbuds', 'headphones']),
    ('earbuds', ARRAY['earphones']),
    ('couch', ARRAY['sofa']),
    ('sofa', ARRAY['couch']),
    ('hoodie', ARRAY['sweatshirt']),
    ('cellphone', ARRAY['smartphone']),
    ('tv', ARRAY['television']),
    ('television', ARRAY['tv']);
