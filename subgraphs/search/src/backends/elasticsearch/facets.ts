import type { estypes } from '@elastic/elasticsearch';
import type { CategoryFacet, SearchFacets } from '../port.js';
import { PRICE_BUCKETS, RATING_BUCKETS } from './buckets.js';
import { parseFacetNodeKey, toIndexNumber } from './document.js';

type Query = estypes.QueryDslQueryContainer;
type Aggregation = estypes.AggregationsAggregationContainer;

/** A request's filter clauses by facet; attributes one by one, since each attribute is its own facet. */
export interface FacetFilters {
  category: Query[];
  brand: Query[];
  price: Query[];
  rating: Query[];
  inStock: Query[];
  attributes: Array<{ name: string; clause: Query }>;
}

/** How many values a facet lists at most (brands and attribute values as the PostgreSQL backend). */
const SIZES = { categories: 500, brands: 50, attributeNames: 50, attributeValues: 30 };

type Facet = Exclude<keyof FacetFilters, 'attributes'>;
const FACETS: Facet[] = ['category', 'brand', 'price', 'rating', 'inStock'];

/** The clauses of every filter, for post_filter. */
export const everyFilter = (filters: FacetFilters): Query[] => [
  ...FACETS.flatMap((facet) => filters[facet]),
  ...filters.attributes.map(({ clause }) => clause),
];

/** The attributes the request selects values of, each once, in order. */
export const selectedAttributes = (filters: FacetFilters): string[] => [...new Set(filters.attributes.map(({ name }) => name))];

/** Every filter but the facet's own: one facet, every attribute, or one attribute. */
function otherFilters(filters: FacetFilters, leave: Facet | 'attributes' | { attribute: string }): Query {
  const clauses = FACETS.filter((facet) => facet !== leave).flatMap((facet) => filters[facet]);
  for (const { name, clause } of filters.attributes) {
    const left = leave === 'attributes' || (typeof leave === 'object' && leave.attribute === name);
    if (!left) clauses.push(clause);
  }
  return clauses.length === 0 ? { match_all: {} } : { bool: { filter: clauses } };
}

/** Attribute values counted in products, not in nested attribute entries. */
const attributeValues: Aggregation = {
  terms: { field: 'attributes.value', size: SIZES.attributeValues, order: [{ _count: 'desc' }, { _key: 'asc' }] },
  aggs: { products: { reverse_nested: {} } },
};

/**
 * One filter aggregation per facet around the facet's own counting. Attributes: one aggregation for every attribute
 * nobody selected (all filters apply), and one per selected attribute that leaves out that attribute's selection.
 */
export function facetAggregations(filters: FacetFilters): Record<string, Aggregation> {
  const selected = selectedAttributes(filters);
  const aggs: Record<string, Aggregation> = {
    categories: {
      filter: otherFilters(filters, 'category'),
      aggs: { nodes: { terms: { field: 'category.nodes', size: SIZES.categories } } },
    },
    brands: {
      filter: otherFilters(filters, 'brand'),
      aggs: {
        ids: {
          terms: { field: 'brand.id', size: SIZES.brands },
          aggs: { name: { terms: { field: 'brand.name', size: 1 } } },
        },
      },
    },
    prices: {
      filter: otherFilters(filters, 'price'),
      aggs: {
        ranges: {
          range: {
            field: 'price',
            ranges: PRICE_BUCKETS.map(({ min, max }, i) => ({
              key: String(i),
              ...(min !== null && { from: toIndexNumber(min) }),
              ...(max !== null && { to: toIndexNumber(max) }),
            })),
          },
        },
      },
    },
    ratings: {
      filter: otherFilters(filters, 'rating'),
      aggs: { ranges: { range: { field: 'rating', ranges: RATING_BUCKETS.map((min) => ({ key: String(min), from: min })) } } },
    },
    in_stock: { filter: { bool: { filter: [otherFilters(filters, 'inStock'), { term: { availability: true } }] } } },
    attributes: {
      filter: otherFilters(filters, 'attributes'),
      aggs: {
        entries: {
          nested: { path: 'attributes' },
          aggs: {
            names: {
              terms: { field: 'attributes.name', size: SIZES.attributeNames, ...(selected.length > 0 && { exclude: selected }) },
              aggs: { values: attributeValues },
            },
          },
        },
      },
    },
  };
  selected.forEach((name, i) => {
    aggs[`selected_attribute_${i}`] = {
      filter: otherFilters(filters, { attribute: name }),
      aggs: {
        entries: {
          nested: { path: 'attributes' },
          aggs: { named: { filter: { term: { 'attributes.name': name } }, aggs: { values: attributeValues } } },
        },
      },
    };
  });
  return aggs;
}

interface Bucket<K = string> {
  key: K;
  doc_count: number;
}
interface Terms<B = Bucket> {
  buckets: B[];
}
interface ValuesBucket extends Bucket {
  products: { doc_count: number };
}
interface FacetResponse {
  categories: { nodes: Terms };
  brands: { ids: Terms<Bucket & { name: Terms }> };
  prices: { ranges: Terms };
  ratings: { ranges: Terms };
  in_stock: { doc_count: number };
  attributes: { entries: { names: Terms<Bucket & { values: Terms<ValuesBucket> }> } };
  [selected: `selected_attribute_${number}`]: { entries: { named: { values: Terms<ValuesBucket> } } };
}

/** The port's facets from the aggregations above; `selected` as selectedAttributes gave them. */
export function parseFacets(aggregations: unknown, selected: string[]): SearchFacets {
  const aggs = aggregations as FacetResponse;
  const values = (terms: Terms<ValuesBucket>) => terms.buckets.map((b) => ({ value: b.key, count: b.products.doc_count }));
  const attributes = [
    ...aggs.attributes.entries.names.buckets.map((b) => ({ name: b.key, values: values(b.values) })),
    ...selected.map((name, i) => ({ name, values: values(aggs[`selected_attribute_${i}`].entries.named.values) })),
  ];
  return {
    categories: categoryTree(aggs.categories.nodes.buckets),
    brands: aggs.brands.ids.buckets
      .map((b) => ({ id: b.key, name: b.name.buckets[0]?.key ?? '', count: b.doc_count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    // Elasticsearch returns range buckets sorted by their bounds: read them back by key, in the facet's own order.
    prices: PRICE_BUCKETS.map(({ min, max }, i) => ({ min, max, count: countOf(aggs.prices.ranges, String(i)) })),
    ratings: RATING_BUCKETS.map((min) => ({ min, count: countOf(aggs.ratings.ranges, String(min)) })),
    attributes: attributes.filter((a) => a.values.length > 0).sort((a, b) => a.name.localeCompare(b.name)),
    inStock: aggs.in_stock.doc_count,
  };
}

const countOf = (ranges: Terms, key: string) => ranges.buckets.find((b) => b.key === key)?.doc_count ?? 0;

/** Every product counts once under each level of its category trail, so a parent's count includes its descendants'. */
function categoryTree(buckets: Bucket[]): CategoryFacet[] {
  const nodes = buckets.map((b) => ({ ...parseFacetNodeKey(b.key), count: b.doc_count, children: [] as CategoryFacet[] }));
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const roots: CategoryFacet[] = [];
  for (const { parentId, ...node } of nodes) {
    const facet = byId.get(node.id)!;
    const parent = parentId === null ? undefined : byId.get(parentId);
    // A parent missing from a truncated aggregation leaves its child as a root rather than dropping it.
    (parent ? parent.children : roots).push(facet);
  }
  const order = (list: CategoryFacet[]): CategoryFacet[] =>
    list
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
      .map(({ id, name, slug, count, children }) => ({ id, name, slug, count, children: order(children) }));
  return order(roots);
}
