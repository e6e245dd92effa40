/**
 * What this proves: the autocomplete request the Elasticsearch backend sends (completion suggesters, prefix
 * patterns for categories and brands) and how it reads a canned answer into the port's suggestions — checked on the
 * official client's requests, captured with @elastic/elasticsearch-mock. It does NOT prove what a real
 * Elasticsearch suggests or how fast: no Elasticsearch server can run here. The behavioural suite
 * (embedded/test/search-*.test.ts) can be pointed at a real cluster with ELASTICSEARCH_URL.
 */
import { createLogger } from '@shop/platform/logger';
import { elasticsearchBackend } from '../src/backends/elasticsearch/index.js';
import { anyCasePattern } from '../src/backends/elasticsearch/suggest.js';
import { wordStarts } from '../src/backends/elasticsearch/document.js';
import { mockCluster } from '../src/backends/elasticsearch/testing.js';

const log = createLogger('search-es-test', 'silent');

function cluster(answer: object) {
  const searches: any[] = [];
  const es = mockCluster({
    indices: { product_index_v1: ['product_index'] },
    search: (_, body) => {
      searches.push(body);
      return answer;
    },
  });
  return { backend: elasticsearchBackend({ node: 'unused', client: es.client, log }), searches };
}

const node = (name: string, id: string, parentId: string | null) => JSON.stringify([name, name.toLowerCase(), id, parentId]);
const option = (id: string, name: string, text = name) => ({ text, _index: 'product_index_v1', _id: id, _score: 1, _source: { name } });

const answer = {
  took: 1,
  hits: { total: { value: 9, relation: 'eq' }, hits: [] },
  suggest: {
    names: [{ text: 'head', offset: 0, length: 4, options: [option('p-1', 'Headphones Pro'), option('p-2', 'Headband')] }],
    // p-1 again (its later word matched too) and one product found only by a later word.
    words: [
      {
        text: 'head',
        offset: 0,
        length: 4,
        options: [option('p-1', 'Headphones Pro', 'Headphones Pro'), option('p-3', 'Wireless Headphones', 'Headphones')],
      },
    ],
  },
  aggregations: {
    categories: {
      buckets: [
        { key: node('Headphones', 'c-hp', 'c-au'), doc_count: 5 },
        { key: node('Headwear', 'c-hw', null), doc_count: 1 },
      ],
    },
    brands: { buckets: [{ key: 'Headstrong', doc_count: 2, id: { buckets: [{ key: 'b-hs', doc_count: 2 }] } }] },
  },
};

describe('autocomplete on Elasticsearch', () => {
  it('asks the completion suggesters for products and prefix-filtered terms for categories and brands, in one request', async () => {
    const { backend, searches } = cluster(answer);

    await backend.suggest('Head', 8);

    const completion = (field: string) => ({
      prefix: 'Head',
      completion: { field, size: 8, skip_duplicates: true, fuzzy: { fuzziness: 'AUTO' } },
    });
    expect(searches).toEqual([
      {
        size: 0,
        _source: ['name'],
        suggest: { names: completion('name.suggest'), words: completion('word_suggest') },
        aggs: {
          categories: { terms: { field: 'category.nodes', size: 8, include: '\\[\\"[hH][eE][aA][dD].*' } },
          brands: {
            terms: { field: 'brand.name', size: 8, include: '[hH][eE][aA][dD].*' },
            aggs: { id: { terms: { field: 'brand.id', size: 1 } } },
          },
        },
      },
    ]);
  });

  it('lists categories, then brands, then products without repeating one, at most `limit`', async () => {
    const { backend } = cluster(answer);

    await expect(backend.suggest('head', 10)).resolves.toEqual([
      { kind: 'CATEGORY', id: 'c-hw', text: 'Headwear' },
      { kind: 'CATEGORY', id: 'c-hp', text: 'Headphones' },
      { kind: 'BRAND', id: 'b-hs', text: 'Headstrong' },
      { kind: 'PRODUCT', id: 'p-1', text: 'Headphones Pro' },
      { kind: 'PRODUCT', id: 'p-2', text: 'Headband' },
      { kind: 'PRODUCT', id: 'p-3', text: 'Wireless Headphones' },
    ]);
    await expect(backend.suggest('head', 4)).resolves.toHaveLength(4);
  });

  it('matches the typed characters literally in the prefix patterns, whatever the shopper types', () => {
    expect(anyCasePattern('T-Shirt')).toBe('[tT]-[sS][hH][iI][rR][tT]');
    expect(anyCasePattern('a.b*c"(d)|e\\f#@&<>~?+{}[]')).toBe(
      '[aA]\\.[bB]\\*[cC]\\"\\([dD]\\)\\|[eE]\\\\[fF]\\#\\@\\&\\<\\>\\~\\?\\+\\{\\}\\[\\]',
    );
    expect(anyCasePattern('Ärger 42')).toBe('[äÄ][rR][gG][eE][rR] 42');
  });

  it('escapes a category prefix as the JSON keys store it', async () => {
    const { backend, searches } = cluster(answer);

    await backend.suggest('"Q\\', 5);

    expect(searches[0].aggs.categories.terms.include).toBe('\\[\\"\\\\\\"[qQ]\\\\\\\\.*');
  });

  it('asks nothing for an empty prefix', async () => {
    const { backend, searches } = cluster(answer);

    await expect(backend.suggest('   ', 5)).resolves.toEqual([]);
    expect(searches).toHaveLength(0);
  });

  it('indexes every later word of a name for completion', () => {
    expect(wordStarts('Wireless  Noise Headphones')).toEqual(['Noise Headphones', 'Headphones']);
    expect(wordStarts('Headphones')).toEqual([]);
  });
});
