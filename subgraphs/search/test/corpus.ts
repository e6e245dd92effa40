import type { ProductDocument } from '../src/backends/port';

/**
 * The fixed corpus of the behavioural suite: a few products whose words, categories, brands, prices, ratings,
 * stock and attributes make each relevance, filter, facet and sort rule observable.
 */
export const ids = {
  electronics: '10000000-0000-4000-8000-000000000001',
  audio: '10000000-0000-4000-8000-000000000002',
  headphonesCategory: '10000000-0000-4000-8000-000000000003',
  clothing: '10000000-0000-4000-8000-000000000004',
  shirts: '10000000-0000-4000-8000-000000000005',
  kitchen: '10000000-0000-4000-8000-000000000006',
  sonic: '20000000-0000-4000-8000-000000000001',
  acme: '20000000-0000-4000-8000-000000000002',
  threadly: '20000000-0000-4000-8000-000000000003',
  wirelessHeadphones: '30000000-0000-4000-8000-000000000001',
  studioHeadphones: '30000000-0000-4000-8000-000000000002',
  wirelessMouse: '30000000-0000-4000-8000-000000000003',
  speaker: '30000000-0000-4000-8000-000000000004',
  cottonTee: '30000000-0000-4000-8000-000000000005',
  graphicTee: '30000000-0000-4000-8000-000000000006',
  trailRunner: '30000000-0000-4000-8000-000000000007',
  hikingBoot: '30000000-0000-4000-8000-000000000008',
  grinder: '30000000-0000-4000-8000-000000000009',
  cafeMug: '30000000-0000-4000-8000-000000000010',
};

const node = (id: string, name: string) => ({ id, name, slug: name.toLowerCase().replace(/\s+/g, '-') });
const electronics = node(ids.electronics, 'Electronics');
const audio = node(ids.audio, 'Audio');
const headphones = node(ids.headphonesCategory, 'Headphones');
const clothing = node(ids.clothing, 'Clothing');
const shirts = node(ids.shirts, 'Shirts');
const kitchen = node(ids.kitchen, 'Kitchen');
const category = (...path: Array<{ id: string; name: string; slug: string }>) => ({ ...path[path.length - 1], path });

const brands = {
  sonic: { id: ids.sonic, name: 'Sonic' },
  acme: { id: ids.acme, name: 'Acme' },
  threadly: { id: ids.threadly, name: 'Threadly' },
};

let day = 0;
function product(id: string, fields: Partial<ProductDocument> & Pick<ProductDocument, 'name' | 'price'>): ProductDocument {
  day += 1;
  const at = new Date(Date.UTC(2026, 0, day)).toISOString();
  return {
    id, slug: fields.name.toLowerCase().replace(/\W+/g, '-'), sku: `SKU-${id.slice(-4)}`, description: null, category: null, brand: null,
    comparePrice: null, currency: 'USD', rating: null, reviewCount: 0, inStock: true, attributes: [], tags: [], createdAt: at, updatedAt: at,
    ...fields,
  };
}

/** Created one day apart in this order: the last is the newest. */
export const corpus: ProductDocument[] = [
  product(ids.wirelessHeadphones, {
    name: 'Wireless Headphones', description: 'Over-ear headphones with noise cancelling and a 30 hour battery.', price: '99.00',
    category: category(electronics, audio, headphones), brand: brands.sonic, rating: '4.50', reviewCount: 10,
    attributes: [{ name: 'color', value: 'black' }],
  }),
  product(ids.studioHeadphones, {
    name: 'Studio Headphones', description: 'Wired monitor headphones for mixing.', price: '149.00', comparePrice: '179.00',
    category: category(electronics, audio, headphones), brand: brands.acme, rating: '4.00', reviewCount: 4, inStock: false,
    attributes: [{ name: 'color', value: 'white' }],
  }),
  product(ids.wirelessMouse, {
    name: 'Wireless Mouse', description: 'A quiet mouse for your laptop.', price: '25.00',
    category: category(electronics), brand: brands.acme, rating: '3.20', reviewCount: 5, attributes: [{ name: 'color', value: 'black' }],
  }),
  product(ids.speaker, {
    name: 'Bluetooth Speaker', description: 'Portable speaker that pairs with your phone.', price: '59.99',
    category: category(electronics, audio), brand: brands.sonic, attributes: [{ name: 'color', value: 'red' }],
  }),
  product(ids.cottonTee, {
    name: 'Classic Cotton T-Shirt', description: 'Soft crew neck in organic cotton.', price: '19.99',
    category: category(clothing, shirts), brand: brands.threadly, rating: '4.80', reviewCount: 20,
    attributes: [{ name: 'color', value: 'white' }, { name: 'size', value: 'M' }, { name: 'size', value: 'L' }],
  }),
  product(ids.graphicTee, {
    name: 'Graphic T-Shirt', description: 'Printed front, relaxed fit.', price: '24.00', inStock: false,
    category: category(clothing, shirts), brand: brands.threadly, attributes: [{ name: 'color', value: 'black' }, { name: 'size', value: 'S' }],
  }),
  product(ids.trailRunner, {
    name: 'Trail Runner', description: 'Lightweight shoe with a grippy sole.', price: '120.00',
    category: category(clothing), brand: brands.acme, rating: '3.90', reviewCount: 2,
  }),
  product(ids.hikingBoot, {
    name: 'Hiking Boot', description: 'Sturdier than a trail runner, made for rocky paths.', price: '180.00',
    category: category(clothing), brand: brands.acme, rating: '2.50', reviewCount: 2,
  }),
  product(ids.grinder, {
    name: 'Salt & Pepper Grinder', description: 'Ceramic <burr> grinder.', price: '35.00', category: category(kitchen), tags: ['spice'],
  }),
  product(ids.cafeMug, {
    name: 'Café Mug', description: 'Stoneware mug for espresso.', price: '12.50', category: category(kitchen),
  }),
];

export const documentOf = (id: string): ProductDocument => corpus.find((d) => d.id === id)!;
