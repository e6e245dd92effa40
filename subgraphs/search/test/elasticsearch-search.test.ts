/**
 * What this proves: the search requests the Elasticsearch backend sends (query, filters in post_filter, facet
 * aggregations that each leave out their own selection, sorts, paging, highlights, did-you-mean) and
 * how it reads canned responses into the port's SearchResult — checked on the official client's requests, captured
 * with @elastic/elasticsearch-mock. It does NOT prove relevance or that a real Elasticsearch accepts these
 * requests: no Elasticsearch server can run here. The behavioural suite (embedded/test/search-*.test.ts) can be
 * pointed at a real cluster with ELASTICSEARCH_URL.
 */
import { createLogger } from '@shop/platform/logger';
import { elasticsearchBackend, PRICE_BUCKETS, RATING_BUCKETS } from '../src/backends/elasticsearch/index.js';
import { mockCluster } from '../src/backends/elasticsearch/testing.js';
import { PRICE_BUCKETS as POSTGRES_PRICE_BUCKETS, RATING_BUCKETS as POSTGRES_RATING_BUCKETS } from '../src/backends/postgres/query.js';
import type { SearchRequest, SearchSort } from '../src/backends/port.js';

const log = createLogger('search-es-test', 'silent');

const noHits = { took: 1, hits: { total: { value: 0, relation: 'eq' }, hits: [] }, aggregations: emptyAggregations() };

/** A cluster whose searches answer with `responses` in turn (the last one repeats), keeping each request body. */
function cluster(...responses: object[]) {
  const searches: any[] = [];
  const es = mockCluster({
    indices: { product_index_v1: ['product_index'] },
    search: (_, body) => {
      searches.push(body);
      return responses[searches.length - 1] ?? responses.at(-1) ?? noHits;
    },
  });
  return { backend: elasticsearchBackend({ node: 'unused', client: es.client, log }), searches };
}

const withTotal = (total: number) => ({ ...noHits, hits: { total: { value: total, relation: 'eq' }, hits: [] } });

function request(overrides: Partial<SearchRequest> = {}): SearchRequest {
  return { text: 'wireless headphones', filter: {}, sort: 'RELEVANCE', offset: 0, limit: 20, ...overrides };
}

const TEXT_FIELDS = ['name.words^3', 'brand.name.text^2', 'category.name.text^2', 'description.words'];

function emptyAggregations(selected = 0) {
  const values = { buckets: [] };
  const aggs: Record<string, unknown> = {
    categories: { doc_count: 0, nodes: { buckets: [] } },
    brands: { doc_count: 0, ids: { buckets: [] } },
    prices: { doc_count: 0, ranges: { buckets: [] } },
    ratings: { doc_count: 0, ranges: { buckets: [] } },
    in_stock: { doc_count: 0 },
    attributes: { doc_count: 0, entries: { doc_count: 0, names: { buckets: [] } } },
  };
  for (let i = 0; i < selected; i++) aggs[`selected_attribute_${i}`] = { doc_count: 0, entries: { named: { values } } };
  return aggs;
}

const clause = {
  category: { term: { 'category.ancestors': 'c-audio' } },
  brand: { terms: { 'brand.id': ['b-sonic', 'b-bolt'] } },
  price: { range: { price: { gte: 10, lte: 99.99 } } },
  rating: { range: { rating: { gte: 4 } } },
  inStock: { term: { availability: true } },
  color: {
    nested: {
      path: 'attributes',
      query: { bool: { filter: [{ term: { 'attributes.name': 'color' } }, { terms: { 'attributes.value': ['black', 'red'] } }] } },
    },
  },
  size: {
    nested: {
      path: 'attributes',
      query: { bool: { filter: [{ term: { 'attributes.name': 'size' } }, { terms: { 'attributes.value': ['M'] } }] } },
    },
  },
};

const everyFilter: SearchRequest['filter'] = {
  categoryId: 'c-audio',
  brandIds: ['b-sonic', 'b-bolt'],
  minPrice: '10.00',
  maxPrice: '99.99',
  minRating: 4,
  inStock: true,
  attributes: [
    { name: 'color', values: ['black', 'red'] },
    { name: 'size', values: ['M'] },
  ],
};

describe('the search request sent to Elasticsearch', () => {
  it('looks for the words as typed, the last also as a prefix, and boosts all words, the phrase and the exact name', async () => {
    const { backend, searches } = cluster();

    await backend.search(request());

    const text = 'wireless headphones';
    expect(searches).toHaveLength(1);
    expect(searches[0].query).toEqual({
      bool: {
        must: {
          bool: {
            should: [
              { multi_match: { query: text, fields: TEXT_FIELDS, type: 'best_fields', boost: 2 } },
              { nested: { path: 'attributes', score_mode: 'max', query: { match: { 'attributes.value.text': { query: text } } } } },
              { multi_match: { query: text, fields: TEXT_FIELDS, type: 'bool_prefix', analyzer: 'shop_prefix' } },
            ],
            minimum_should_match: 1,
          },
        },
        should: [
          { multi_match: { query: text, fields: TEXT_FIELDS, type: 'cross_fields', operator: 'and', boost: 3 } },
          { match_phrase: { name: { query: text, boost: 5 } } },
          { term: { 'name.keyword': { value: text, case_insensitive: true, boost: 10 } } },
        ],
      },
    });
    expect(searches[0]).toMatchObject({ track_total_hits: true, _source: false, from: 0, size: 20 });
    expect(searches[0].post_filter).toBeUndefined();
    expect(searches[0].suggest).toBeUndefined();
  });

  it('counts, for each word of 3 letters or more, the products having it as typed (the last also as a prefix)', async () => {
    const { backend, searches } = cluster();

    await backend.search(request({ text: 'usb-c to hdmi' }));

    const exact = (word: string) => [
      { multi_match: { query: word, fields: TEXT_FIELDS, type: 'best_fields', boost: 2 } },
      { nested: { path: 'attributes', score_mode: 'max', query: { match: { 'attributes.value.text': { query: word } } } } },
    ];
    const aggs = searches[0].aggs;
    expect(Object.keys(aggs).filter((name) => name.startsWith('word_'))).toEqual(['word_0', 'word_3']);
    expect(aggs.word_0).toEqual({ filter: { bool: { should: exact('usb'), minimum_should_match: 1 } } });
    expect(aggs.word_3).toEqual({
      filter: {
        bool: {
          should: [...exact('hdmi'), { multi_match: { query: 'hdmi', fields: TEXT_FIELDS, type: 'bool_prefix', analyzer: 'shop_prefix' } }],
          minimum_should_match: 1,
        },
      },
    });
  });

  it('matches again with typos when some word found nothing as typed, asking for a "did you mean" in the same request', async () => {
    const unknownWord = { ...noHits, aggregations: { ...emptyAggregations(), word_0: { doc_count: 4 }, word_1: { doc_count: 0 } } };
    const { backend, searches } = cluster(unknownWord, noHits);

    await backend.search(request({ text: 'wireless hedphones' }));

    expect(searches).toHaveLength(2);
    const text = 'wireless hedphones';
    const fuzzy = { analyzer: 'shop_text', fuzziness: 'AUTO', prefix_length: 1 };
    expect(searches[1].query.bool.must.bool.should).toEqual([
      ...searches[0].query.bool.must.bool.should,
      { multi_match: { query: text, fields: TEXT_FIELDS, type: 'best_fields', ...fuzzy } },
      { nested: { path: 'attributes', score_mode: 'max', query: { match: { 'attributes.value.text': { query: text, ...fuzzy } } } } },
    ]);
    expect(searches[1].query.bool.should).toEqual(searches[0].query.bool.should);
    expect(Object.keys(searches[1].aggs).some((name) => name.startsWith('word_'))).toBe(false);
    expect(searches[1].suggest).toEqual({
      did_you_mean: {
        text,
        phrase: {
          field: 'name',
          analyzer: 'standard',
          size: 1,
          max_errors: 2,
          direct_generator: [{ field: 'name', suggest_mode: 'always', min_word_length: 3 }],
          collate: { query: { source: '{"match":{"name":{"query":"{{suggestion}}","operator":"and"}}}' }, prune: false },
        },
      },
    });
  });

  it('narrows the hits with every filter in post_filter, prices turned into numbers only there', async () => {
    const { backend, searches } = cluster({ ...noHits, aggregations: emptyAggregations(2) });

    await backend.search(request({ filter: everyFilter }));

    expect(searches[0].post_filter).toEqual({
      bool: { filter: [clause.category, clause.brand, clause.price, clause.rating, clause.inStock, clause.color, clause.size] },
    });
  });

  it('counts each facet with every filter but its own, each selected attribute with every other attribute’s', async () => {
    const { backend, searches } = cluster({ ...noHits, aggregations: emptyAggregations(2) });

    await backend.search(request({ filter: everyFilter }));

    const aggs = searches[0].aggs;
    const filters = (...clauses: object[]) => ({ bool: { filter: clauses } });
    expect(aggs.categories.filter).toEqual(filters(clause.brand, clause.price, clause.rating, clause.inStock, clause.color, clause.size));
    expect(aggs.brands.filter).toEqual(filters(clause.category, clause.price, clause.rating, clause.inStock, clause.color, clause.size));
    expect(aggs.prices.filter).toEqual(filters(clause.category, clause.brand, clause.rating, clause.inStock, clause.color, clause.size));
    expect(aggs.ratings.filter).toEqual(filters(clause.category, clause.brand, clause.price, clause.inStock, clause.color, clause.size));
    expect(aggs.in_stock.filter).toEqual({
      bool: { filter: [filters(clause.category, clause.brand, clause.price, clause.rating, clause.color, clause.size), clause.inStock] },
    });
    // Attributes nobody selected: every filter applies; the selected ones are counted apart.
    expect(aggs.attributes.filter).toEqual(filters(clause.category, clause.brand, clause.price, clause.rating, clause.inStock));
    expect(aggs.attributes.aggs.entries.aggs.names.terms).toEqual({ field: 'attributes.name', size: 50, exclude: ['color', 'size'] });
    const others = [clause.category, clause.brand, clause.price, clause.rating, clause.inStock];
    expect(aggs.selected_attribute_0.filter).toEqual(filters(...others, clause.size));
    expect(aggs.selected_attribute_0.aggs.entries.aggs.named.filter).toEqual({ term: { 'attributes.name': 'color' } });
    expect(aggs.selected_attribute_1.filter).toEqual(filters(...others, clause.color));
    expect(aggs.selected_attribute_1.aggs.entries.aggs.named.filter).toEqual({ term: { 'attributes.name': 'size' } });
  });

  it('counts an attribute selected twice once, leaving out both of its selections', async () => {
    const { backend, searches } = cluster({ ...noHits, aggregations: emptyAggregations(1) });
    const filter = { attributes: [{ name: 'size', values: ['M'] }, { name: 'size', values: ['L'] }] };

    const result = await backend.search(request({ filter }));

    const aggs = searches[0].aggs;
    expect(aggs.selected_attribute_0.filter).toEqual({ match_all: {} });
    expect(aggs.selected_attribute_1).toBeUndefined();
    expect(result.facets.attributes).toEqual([]);
  });

  it('counts facets over every product found when nothing is selected', async () => {
    const { backend, searches } = cluster();

    await backend.search(request());

    const aggs = searches[0].aggs;
    for (const facet of ['categories', 'brands', 'prices', 'ratings', 'attributes']) expect(aggs[facet].filter).toEqual({ match_all: {} });
    expect(aggs.in_stock.filter).toEqual({ bool: { filter: [{ match_all: {} }, { term: { availability: true } }] } });
    expect(aggs.categories.aggs.nodes.terms).toEqual({ field: 'category.nodes', size: 500 });
    expect(aggs.brands.aggs.ids).toEqual({
      terms: { field: 'brand.id', size: 50 },
      aggs: { name: { terms: { field: 'brand.name', size: 1 } } },
    });
    expect(aggs.prices.aggs.ranges.range).toEqual({
      field: 'price',
      ranges: [
        { key: '0', to: 25 },
        { key: '1', from: 25, to: 50 },
        { key: '2', from: 50, to: 100 },
        { key: '3', from: 100, to: 200 },
        { key: '4', from: 200, to: 500 },
        { key: '5', from: 500 },
      ],
    });
    expect(aggs.ratings.aggs.ranges.range).toEqual({
      field: 'rating',
      ranges: [{ key: '4', from: 4 }, { key: '3', from: 3 }, { key: '2', from: 2 }, { key: '1', from: 1 }],
    });
    expect(aggs.attributes.aggs.entries.aggs.names.aggs.values).toEqual({
      terms: { field: 'attributes.value', size: 30, order: [{ _count: 'desc' }, { _key: 'asc' }] },
      aggs: { products: { reverse_nested: {} } },
    });
    expect(Object.keys(aggs).sort()).toEqual(['attributes', 'brands', 'categories', 'in_stock', 'prices', 'ratings', 'word_0', 'word_1']);
  });

  it('uses the same price and rating buckets as the PostgreSQL backend', () => {
    expect(PRICE_BUCKETS.map(({ min, max }) => [min, max])).toEqual(
      POSTGRES_PRICE_BUCKETS.map(([min, max]) => [min && `${min}.00`, max && `${max}.00`]),
    );
    expect(RATING_BUCKETS).toEqual(POSTGRES_RATING_BUCKETS);
  });

  it.each<[SearchSort, object[]]>([
    ['RELEVANCE', [{ _score: { order: 'desc' } }, { created_at: 'desc' }, { id: 'asc' }]],
    ['PRICE_ASC', [{ price: 'asc' }, { id: 'asc' }]],
    ['PRICE_DESC', [{ price: 'desc' }, { id: 'asc' }]],
    ['NEWEST', [{ created_at: 'desc' }, { id: 'asc' }]],
    ['RATING', [{ rating: { order: 'desc', missing: '_last' } }, { review_count: 'desc' }, { id: 'asc' }]],
  ])('sorts %s on the index fields, ending on the id', async (sort, expected) => {
    const { backend, searches } = cluster();

    await backend.search(request({ sort }));

    expect(searches[0].sort).toEqual(expected);
  });

  it('lists by filter only without words: every product, newest first, nothing to highlight or correct', async () => {
    const { backend, searches } = cluster();

    const result = await backend.search(request({ text: null, filter: { inStock: true } }));

    expect(searches).toHaveLength(1);
    expect(searches[0].query).toEqual({ match_all: {} });
    expect(searches[0].sort).toEqual([{ created_at: 'desc' }, { id: 'asc' }]);
    expect(searches[0].highlight).toBeUndefined();
    expect(result.didYouMean).toBeNull();
  });

  it('pages with from and size; past the 10,000-hit window it asks for totals and facets only', async () => {
    const { backend, searches } = cluster(withTotal(10_500));

    await backend.search(request({ offset: 40, limit: 20 }));
    await backend.search(request({ offset: 9_990, limit: 20 }));

    expect(searches).toHaveLength(2);
    expect(searches[0]).toMatchObject({ from: 40, size: 20 });
    expect(searches[1]).toMatchObject({ from: 0, size: 0 });
  });

  it('highlights the words in names and descriptions with <em> and escapes the rest as HTML', async () => {
    const { backend, searches } = cluster();

    await backend.search(request());

    expect(searches[0].highlight).toEqual({
      encoder: 'html',
      pre_tags: ['<em>'],
      post_tags: ['</em>'],
      fields: { 'name.words': { number_of_fragments: 0 }, 'description.words': { fragment_size: 160, number_of_fragments: 2 } },
    });
  });
});

describe('reading Elasticsearch’s answer', () => {
  const node = (name: string, slug: string, id: string, parentId: string | null) => JSON.stringify([name, slug, id, parentId]);
  const valueBuckets = (...pairs: Array<[string, number]>) => ({
    buckets: pairs.map(([key, products]) => ({ key, doc_count: products + 1, products: { doc_count: products } })),
  });
  const response = {
    took: 3,
    hits: {
      total: { value: 42, relation: 'eq' },
      max_score: 7.5,
      hits: [
        {
          _index: 'product_index_v20261130120000000',
          _id: 'p-1',
          _score: 7.5,
          highlight: { 'name.words': ['<em>Wireless</em> <em>Headphones</em>'], 'description.words': ['Over-ear &amp; <em>wireless</em>'] },
        },
        { _index: 'product_index_v20261130120000000', _id: 'p-2', _score: 3.25 },
      ],
    },
    aggregations: {
      categories: {
        doc_count: 42,
        nodes: {
          buckets: [
            { key: node('Electronics', 'electronics', 'c-el', null), doc_count: 40 },
            { key: node('Audio', 'audio', 'c-au', 'c-el'), doc_count: 30 },
            { key: node('Headphones', 'headphones', 'c-hp', 'c-au'), doc_count: 25 },
            { key: node('Speakers', 'speakers', 'c-sp', 'c-au'), doc_count: 5 },
            { key: node('Cables', 'cables', 'c-ca', 'c-el'), doc_count: 10 },
            { key: node('Gifts', 'gifts', 'c-gi', null), doc_count: 2 },
          ],
        },
      },
      brands: {
        doc_count: 42,
        ids: {
          buckets: [
            { key: 'b-1', doc_count: 20, name: { buckets: [{ key: 'Sonic', doc_count: 20 }] } },
            { key: 'b-2', doc_count: 20, name: { buckets: [{ key: 'Acme', doc_count: 20 }] } },
            { key: 'b-3', doc_count: 2, name: { buckets: [{ key: 'Bolt', doc_count: 2 }] } },
          ],
        },
      },
      prices: {
        doc_count: 42,
        ranges: {
          buckets: [
            { key: '0', to: 25, doc_count: 10 },
            { key: '1', from: 25, to: 50, doc_count: 20 },
            { key: '2', from: 50, to: 100, doc_count: 8 },
            { key: '3', from: 100, to: 200, doc_count: 3 },
            { key: '4', from: 200, to: 500, doc_count: 1 },
            { key: '5', from: 500, doc_count: 0 },
          ],
        },
      },
      // Range buckets come back sorted by their bounds, not in the order asked.
      ratings: {
        doc_count: 42,
        ranges: {
          buckets: [
            { key: '1', from: 1, doc_count: 30 },
            { key: '2', from: 2, doc_count: 29 },
            { key: '3', from: 3, doc_count: 25 },
            { key: '4', from: 4, doc_count: 12 },
          ],
        },
      },
      in_stock: { doc_count: 37 },
      attributes: {
        doc_count: 42,
        entries: {
          doc_count: 90,
          names: { buckets: [{ key: 'size', doc_count: 50, values: valueBuckets(['M', 20], ['L', 15]) }] },
        },
      },
      selected_attribute_0: {
        doc_count: 40,
        entries: { doc_count: 80, named: { doc_count: 40, values: valueBuckets(['black', 30], ['red', 10]) } },
      },
    },
  };

  it('gives the hits in order with their scores and highlights, the total, and every facet', async () => {
    const { backend } = cluster(response);

    const result = await backend.search(request({ filter: { attributes: [{ name: 'color', values: ['black'] }] } }));

    expect(result).toEqual({
      total: 42,
      hits: [
        {
          productId: 'p-1',
          score: 7.5,
          highlights: [
            { field: 'name', snippets: ['<em>Wireless</em> <em>Headphones</em>'] },
            { field: 'description', snippets: ['Over-ear &amp; <em>wireless</em>'] },
          ],
        },
        { productId: 'p-2', score: 3.25, highlights: [] },
      ],
      facets: {
        categories: [
          {
            id: 'c-el',
            name: 'Electronics',
            slug: 'electronics',
            count: 40,
            children: [
              {
                id: 'c-au',
                name: 'Audio',
                slug: 'audio',
                count: 30,
                children: [
                  { id: 'c-hp', name: 'Headphones', slug: 'headphones', count: 25, children: [] },
                  { id: 'c-sp', name: 'Speakers', slug: 'speakers', count: 5, children: [] },
                ],
              },
              { id: 'c-ca', name: 'Cables', slug: 'cables', count: 10, children: [] },
            ],
          },
          { id: 'c-gi', name: 'Gifts', slug: 'gifts', count: 2, children: [] },
        ],
        brands: [
          { id: 'b-2', name: 'Acme', count: 20 },
          { id: 'b-1', name: 'Sonic', count: 20 },
          { id: 'b-3', name: 'Bolt', count: 2 },
        ],
        prices: [
          { min: null, max: '25.00', count: 10 },
          { min: '25.00', max: '50.00', count: 20 },
          { min: '50.00', max: '100.00', count: 8 },
          { min: '100.00', max: '200.00', count: 3 },
          { min: '200.00', max: '500.00', count: 1 },
          { min: '500.00', max: null, count: 0 },
        ],
        ratings: [
          { min: 4, count: 12 },
          { min: 3, count: 25 },
          { min: 2, count: 29 },
          { min: 1, count: 30 },
        ],
        // Counted in products (reverse_nested), not in attribute entries; sorted by name.
        attributes: [
          { name: 'color', values: [{ value: 'black', count: 30 }, { value: 'red', count: 10 }] },
          { name: 'size', values: [{ value: 'M', count: 20 }, { value: 'L', count: 15 }] },
        ],
        inStock: 37,
      },
      didYouMean: null,
    });
  });

  it('gives a score of 0 to hits sorted by a field (Elasticsearch leaves their score null)', async () => {
    const sorted = { ...response, hits: { ...response.hits, hits: [{ _index: 'i', _id: 'p-9', _score: null, sort: [19.99, 'p-9'] }] } };
    const { backend } = cluster(sorted);

    const result = await backend.search(request({ sort: 'PRICE_ASC', filter: { attributes: [{ name: 'color', values: ['black'] }] } }));

    expect(result.hits).toEqual([{ productId: 'p-9', score: 0, highlights: [] }]);
  });
});

describe('did you mean', () => {
  const unknownWord = { ...noHits, aggregations: { ...emptyAggregations(), word_0: { doc_count: 0 } } };
  const withSuggestion = (text: string | null, total = 0) => ({
    ...withTotal(total),
    hits: { total: { value: total, relation: 'eq' }, hits: total > 0 ? [{ _index: 'i', _id: 'p-1', _score: 1.5 }] : [] },
    suggest: { did_you_mean: [{ text: 'wirelesss hedfones', offset: 0, length: 18, options: text ? [{ text, score: 0.02 }] : [] }] },
  });

  it('offers the collated suggestion with the products found through typos', async () => {
    const { backend } = cluster(unknownWord, withSuggestion('wireless headphones', 2));

    const result = await backend.search(request({ text: 'wireless hedphones' }));

    expect(result).toMatchObject({ total: 2, hits: [{ productId: 'p-1' }], didYouMean: 'wireless headphones' });
  });

  it('offers the suggestion even when typos find nothing either, since the suggestion itself finds products', async () => {
    const { backend } = cluster(unknownWord, withSuggestion('wireless headphones'));

    const result = await backend.search(request({ text: 'wirelesss hedfones' }));

    expect(result).toMatchObject({ total: 0, didYouMean: 'wireless headphones' });
  });

  it('offers nothing when no close spelling finds products, or the suggestion only repeats the words', async () => {
    const none = cluster(unknownWord, withSuggestion(null));
    await expect(none.backend.search(request({ text: 'zzqx' }))).resolves.toMatchObject({ didYouMean: null, total: 0 });

    const same = cluster(unknownWord, withSuggestion('wireless headphones'));
    await expect(same.backend.search(request({ text: 'Wireless Headphones' }))).resolves.toMatchObject({ didYouMean: null });
  });

  it('is not asked for, nor typos matched, when every word finds products as typed', async () => {
    const known = { ...emptyAggregations(), word_0: { doc_count: 3 }, word_1: { doc_count: 1 } };
    const { backend, searches } = cluster({ ...withTotal(3), aggregations: known });

    const result = await backend.search(request());

    expect(searches).toHaveLength(1);
    expect(result).toMatchObject({ total: 3, didYouMean: null });
  });
});
