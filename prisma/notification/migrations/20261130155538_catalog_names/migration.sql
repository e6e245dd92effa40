-- CreateTable
CREATE TABLE "catalog_products" (
    "product_id" UUID NOT NULL,
    "name" VARCHAR(500) NOT NULL,
    "updated_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "catalog_products_pkey" PRIMARY KEY ("product_id")
);

-- CreateTable
CREATE TABLE "catalog_variants" (
    "variant_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "sku" VARCHAR(100) NOT NULL,
    "updated_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "catalog_variants_pkey" PRIMARY KEY ("variant_id")
);

-- CreateIndex
CREATE INDEX "idx_catalog_variants_product" ON "catalog_variants"("product_id");
