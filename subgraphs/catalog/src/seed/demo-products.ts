import { slugify } from '../domain/product';
import type { Prisma } from '../generated/prisma/client';
import { attributeDefinitions, brands, categoryTree, displayValue, type CategorySpec, type ProductLine } from './demo-data';
import { SeededRandom } from './random';

export interface DemoCatalog {
  categories: Prisma.CategoryCreateManyInput[];
  brands: Prisma.BrandCreateManyInput[];
  attributes: Prisma.ProductAttributeCreateManyInput[];
  attributeValues: Prisma.ProductAttributeValueCreateManyInput[];
  products: Prisma.ProductCreateManyInput[];
  variants: Prisma.ProductVariantCreateManyInput[];
  images: Prisma.ProductImageCreateManyInput[];
  reviews: Prisma.ProductReviewCreateManyInput[];
  relations: Prisma.ProductRelationCreateManyInput[];
}

const SEED = 20_261_125;
const PRODUCTS_PER_LINE = 11;
const DAY_MS = 86_400_000;
const MEASURE = /^\d+(cm|kg|l|gb|tb)$/;

interface SeededProduct {
  id: string;
  line: ProductLine;
  lineSlug: string;
  priceCents: number;
}

/** Builds the whole demo catalog in memory: the same rows on every run, timestamps relative to `now`. */
export function buildDemoCatalog(now: Date): DemoCatalog {
  const rng = new SeededRandom(SEED);
  const catalog: DemoCatalog = {
    categories: [], brands: [], attributes: [], attributeValues: [], products: [], variants: [], images: [], reviews: [], relations: [],
  };
  const brandIds = new Map(brands.map((b) => [b.name, rng.uuid()]));
  for (const brand of brands) {
    const slug = slugify(brand.name);
    catalog.brands.push({
      id: brandIds.get(brand.name), name: brand.name, slug, description: brand.description,
      logoUrl: `https://picsum.photos/seed/brand-${slug}/200/200`, websiteUrl: `https://${slug}.example.com`,
    });
  }
  const customers = Array.from({ length: 60 }, () => rng.uuid());
  const seeded: SeededProduct[] = [];

  const addCategory = (spec: CategorySpec, parentId: string | null, displayOrder: number) => {
    const id = rng.uuid();
    catalog.categories.push({
      id, parentId, name: spec.name, slug: spec.slug, description: spec.description, displayOrder,
      metaTitle: `${spec.name} | Demo Shop`, metaDescription: spec.description, metaKeywords: spec.name.toLowerCase(),
    });
    spec.children?.forEach((child, i) => addCategory(child, id, i));
    if (spec.line) seeded.push(...addProducts(catalog, rng, spec, id, brandIds, customers, now));
  };
  categoryTree.forEach((root, i) => addCategory(root, null, i));

  addRelations(catalog, rng, seeded);
  addAttributes(catalog, rng);
  return catalog;
}

function addProducts(
  catalog: DemoCatalog, rng: SeededRandom, spec: CategorySpec, categoryId: string,
  brandIds: Map<string, string>, customers: string[], now: Date,
): SeededProduct[] {
  const line = spec.line as ProductLine;
  const names = rng.shuffle(line.styles.flatMap((style) => line.items.map((item) => ({ style, item })))).slice(0, PRODUCTS_PER_LINE);
  return names.map(({ style, item }, index) => {
    const id = rng.uuid();
    const brand = rng.pick(line.brands);
    const name = `${style} ${item}`;
    const slug = slugify(`${name} ${brand}`);
    const sku = `${line.code}-${String(index + 1).padStart(4, '0')}`;
    // A trait the name already states wins ("Linen Shirt" is linen, "Bluetooth Speaker" is Bluetooth).
    const named = (values: string[]) => values.find((v) => name.toLowerCase().includes(displayValue(v).toLowerCase()));
    const traits = Object.fromEntries(Object.entries(line.traits ?? {}).map(([key, values]) => [key, named(values) ?? rng.pick(values)]));
    const short = `${name} by ${brand}${traits.material ? `, in ${displayValue(traits.material).toLowerCase()}` : ''}.`;
    const priceCents = retail(rng.int(line.price[0], line.price[1]) * 100);
    const grams = rng.int(line.grams[0], line.grams[1]);
    const createdAt = new Date(now.getTime() - rng.int(1, 240) * DAY_MS - rng.int(0, DAY_MS));
    const variants = variantsOf(line, rng);

    catalog.products.push({
      id, name, slug, sku, categoryId, brandId: brandIds.get(brand), status: 'active',
      productType: variants.length > 1 ? 'configurable' : 'simple',
      shortDescription: short,
      description: [short, ...rng.shuffle(line.features).slice(0, 3)].join(' '),
      weight: decimal(grams, 3),
      dimensionsLength: decimal(rng.int(1_000, 6_000), 2), dimensionsWidth: decimal(rng.int(800, 4_000), 2), dimensionsHeight: decimal(rng.int(200, 3_000), 2),
      metaTitle: `${name} | ${brand}`, metaDescription: short, metaKeywords: [item, style, brand, spec.name].join(', ').toLowerCase(),
      createdAt, updatedAt: createdAt,
    });

    const compare = rng.chance(0.3) ? rng.int(120, 140) : null; // about a third of products are on sale
    variants.forEach((options, i) => {
      const price = retail(priceCents + Math.round((priceCents * 15 * step(line, options)) / 10_000) * 100);
      catalog.variants.push({
        id: rng.uuid(), productId: id, sku: [sku, ...Object.values(options)].join('-').toUpperCase(),
        name: Object.values(options).map(displayValue).join(' / ') || 'Standard',
        price: decimal(price, 2),
        comparePrice: compare ? decimal(retail(Math.round((price * compare) / 100)), 2) : null,
        costPrice: decimal(Math.round((price * rng.int(40, 60)) / 100), 2),
        weight: decimal(grams, 3), barcode: ean13(rng), attributes: { ...options, ...traits },
        isDefault: i === 0, createdAt, updatedAt: createdAt,
      });
    });

    ['front view', 'detail', 'in use'].slice(0, rng.int(2, 3)).forEach((view, i) => {
      catalog.images.push({
        productId: id, url: `https://picsum.photos/seed/${i === 0 ? slug : `${slug}-${i + 1}`}/800/800`,
        altText: `${name}, ${view}`, displayOrder: i, isPrimary: i === 0,
      });
    });

    addReviews(catalog, rng, id, item, createdAt, now, customers);
    return { id, line, lineSlug: spec.slug, priceCents };
  });
}

/** 1–5 variants: a shuffled first axis (usually colour) crossed with the others in their natural order. */
function variantsOf(line: ProductLine, rng: SeededRandom): Record<string, string>[] {
  const axes = Object.entries(line.options);
  let combos: Record<string, string>[] = [{}];
  axes.forEach(([axis, values], i) => {
    const ordered = i === 0 && !MEASURE.test(values[0]) ? rng.shuffle(values) : values;
    combos = combos.flatMap((combo) => ordered.map((value) => ({ ...combo, [axis]: value })));
  });
  return combos.slice(0, rng.int(1, 5));
}

/** How many steps up a measured option (storage, capacity, size in cm, weight) is; each costs 15% more. */
function step(line: ProductLine, options: Record<string, string>): number {
  return Object.entries(options).reduce((sum, [axis, value]) => (MEASURE.test(value) ? sum + line.options[axis].indexOf(value) : sum), 0);
}

const reviewTitles: Record<number, string[]> = {
  5: ['Exactly what I wanted', 'Love it', 'Excellent quality', 'Would buy again'],
  4: ['Very good', 'Solid choice', 'Happy with it'],
  3: ['Does the job', 'Decent, not perfect'],
  2: ['Disappointed', 'Not as described'],
  1: ['Sent it back', 'Poor quality'],
};
const reviewBodies: Record<number, string[]> = {
  5: ['Better than I expected for the price.', 'Great build and it arrived quickly.', 'I use it every day and it still looks new.'],
  4: ['Good value, one or two small niggles.', 'Nicely made; the colour is a little different from the photos.'],
  3: ['Fine for everyday use, nothing special.', 'It works, but I expected a bit more.'],
  2: ['The finish wore off after a few weeks.', 'Smaller than it looked online.'],
  1: ['Broke within a week.', 'Not what the description promised.'],
};

function addReviews(catalog: DemoCatalog, rng: SeededRandom, productId: string, item: string, since: Date, now: Date, customers: string[]): void {
  const quality = rng.int(3, 5);
  for (const customerId of rng.shuffle(customers).slice(0, rng.int(0, 8))) {
    const rating = Math.min(5, Math.max(1, quality + rng.pick([-2, -1, 0, 0, 0, 1])));
    const createdAt = new Date(since.getTime() + rng.next() * (now.getTime() - since.getTime()));
    catalog.reviews.push({
      productId, customerId, rating, title: rng.pick(reviewTitles[rating]),
      content: `${rng.pick(reviewBodies[rating])} Bought this ${item.toLowerCase()} ${rng.pick(['as a gift', 'for myself', 'to replace an old one'])}.`,
      isVerifiedPurchase: rng.chance(0.6), isApproved: rng.chance(0.85), helpfulCount: rng.int(0, 25), createdAt, updatedAt: createdAt,
    });
  }
}

/** Related items from the same line, one pricier item as an up-sell, and items from the paired line as cross-sells. */
function addRelations(catalog: DemoCatalog, rng: SeededRandom, products: SeededProduct[]): void {
  for (const product of products) {
    const sameLine = products.filter((p) => p.lineSlug === product.lineSlug && p.id !== product.id);
    const pricier = sameLine.filter((p) => p.priceCents > product.priceCents);
    const pairs = products.filter((p) => p.lineSlug === product.line.crossSell);
    const relate = (relationType: string, related: SeededProduct[]) =>
      related.forEach((r, displayOrder) => catalog.relations.push({ productId: product.id, relatedProductId: r.id, relationType, displayOrder }));
    relate('related', rng.shuffle(sameLine).slice(0, 3));
    relate('up_sell', pricier.length ? [rng.pick(pricier)] : []);
    relate('cross_sell', rng.shuffle(pairs).slice(0, 2));
  }
}

/** One definition per attribute used by a line, with every value any line uses, in first-seen order. */
function addAttributes(catalog: DemoCatalog, rng: SeededRandom): void {
  const values = new Map<string, Set<string>>();
  const collect = (spec: CategorySpec) => {
    for (const [name, list] of Object.entries({ ...spec.line?.options, ...spec.line?.traits })) {
      list.forEach((v) => values.set(name, (values.get(name) ?? new Set()).add(v)));
    }
    spec.children?.forEach(collect);
  };
  categoryTree.forEach(collect);
  attributeDefinitions.forEach((definition, displayOrder) => {
    const id = rng.uuid();
    catalog.attributes.push({ id, ...definition, attributeType: 'select', displayOrder });
    [...(values.get(definition.name) ?? [])].forEach((value, order) =>
      catalog.attributeValues.push({ attributeId: id, value, displayValue: displayValue(value), displayOrder: order }),
    );
  });
}

/** A shelf price: whole units minus one cent (49.99), from integer cents so no float ever touches money. */
function retail(cents: number): number {
  return Math.max(1, Math.round(cents / 100)) * 100 - 1;
}

/** Integer hundredths/thousandths as a decimal string: decimal(4999, 2) → "49.99". */
function decimal(units: number, places: 2 | 3): string {
  const scale = 10 ** places;
  return `${Math.floor(units / scale)}.${String(units % scale).padStart(places, '0')}`;
}

/** A valid EAN-13 (check digit included) in the 200–299 "in-store" range, so it never names a real product. */
function ean13(rng: SeededRandom): string {
  const digits = [2, ...Array.from({ length: 11 }, () => rng.int(0, 9))];
  const sum = digits.reduce((acc, d, i) => acc + d * (i % 2 ? 3 : 1), 0);
  return [...digits, (10 - (sum % 10)) % 10].join('');
}
