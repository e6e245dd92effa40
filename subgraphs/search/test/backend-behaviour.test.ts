import type { SearchFilter, SearchRequest, SearchResult, SearchSort } from '../src/backends/port';
import { backendUnderTest, type BackendUnderTest } from './backend-under-test';
import { corpus, documentOf, ids } from './corpus';

/**
 * The search port's behaviour on a fixed corpus: relevance, typos, synonyms, every filter and sort, multi-select
 * facets, paging, highlights, suggestions and the zero-downtime rebuild. Runs against PostgreSQL for real; set
 * ELASTICSEARCH_URL to run the same assertions against a real Elasticsearch (see the README).
 */
let under: BackendUnderTest;

beforeAll(async () => {
  under = await backendUnderTest();
  await under.backend.upsert(corpus);
  await under.settle();
});

afterAll(async () => {
  await under?.stop();
});

function search(text: string | null, filter: SearchFilter = {}, sort: SearchSort = 'RELEVANCE', offset = 0, limit = 20): Promise<SearchResult> {
  const request: SearchRequest = { text, filter, sort, offset, limit };
  return under.backend.search(request);
}
const idsOf = (result: SearchResult) => result.hits.map((h) => h.productId);
const sorted = (list: string[]) => [...list].sort();

describe('relevance', () => {
  test('an exact name match beats a description match', async () => {
    const result = await search('trail runner');
    expect(idsOf(result)[0]).toBe(ids.trailRunner);
    expect(idsOf(result)).toContain(ids.hikingBoot);
  });

  test('"hedphones" finds headphones and offers the right spelling', async () => {
    const result = await search('hedphones');
    expect(idsOf(result)).toEqual(expect.arrayContaining([ids.wirelessHeadphones, ids.studioHeadphones]));
    expect(result.didYouMean).toBe('headphones');
  });

  test('"wireless headphones" ranks the product having both words first', async () => {
    const result = await search('wireless headphones');
    expect(idsOf(result)[0]).toBe(ids.wirelessHeadphones);
    expect(idsOf(result)).toEqual(expect.arrayContaining([ids.studioHeadphones, ids.wirelessMouse]));
  });

  test('the synonym table makes "tee" find t-shirts', async () => {
    const result = await search('tee');
    expect(sorted(idsOf(result))).toEqual(sorted([ids.cottonTee, ids.graphicTee]));
  });

  test('words are matched without accents and by their stem', async () => {
    expect(idsOf(await search('cafe'))).toEqual([ids.cafeMug]);
    expect(idsOf(await search('headphone'))).toEqual(expect.arrayContaining([ids.wirelessHeadphones, ids.studioHeadphones]));
  });

  test('the last word matches as a prefix while the shopper types', async () => {
    expect(idsOf(await search('blueto'))).toEqual([ids.speaker]);
  });

  test('query syntax characters are plain separators, never operators', async () => {
    const result = await search("salt & pepper | ! ( ) : * \\ '");
    expect(idsOf(result)[0]).toBe(ids.grinder);
  });

  test('a word nothing resembles finds nothing and offers nothing', async () => {
    const result = await search('zzzqqqxxx');
    expect(result.total).toBe(0);
    expect(result.didYouMean).toBeNull();
  });
});

describe('highlights', () => {
  test('matched words are wrapped in <em> and the rest is HTML-escaped', async () => {
    const result = await search('grinder');
    const hit = result.hits.find((h) => h.productId === ids.grinder)!;
    const name = hit.highlights.find((h) => h.field === 'name')!.snippets[0];
    expect(name).toBe('Salt &amp; Pepper <em>Grinder</em>');
    const description = hit.highlights.find((h) => h.field === 'description')!.snippets.join(' ');
    expect(description).toContain('&lt;burr&gt;');
    expect(description).toContain('<em>grinder</em>');
  });
});

describe('filters', () => {
  test('a category matches its descendants', async () => {
    const result = await search(null, { categoryId: ids.electronics });
    expect(sorted(idsOf(result))).toEqual(sorted([ids.wirelessHeadphones, ids.studioHeadphones, ids.wirelessMouse, ids.speaker]));
    expect(sorted(idsOf(await search(null, { categoryId: ids.headphonesCategory })))).toEqual(sorted([ids.wirelessHeadphones, ids.studioHeadphones]));
  });

  test('brands, price range, rating, stock and attributes', async () => {
    expect(sorted(idsOf(await search(null, { brandIds: [ids.sonic] })))).toEqual(sorted([ids.wirelessHeadphones, ids.speaker]));
    expect(sorted(idsOf(await search(null, { minPrice: '24.00', maxPrice: '59.99' })))).toEqual(sorted([ids.wirelessMouse, ids.speaker, ids.graphicTee, ids.grinder]));
    expect(sorted(idsOf(await search(null, { minRating: 4 })))).toEqual(sorted([ids.wirelessHeadphones, ids.studioHeadphones, ids.cottonTee]));
    expect(idsOf(await search('headphones', { inStock: true }))).toEqual([ids.wirelessHeadphones]);
    expect(sorted(idsOf(await search(null, { attributes: [{ name: 'color', values: ['black'] }] })))).toEqual(sorted([ids.wirelessHeadphones, ids.wirelessMouse, ids.graphicTee]));
    // OR within an attribute, AND across attributes
    expect(sorted(idsOf(await search(null, { attributes: [{ name: 'color', values: ['black', 'white'] }, { name: 'size', values: ['S'] }] })))).toEqual([ids.graphicTee]);
  });

  test('text and filters combine', async () => {
    const result = await search('headphones', { brandIds: [ids.acme], maxPrice: '200' });
    expect(idsOf(result)).toEqual([ids.studioHeadphones]);
    expect(result.total).toBe(1);
  });
});

describe('sorts and paging', () => {
  const all = corpus.map((d) => d.id);
  test('price ascending and descending', async () => {
    const byPrice = [...corpus].sort((a, b) => Number(a.price) - Number(b.price)).map((d) => d.id);
    expect(idsOf(await search(null, {}, 'PRICE_ASC'))).toEqual(byPrice);
    expect(idsOf(await search(null, {}, 'PRICE_DESC'))).toEqual([...byPrice].reverse());
  });

  test('newest first', async () => {
    expect(idsOf(await search(null, {}, 'NEWEST'))).toEqual([...all].reverse());
  });

  test('best rated first, unrated last', async () => {
    const order = idsOf(await search(null, {}, 'RATING'));
    expect(order.slice(0, 3)).toEqual([ids.cottonTee, ids.wirelessHeadphones, ids.studioHeadphones]);
    expect(order.slice(-4)).toEqual(expect.arrayContaining([ids.speaker, ids.graphicTee, ids.grinder, ids.cafeMug]));
  });

  test('pages follow one another without gaps or repeats', async () => {
    const pages = [await search(null, {}, 'PRICE_ASC', 0, 4), await search(null, {}, 'PRICE_ASC', 4, 4), await search(null, {}, 'PRICE_ASC', 8, 4)];
    expect(pages.map((p) => p.hits.length)).toEqual([4, 4, 2]);
    expect(pages.every((p) => p.total === corpus.length)).toBe(true);
    expect(pages.flatMap(idsOf)).toEqual(idsOf(await search(null, {}, 'PRICE_ASC')));
  });
});

describe('facets', () => {
  test('without selections they count every hit', async () => {
    const { facets, total } = await search(null);
    expect(total).toBe(corpus.length);
    expect(facets.brands).toEqual(expect.arrayContaining([
      { id: ids.acme, name: 'Acme', count: 4 }, { id: ids.sonic, name: 'Sonic', count: 2 }, { id: ids.threadly, name: 'Threadly', count: 2 },
    ]));
    const electronics = facets.categories.find((c) => c.id === ids.electronics)!;
    expect(electronics.count).toBe(4);
    const audio = electronics.children.find((c) => c.id === ids.audio)!;
    expect(audio.count).toBe(3);
    expect(audio.children).toEqual([expect.objectContaining({ id: ids.headphonesCategory, name: 'Headphones', count: 2 })]);
    expect(facets.inStock).toBe(8);
    expect(facets.prices).toEqual([
      { min: null, max: '25.00', count: 3 }, { min: '25.00', max: '50.00', count: 2 }, { min: '50.00', max: '100.00', count: 2 },
      { min: '100.00', max: '200.00', count: 3 }, { min: '200.00', max: '500.00', count: 0 }, { min: '500.00', max: null, count: 0 },
    ]);
    expect(facets.ratings).toEqual([{ min: 4, count: 3 }, { min: 3, count: 5 }, { min: 2, count: 6 }, { min: 1, count: 6 }]);
    const color = facets.attributes.find((a) => a.name === 'color')!;
    expect(color.values).toEqual(expect.arrayContaining([{ value: 'black', count: 3 }, { value: 'white', count: 2 }, { value: 'red', count: 1 }]));
  });

  test("each facet ignores its own selection but applies the others'", async () => {
    const { facets, total } = await search(null, { brandIds: [ids.sonic], attributes: [{ name: 'color', values: ['black'] }] });
    expect(total).toBe(1); // Sonic and black: the wireless headphones
    // brands: counted with color=black only → Acme 1 (mouse), Sonic 1, Threadly 1 (graphic tee)
    expect(sorted(facets.brands.map((b) => `${b.name}:${b.count}`))).toEqual(['Acme:1', 'Sonic:1', 'Threadly:1']);
    // colors: counted with brand Sonic only → black 1, red 1
    const color = facets.attributes.find((a) => a.name === 'color')!;
    expect(sorted(color.values.map((v) => `${v.value}:${v.count}`))).toEqual(['black:1', 'red:1']);
    expect(facets.inStock).toBe(1);
  });

  test('a category selection keeps the other categories counted', async () => {
    const { facets, total } = await search(null, { categoryId: ids.shirts });
    expect(total).toBe(2);
    expect(facets.categories.map((c) => c.id)).toEqual(expect.arrayContaining([ids.electronics, ids.clothing, ids.kitchen]));
    expect(facets.brands).toEqual([{ id: ids.threadly, name: 'Threadly', count: 2 }]);
  });
});

describe('suggestions', () => {
  test('complete products, categories and brands from a prefix', async () => {
    const found = await under.backend.suggest('head', 10);
    expect(found).toEqual(expect.arrayContaining([
      { kind: 'CATEGORY', id: ids.headphonesCategory, text: 'Headphones' },
      { kind: 'PRODUCT', id: ids.studioHeadphones, text: 'Studio Headphones' },
    ]));
    expect(await under.backend.suggest('son', 5)).toEqual(expect.arrayContaining([{ kind: 'BRAND', id: ids.sonic, text: 'Sonic' }]));
  });

  test('tolerate a typo and respect the limit', async () => {
    expect((await under.backend.suggest('hedphone', 5)).map((s) => s.text)).toContain('Wireless Headphones');
    expect(await under.backend.suggest('s', 2)).toHaveLength(2);
  });
});

describe('changes', () => {
  test('a removed product is no longer found and an updated one is found by its new words', async () => {
    await under.backend.remove([ids.cafeMug]);
    await under.backend.upsert([{ ...documentOf(ids.grinder), name: 'Salt & Pepper Mill' }]);
    await under.settle();
    expect((await search('cafe')).total).toBe(0);
    expect(idsOf(await search('mill'))).toEqual([ids.grinder]);
    expect((await under.backend.suggest('café', 5)).filter((s) => s.kind === 'PRODUCT')).toEqual([]);
    await under.backend.upsert([documentOf(ids.cafeMug), documentOf(ids.grinder)]);
    await under.settle();
  });

  test('a full rebuild swaps in a new index while searches go on, keeping changes made meanwhile', async () => {
    let searching = true;
    const failures: unknown[] = [];
    let searches = 0;
    const searcher = (async () => {
      while (searching) {
        try {
          const result = await search('headphones');
          if (result.total < 1) failures.push(new Error('no hits mid-rebuild'));
          searches += 1;
        } catch (error) {
          failures.push(error);
        }
      }
    })();
    const renamed = { ...documentOf(ids.speaker), name: 'Bluetooth Boombox' };
    async function* batches() {
      yield corpus.slice(0, 5);
      // changes that arrive while the rebuild runs: an update of a product already loaded, a removal of one to come
      await under.backend.upsert([renamed]);
      await under.backend.remove([ids.cafeMug]);
      yield corpus.slice(5);
    }
    const rebuilt = await under.backend.rebuild(batches());
    await under.settle();
    searching = false;
    await searcher;
    expect(failures).toEqual([]);
    expect(searches).toBeGreaterThan(0);
    expect(rebuilt.indexed).toBeGreaterThanOrEqual(corpus.length - 1);
    expect(idsOf(await search('boombox'))).toEqual([ids.speaker]);
    expect((await search('cafe')).total).toBe(0);
    expect((await search(null)).total).toBe(corpus.length - 1);
    expect(await under.backend.suggest('bluetooth b', 5)).toEqual([{ kind: 'PRODUCT', id: ids.speaker, text: 'Bluetooth Boombox' }]);
  });
});
