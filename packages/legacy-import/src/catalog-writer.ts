import type { Prisma as CatalogPrisma, Product, ProductVariant } from '@shop/catalog/generated/prisma/client';
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
  /** `changes` names what an update changed (e.g. `price 99.90 → 94.90`, `category`). */
  outcomes: Array<{ plan: ProductPlan; outcome: ProductOutcome; changes?: string[] } | Skip>;
  categoriesCreated: string[];
  brandsCreated: string[];
}

/** Where products with no category in the legacy table go: the catalog requires one. */
export const DEFAULT_CATEGORY = { name: 'Uncategorised', slug: 'uncategorised' } as const;
/** Advisory lock key (a constant the shop uses for nothing else): two imports at once take turns per batch, each seeing the other's rows. */
export const IMPORT_LOCK = 0x1e6a_c1a7;
/** A category chain is followed this deep at most (a broken legacy tree must not loop). */
const MAX_DEPTH = 20;

type Resolved = { id: string } | { skip: Omit<Skip, 'legacyId'> };
/** A category or brand to match or create: the legacy id (when there is one) is kept as the new row's id. */
type NewReference = { name: string; slug: string; id?: string; description?: string | null };

export class CatalogWriter {
  constructor(
    private readonly legacyCategories: Map<string, LegacyReference>,
    private readonly legacyBrands: Map<string, LegacyReference>,
    private readonly currency: string,
  ) {}

  async writeBatch(tx: CatalogTx, plans: ProductPlan[]): Promise<CatalogBatch> {
    const batch: CatalogBatch = { outcomes: [], categoriesCreated: [], brandsCreated: [] };
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`;
    // The batch's current catalog rows in four queries; most rows of a re-run end here, unchanged.
    const known = await BatchRows.read(tx, plans);
    const references = new References(tx, this.legacyCategories, this.legacyBrands, batch);
    const fresh: Placed[] = [];
    for (const plan of plans) {
      const inUse = known.skuInUse(plan);
      if (inUse) {
        batch.outcomes.push({ legacyId: plan.legacyId, code: 'sku_in_use', reason: inUse });
        continue;
      }
      const category = await references.category(plan.category);
      const brand = plan.brand ? await references.brand(plan.brand) : null;
      const skip = 'skip' in category ? category.skip : brand && 'skip' in brand ? brand.skip : null;
      if (skip) {
        batch.outcomes.push({ legacyId: plan.legacyId, ...skip });
        continue;
      }
      const placed = { plan, categoryId: (category as { id: string }).id, brandId: brand && 'id' in brand ? brand.id : null };
      if (known.products.has(plan.productId)) batch.outcomes.push({ plan, ...(await this.update(tx, placed, known)) });
      else fresh.push(placed);
    }
    await this.create(tx, fresh, known);
    batch.outcomes.push(...fresh.map((p) => ({ plan: p.plan, outcome: 'imported' as const })));
    return batch;
  }

  /** New products and their default variants in two statements, then each product's events as the catalog records them. */
  private async create(tx: CatalogTx, fresh: Placed[], known: BatchRows): Promise<void> {
    if (fresh.length === 0) return;
    const slugs = await known.freeSlugs(tx, fresh.map((p) => p.plan));
    const products = await tx.product.createManyAndReturn({
      data: fresh.map(({ plan, categoryId, brandId }, i) => ({
        ...productFields(plan, categoryId, brandId), id: plan.productId, slug: slugs[i], productType: 'simple',
      })),
    });
    const variants = await tx.productVariant.createManyAndReturn({
      data: fresh.map(({ plan }) => ({
        id: plan.variantId, productId: plan.productId, sku: plan.sku, price: plan.price, comparePrice: plan.comparePrice, isDefault: true,
      })),
    });
    const variantOf = new Map(variants.map((v) => [v.productId, v]));
    for (const product of products) await productCreated(tx, product, [variantOf.get(product.id) as ProductVariant], this.currency);
  }

  /** Brings an imported product in line with its legacy row; 'unchanged' (nothing written) when it already is. */
  private async update(
    tx: CatalogTx, { plan, categoryId, brandId }: Placed, known: BatchRows,
  ): Promise<{ outcome: ProductOutcome; changes?: string[] }> {
    const existing = known.products.get(plan.productId) as Product;
    const variant = known.variants.get(plan.variantId) ?? null;
    const changed = Object.fromEntries(
      Object.entries(productFields(plan, categoryId, brandId)).filter(([key, value]) => (existing as Record<string, unknown>)[key] !== value),
    ) as CatalogPrisma.ProductUncheckedUpdateManyInput;
    const variantDiffers =
      !variant ||
      variant.sku !== plan.sku ||
      variant.price.toFixed(2) !== plan.price ||
      (variant.comparePrice?.toFixed(2) ?? null) !== plan.comparePrice;
    if (Object.keys(changed).length === 0 && !variantDiffers) return { outcome: 'unchanged' };

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
        const created = await tx.productVariant.create({
          data: { ...data, id: plan.variantId, productId: plan.productId, isDefault: !hasDefault },
        });
        await variantCreated(tx, product, created, this.currency);
      }
    }
    return { outcome: 'updated', changes: describeChanges(existing, changed, variant, plan) };
  }
}

/** What an update changes, for the operator: short values shown before → after, long or id-valued ones named. */
function describeChanges(before: Product, changed: object, variant: ProductVariant | null, plan: ProductPlan): string[] {
  const shown = (value: unknown) => (value == null ? '–' : String(value));
  const changes = Object.keys(changed).map((field) =>
    ['name', 'sku', 'status'].includes(field)
      ? `${field} ${shown(before[field as keyof Product])} → ${shown(plan[field as keyof ProductPlan])}`
      : field.replace(/Id$/, ''),
  );
  if (!variant) return [...changes, 'default variant restored'];
  if (variant.price.toFixed(2) !== plan.price) changes.push(`price ${variant.price.toFixed(2)} → ${plan.price}`);
  const compare = variant.comparePrice?.toFixed(2) ?? null;
  if (compare !== plan.comparePrice) changes.push(`compare price ${shown(compare)} → ${shown(plan.comparePrice)}`);
  if (variant.sku !== plan.sku && !('sku' in changed)) changes.push(`variant sku ${variant.sku} → ${plan.sku}`);
  return changes;
}

/** A planned product with its category and brand found. */
interface Placed {
  plan: ProductPlan;
  categoryId: string;
  brandId: string | null;
}

/** The product columns the legacy row decides (the slug only on creation: an imported product's URL does not move). */
const productFields = (plan: ProductPlan, categoryId: string, brandId: string | null) => ({
  name: plan.name, sku: plan.sku, description: plan.description, categoryId, brandId, status: plan.status,
});

/** What the catalog holds for a batch's products and SKUs, read once. */
class BatchRows {
  private constructor(
    readonly products: Map<string, Product>,
    readonly variants: Map<string, ProductVariant>,
    private readonly productWithSku: Map<string, string>,
    private readonly variantWithSku: Map<string, { id: string; productId: string }>,
  ) {}

  static async read(tx: CatalogTx, plans: ProductPlan[]): Promise<BatchRows> {
    const skus = plans.map((p) => p.sku);
    const products = await tx.product.findMany({ where: { id: { in: plans.map((p) => p.productId) } } });
    const variants = await tx.productVariant.findMany({ where: { id: { in: plans.map((p) => p.variantId) } } });
    const bySku = await tx.product.findMany({ where: { sku: { in: skus } }, select: { id: true, sku: true } });
    const variantsBySku = await tx.productVariant.findMany({ where: { sku: { in: skus } }, select: { id: true, sku: true, productId: true } });
    return new BatchRows(
      new Map(products.map((p) => [p.id, p])),
      new Map(variants.map((v) => [v.id, v])),
      new Map(bySku.map((p) => [p.sku, p.id])),
      new Map(variantsBySku.map((v) => [v.sku, v])),
    );
  }

  /** Another catalog product (or another product's variant) already has the SKU: the catalog keeps SKUs unique. */
  skuInUse(plan: ProductPlan): string | null {
    const product = this.productWithSku.get(plan.sku);
    if (product && product !== plan.productId) return `The SKU "${plan.sku}" is already used by catalog product ${product}.`;
    const variant = this.variantWithSku.get(plan.sku);
    if (variant && variant.id !== plan.variantId) {
      return `The SKU "${plan.sku}" is already used by a variant of catalog product ${variant.productId}.`;
    }
    return null;
  }

  /** Each new product's slug: the planned one, or with the SKU appended when taken (two legacy products with one name). */
  async freeSlugs(tx: CatalogTx, plans: ProductPlan[]): Promise<string[]> {
    const candidates = plans.map((p) => [p.slug, `${p.slug}-${slugify(p.sku)}`, `${p.slug}-${p.productId.slice(0, 8)}`]);
    const rows = await tx.product.findMany({ where: { slug: { in: candidates.flat() } }, select: { slug: true } });
    const taken = new Set(rows.map((r) => r.slug));
    return plans.map((plan, i) => {
      const slug = candidates[i].find((s) => !taken.has(s)) ?? `${plan.slug}-${plan.productId}`;
      taken.add(slug);
      return slug;
    });
  }
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
    if (source.by === 'default') {
      return this.remember('category:default', () => this.namedCategory({ name: DEFAULT_CATEGORY.name, slug: DEFAULT_CATEGORY.slug }));
    }
    if (source.by === 'name') {
      return this.remember(`category:name:${source.name}`, () => this.namedCategory({ name: source.name, slug: slugify(source.name) }));
    }
    return this.remember(`category:id:${source.id}`, () => this.categoryById(source.id, 0));
  }

  /** By id in the catalog; else the legacy categories table's row, matched by slug or name, or created (parents first). */
  private async categoryById(legacyId: string, depth: number): Promise<Resolved> {
    const id = referenceIdFor('category', legacyId);
    if (await this.tx.category.findUnique({ where: { id }, select: { id: true } })) return { id };
    const legacy = this.legacyCategories.get(legacyId);
    if (!legacy) {
      return { skip: { code: 'unknown_category', reason: `The category id ${legacyId} is neither in the catalog nor in the legacy categories table.` } };
    }
    const name = legacy.name?.trim() ?? '';
    const slug = slugify(legacy.slug || name);
    if (!name || !slug || name.length > 200) {
      return { skip: { code: 'invalid_category', reason: `The legacy category ${legacyId} has no usable name.` } };
    }
    let parentId: string | null = null;
    if (legacy.parentId && depth < MAX_DEPTH) {
      const parent = await this.remember(`category:id:${legacy.parentId}`, () => this.categoryById(legacy.parentId as string, depth + 1));
      parentId = 'id' in parent ? parent.id : null;
    }
    return this.namedCategory({ name, slug, id, parentId, description: legacy.description });
  }

  private async namedCategory(c: NewReference & { parentId?: string | null }): Promise<Resolved> {
    const { name, slug } = c;
    const match =
      (await this.tx.category.findUnique({ where: { slug }, select: { id: true } })) ??
      (await this.tx.category.findFirst({
        where: { name: { equals: name, mode: 'insensitive' } }, select: { id: true }, orderBy: { createdAt: 'asc' },
      }));
    if (match) return { id: match.id };
    const created = await this.tx.category.create({
      data: {
        id: c.id ?? referenceIdFor('category', `slug:${slug}`), name, slug,
        parentId: c.parentId ?? null, description: c.description ?? null, isActive: true,
      },
    });
    this.batch.categoriesCreated.push(name);
    return { id: created.id };
  }

  brand(source: NonNullable<BrandSource>): Promise<Resolved> {
    if (source.by === 'name') {
      return this.remember(`brand:name:${source.name}`, () => this.namedBrand({ name: source.name, slug: slugify(source.name) }));
    }
    return this.remember(`brand:id:${source.id}`, async () => {
      const id = referenceIdFor('brand', source.id);
      if (await this.tx.brand.findUnique({ where: { id }, select: { id: true } })) return { id };
      const legacy = this.legacyBrands.get(source.id);
      if (!legacy) {
        return { skip: { code: 'unknown_brand', reason: `The brand id ${source.id} is neither in the catalog nor in the legacy brands table.` } };
      }
      const name = legacy.name?.trim() ?? '';
      const slug = slugify(legacy.slug || name);
      if (!name || !slug || name.length > 200) {
        return { skip: { code: 'invalid_brand', reason: `The legacy brand ${source.id} has no usable name.` } };
      }
      return this.namedBrand({ name, slug, id, description: legacy.description });
    });
  }

  private async namedBrand(b: NewReference): Promise<Resolved> {
    const { name, slug } = b;
    const match =
      (await this.tx.brand.findUnique({ where: { slug }, select: { id: true } })) ??
      (await this.tx.brand.findFirst({ where: { name: { equals: name, mode: 'insensitive' } }, select: { id: true } }));
    if (match) return { id: match.id };
    const created = await this.tx.brand.create({
      data: { id: b.id ?? referenceIdFor('brand', `slug:${slug}`), name, slug, description: b.description ?? null, isActive: true },
    });
    this.batch.brandsCreated.push(name);
    return { id: created.id };
  }
}
