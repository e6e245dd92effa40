import { categoryTree } from '../src/backends/postgres/query';
import { markedFragment } from '../src/backends/postgres/highlight';
import { wordsOf } from '../src/backends/postgres/terms';
import { compareDecimal, productDocument, type ProductFacts, type VariantFacts } from '../src/domain/document';
import { assertQueryText, parseFilter } from '../src/domain/request';

const product: ProductFacts = {
  id: '30000000-0000-4000-8000-000000000001', sku: 'P-1', name: 'Wireless Headphones', slug: 'wireless-headphones', description: null,
  status: 'active', category: null, brand: null, tags: [], rating: null, reviewCount: 0,
  createdAt: new Date('2026-01-01T00:00:00Z'), updatedAt: new Date('2026-01-02T00:00:00Z'),
};
const variant = (id: string, price: string, fields: Partial<VariantFacts> = {}): VariantFacts => ({
  id, price, comparePrice: null, currency: 'USD', isActive: true, attributes: [], available: 0, ...fields,
});

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return 'accepted';
};

describe('the document of a product', () => {
  it('takes the lowest active price exactly, its compare price, and is in stock when an active variant has stock', () => {
    const doc = productDocument(product, [
      variant('v1', '10.00', { available: 0 }),
      variant('v2', '9.50', { comparePrice: '12.00', available: 3, attributes: [{ name: 'color', value: 'red' }] }),
      variant('v3', '1.00', { isActive: false, available: 9 }),
    ]);
    expect(doc).toMatchObject({ price: '9.50', comparePrice: '12.00', inStock: true, attributes: [{ name: 'color', value: 'red' }] });
  });

  it('is out of stock when only an inactive variant or no inventory holds stock', () => {
    expect(productDocument(product, [variant('v1', '5.00', { available: null }), variant('v2', '4.00', { isActive: false, available: 5 })])?.inStock).toBe(false);
  });

  it('does not exist for drafts, archived products or products without an active variant', () => {
    expect(productDocument({ ...product, status: 'draft' }, [variant('v1', '5.00')])).toBeNull();
    expect(productDocument({ ...product, status: 'archived' }, [variant('v1', '5.00')])).toBeNull();
    expect(productDocument(product, [variant('v1', '5.00', { isActive: false })])).toBeNull();
  });

  it('compares decimal strings without floats', () => {
    expect(compareDecimal('9.5', '10.00')).toBe(-1);
    expect(compareDecimal('10.10', '10.1')).toBe(0);
    expect(compareDecimal('0.30', '0.1')).toBe(1);
  });
});

describe("the shopper's input", () => {
  it('refuses blank, overlong and wordless queries, and lets a missing one browse', () => {
    expect(assertQueryText(undefined)).toBeNull();
    expect(assertQueryText('  headphones ')).toBe('headphones');
    for (const bad of ['', '   ', 'x'.repeat(201), "& | ! ( ) : * \\ '"]) expect(codeOf(() => assertQueryText(bad))).toBe('BAD_USER_INPUT');
  });

  it('keeps only letters and digits as words, so query syntax cannot reach a tsquery', () => {
    expect(wordsOf("Wireless & | ! (Head)phones: * \\ 'x' Café")).toEqual(['wireless', 'head', 'phones', 'x', 'café']);
  });

  it('checks prices, ids, ratings and attributes', () => {
    expect(parseFilter({ minPrice: '10', maxPrice: '20.5', minRating: 4, inStock: true }).filter).toEqual({ minPrice: '10', maxPrice: '20.5', minRating: 4, inStock: true });
    for (const bad of [
      { minPrice: '-1' }, { maxPrice: '1e3' }, { minPrice: '5.001' }, { minPrice: '30', maxPrice: '20' }, { brandIds: ['acme'] },
      { categoryId: 'x', categorySlug: 'y' }, { minRating: 6 }, { attributes: [{ name: 'color', values: [] }] },
      { attributes: [{ name: 'color', values: ['a=b'] }] }, { attributes: [{ name: 'c', values: ['1'] }, { name: 'c', values: ['2'] }] },
    ]) {
      expect([bad, codeOf(() => parseFilter(bad))]).toEqual([bad, 'BAD_USER_INPUT']);
    }
  });
});

describe('facets and highlights', () => {
  it('builds a category tree where a parent counts its descendants', () => {
    const root = { id: 'r', name: 'Root', slug: 'root' };
    const a = { id: 'a', name: 'A', slug: 'a' };
    const b = { id: 'b', name: 'B', slug: 'b' };
    expect(categoryTree([{ path: [root, a], count: 2 }, { path: [root, b], count: 3 }, { path: [root], count: 1 }])).toEqual([
      { ...root, count: 6, children: [{ ...b, count: 3, children: [] }, { ...a, count: 2, children: [] }] },
    ]);
  });

  it('escapes everything but the marks it adds', () => {
    expect(markedFragment('Salt & \uE000b\uE001 \x01Pepper\x02 "mill"')).toBe('Salt &amp; &lt;b&gt; <em>Pepper</em> &quot;mill&quot;');
    expect(markedFragment('nothing matched')).toBeNull();
  });
});
