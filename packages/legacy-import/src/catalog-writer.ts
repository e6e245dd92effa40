import type { Prisma as CatalogPrisma } from '@shop/catalog/generated/prisma/client';
import type { CatalogTx } from '@shop/catalog/db';
import { slugify } from '@shop/catalog/domain/product';
import { productChanged, productCreated, variantChanged, variantCreated } from '@shop/catalog/events/published';
import { changeProduct } from '@shop/catalog/services/product-aggregate';
import { referenceIdFor } from './ids';
import type { LegacyReference } from './legacy-source';
import type { BrandSource, CategorySource, ProductPlan, Skip } from './rules';

/**
 * Writes one batch of planned products into the catalog, inside the batch's transaction. Products and variants go
 * through the catalog's own aggregate change (services/product-aggregate.ts) and event recorders
 * (events/published.ts), so every import records ProductCreated / VariantCreated / ProductUpdated … in the outbox
 * with the change, and inventory and search follow as they do for a change made by staff. Categories and brands
 * publish no events in the catalog; they are written as the catalog's own services write them.
 */

export type ProductOutcome = 'imported' | 'updated' | 'unchanged';

export interface CatalogBatch {
  outcomes: Array<{ plan: ProductPlan; outcome: ProductOutcome } | Skip>;
  categoriesCreated: string[];
  brandsCreated: string[];
}

/** Where products with no category in the legacy table go: the catalog requires one. */
export const DEFAULT_CATEGORY = { name: 'Uncategorised', slug: 'uncategorised' } as const;
/** Advisory lock key ("legacy" in hex-speak): two imports at once take turns per batch, each seeing the other's rows. */
export const IMPORT_LOCK = 0x1e6a_c1a7;
/** A category chain is followed this deep at most (a broken legacy tree must not loop). */
const MAX_DEPTH = 20;

type Resolved = { id: string } | { skip: Omit<Skip, 'legacyId'> };

export class CatalogWriter {
  constructor(
    private readonly legacyCategories: Map<string, LegacyReference>,
    private readonly legacyBrands: Map<string, LegacyReference>,
    private readonly currency: string,
  ) {}

  async writeBatch(tx: CatalogTx, plans: ProductPlan[]): Promise<CatalogBatch> {
    const batch: CatalogBatch = { outcomes: [], categoriesCreated: [], brandsCreated: [] };
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`;
    const references = new References(tx, this.legacyCategories, this.legacyBrands, batch);
    for (const plan of plans) {
      const category = await references.category(plan.category);
      if ('skip' in category) {
        batch.outcomes.push({ legacyId: plan.legacyId, ...category.skip });
        continue;
      }
      const brand = plan.brand ? await references.brand(plan.brand) : null;
      if (brand && 'skip' in brand) {
        batch.outcomes.push({ legacyId: plan.legacyId, ...brand.skip });
        continue;
      }
      const outcome = await this.writeProduct(tx, plan, category.id, brand?.id ?? null);
      batch.outcomes.push(typeof outcome === 'string' ? { plan, outcome } : outcome);
    }
    return batch;
  }

  private async writeProduct(tx: CatalogTx, plan: ProductPlan, categoryId: string, brandId: string | null): Promise<ProductOutcome | Skip> {
    const inUse = await skuInUse(tx, plan);
    if (inUse) return { legacyId: plan.legacyId, code: 'sku_in_use', reason: inUse };
    const existing = await tx.product.findUnique({ where: { id: plan.productId } });
    const fields = { name: plan.name, sku: plan.sku, description: plan.description, categoryId, brandId, status: plan.status };
    if (!existing) {
      const { variants, ...product } = await tx.product.create({
        data: {
          ...fields, id: plan.productId, slug: await freeSlug(tx, plan), productType: 'simple',
          variants: { create: [{ id: plan.variantId, sku: plan.sku, price: plan.price, comparePrice: plan.comparePrice, isDefault: true }] },
        },
        include: { variants: true },
      });
      await productCreated(tx, product, variants, this.currency);
      return 'imported';
    }
    const changed = Object.fromEntries(
      Object.entries(fields).filter(([key, value]) => (existing as Record<string, unknown>)[key] !== value),
    ) as CatalogPrisma.ProductUncheckedUpdateManyInput;
    const variant = await tx.productVariant.findUnique({ where: { id: plan.variantId } });
    const variantDiffers =
      !variant || variant.sku !== plan.sku || variant.price.toFixed(2) !== plan.price || (variant.comparePrice?.toFixed(2) ?? null) !== plan.comparePrice;
    if (Object.keys(changed).length === 0 && !variantDiffers) return 'unchanged';

    // One version claim for the whole change, as the catalog's own product and variant edits do.
    const product = await changeProduct(tx, plan.productId, Number(existing.version ?? 1), changed);
    if (Object.keys(changed).length > 0) await productChanged(tx, existing, product);
    if (variantDiffers) {
      const data = { sku: plan.sku, price: plan.price, comparePrice: plan.comparePrice };
      if (variant) {
        const after = await tx.productVariant.update({ where: { id: variant.id }, data: { ...data, updatedAt: new Date() } });
        await variantChanged(tx, product, variant, after, this.currency);
      } else {
        const hasDefault = (await tx.productVariant.count({ where: { productId: plan.productId, isDefault: true } })) > 0;
        const created = await tx.productVariant.create({ data: { ...data, id: plan.variantId, productId: plan.productId, isDefault: !hasDefault } });
        await variantCreated(tx, product, created, this.currency);
      }
    }
    return 'updated';
  }
}

/** Another catalog product (or another product's variant) already has the SKU: the catalog keeps SKUs unique. */
async function skuInUse(tx: CatalogTx, plan: ProductPlan): Promise<string | null> {
  const product = await tx.product.findFirst({ where: { sku: plan.sku, NOT: { id: plan.productId } }, select: { id: true } });
  if (product) return `The SKU "${plan.sku}" is already used by catalog product ${product.id}.`;
  const variant = await tx.productVariant.findFirst({ where: { sku: plan.sku, NOT: { id: plan.variantId } }, select: { productId: true } });
  return variant ? `The SKU "${plan.sku}" is already used by a variant of catalog product ${variant.productId}.` : null;
}

/** The planned slug, or with the SKU appended when another product has it (two legacy products with one name). */
async function freeSlug(tx: CatalogTx, plan: ProductPlan): Promise<string> {
  const candidates = [plan.slug, `${plan.slug}-${slugify(plan.sku)}`, `${plan.slug}-${plan.productId.slice(0, 8)}`];
  const taken = new Set(
    (await tx.product.findMany({ where: { slug: { in: candidates } }, select: { slug: true } })).map((p) => p.slug),
  );
  return candidates.find((s) => !taken.has(s)) ?? `${plan.slug}-${plan.productId}`;
}

/** Finds or creates the categories and brands a batch names; remembers them for the rest of the batch. */
class References {
  private readonly known = new Map<string, Resolved>();

  constructor(
    private readonly tx: CatalogTx,
    private readonly legacyCategories: Map<string, LegacyReference>,
    private readonly legacyBrands: Map<string, LegacyReference>,
    private readonly batch: CatalogBatch,
  ) {}

  private async remember(key: string, find: () => Promise<Resolved>): Promise<Resolved> {
    const hit = this.known.get(key);
    if (hit) return hit;
    const resolved = await find();
    this.known.set(key, resolved);
    return resolved;
  }

  category(source: CategorySource): Promise<Resolved> {
    if (source.by === 'default') return this.remember('category:default', () => this.namedCategory(DEFAULT_CATEGORY.name, DEFAULT_CATEGORY.slug, null, null));
    if (source.by === 'name') return this.remember(`category:name:${source.name}`, () => this.namedCategory(source.name, slugify(source.name), null, null));
    return this.remember(`category:id:${source.id}`, () => this.categoryById(source.id, 0));
  }

  /** By id in the catalog; else the legacy categories table's row, matched by slug or name, or created (parents first). */
  private async categoryById(legacyId: string, depth: number): Promise<Resolved> {
    const id = referenceIdFor('category', legacyId);
    if (await this.tx.category.findUnique({ where: { id }, select: { id: true } })) return { id };
    const legacy = this.legacyCategories.get(legacyId);
    if (!legacy) return { skip: { code: 'unknown_category', reason: `The category id ${legacyId} is neither in the catalog nor in the legacy categories table.` } };
    const name = legacy.name?.trim() ?? '';
    const slug = slugify(legacy.slug || name);
    if (!name || !slug || name.length > 200) return { skip: { code: 'invalid_category', reason: `The legacy category ${legacyId} has no usable name.` } };
    let parentId: string | null = null;
    if (legacy.parentId && depth < MAX_DEPTH) {
      const parent = await this.remember(`category:id:${legacy.parentId}`, () => this.categoryById(legacy.parentId as string, depth + 1));
      parentId = 'id' in parent ? parent.id : null;
    }
    return this.namedCategory(name, slug, id, parentId, legacy.description);
  }

  private async namedCategory(name: string, slug: string, id: string | null, parentId: string | null, description: string | null = null): Promise<Resolved> {
    const match =
      (await this.tx.category.findUnique({ where: { slug }, select: { id: true } })) ??
      (await this.tx.category.findFirst({ where: { name: { equals: name, mode: 'insensitive' } }, select: { id: true }, orderBy: { createdAt: 'asc' } }));
    if (match) return { id: match.id };
    const created = await this.tx.category.create({
      data: { id: id ?? referenceIdFor('category', `slug:${slug}`), name, slug, parentId, description, isActive: true },
    });
    this.batch.categoriesCreated.push(name);
    return { id: created.id };
  }

  brand(source: NonNullable<BrandSource>): Promise<Resolved> {
    if (source.by === 'name') return this.remember(`brand:name:${source.name}`, () => this.namedBrand(source.name, slugify(source.name), null, null));
    return this.remember(`brand:id:${source.id}`, async () => {
      const id = referenceIdFor('brand', source.id);
      if (await this.tx.brand.findUnique({ where: { id }, select: { id: true } })) return { id };
      const legacy = this.legacyBrands.get(source.id);
      if (!legacy) return { skip: { code: 'unknown_brand', reason: `The brand id ${source.id} is neither in the catalog nor in the legacy brands table.` } };
      const name = legacy.name?.trim() ?? '';
      const slug = slugify(legacy.slug || name);
      if (!name || !slug || name.length > 200) return { skip: { code: 'invalid_brand', reason: `The legacy brand ${source.id} has no usable name.` } };
      return this.namedBrand(name, slug, id, legacy.description);
    });
  }

  private async namedBrand(name: string, slug: string, id: string | null, description: string | null): Promise<Resolved> {
    const match =
      (await this.tx.brand.findUnique({ where: { slug }, select: { id: true } })) ??
      (await this.tx.brand.findFirst({ where: { name: { equals: name, mode: 'insensitive' } }, select: { id: true } }));
    if (match) return { id: match.id };
    const created = await this.tx.brand.create({ data: { id: id ?? referenceIdFor('brand', `slug:${slug}`), name, slug, description, isActive: true } });
    this.batch.brandsCreated.push(name);
    return { id: created.id };
  }
}
