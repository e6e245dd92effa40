import { badUserInput, encodeCursor, position, positionOf, readPage, type PageArgs } from '@shop/platform';
import type { SearchFilter, SearchFacets, SearchSort, Suggestion } from '../backends/port';
import type { SearchContext } from '../context';
import { assertQueryText, parseFilter, type SearchFilterInput } from '../domain/request';

export interface SearchArgs extends PageArgs {
  query?: string | null;
  filter?: SearchFilterInput | null;
  sort?: SearchSort | null;
}

export interface SearchEdge {
  cursor: string;
  node: { __typename: 'Product'; id: string };
  highlights: Array<{ field: string; snippets: string[] }>;
  score: number;
}

export interface SearchConnection {
  totalCount: number;
  edges: SearchEdge[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  facets: SearchFacets;
  didYouMean: string | null;
}

/** Offset paging: a cursor holds the position after its hit, bound to the query, filter and sort it was made for. */
interface Position {
  o: number;
}
const isPosition = positionOf<Position>({ o: (v: unknown): v is number => position.int32(v) && (v as number) >= 0 && (v as number) <= 10_000 });

/** Hits past this are not served (page further by narrowing the search). */
export const MAX_OFFSET = 10_000;

export async function searchProducts(ctx: SearchContext, args: SearchArgs): Promise<SearchConnection> {
  const text = assertQueryText(args.query);
  const sort = args.sort ?? 'RELEVANCE';
  const { filter, categorySlug } = parseFilter(args.filter);
  const page = readPage(args, isPosition, ['search', text, args.filter ?? null, sort]);
  if (categorySlug) filter.categoryId = await categoryIdOf(ctx, categorySlug);
  await assertKnownAttributes(ctx, filter);
  const offset = page.after?.o ?? 0;
  const limit = Math.min(page.limit, Math.max(0, MAX_OFFSET - offset));
  const result = await ctx.backend.search({ text, filter, sort, offset, limit });
  const edges = result.hits.map((hit, i) => ({
    cursor: encodeCursor({ o: offset + i + 1 }, page.scope),
    node: { __typename: 'Product' as const, id: hit.productId },
    highlights: hit.highlights,
    score: hit.score,
  }));
  return {
    totalCount: result.total,
    edges,
    pageInfo: {
      hasNextPage: offset + edges.length < Math.min(result.total, MAX_OFFSET),
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    facets: result.facets,
    didYouMean: result.didYouMean,
  };
}

export const MAX_SUGGESTIONS = 20;
const MAX_PREFIX_LENGTH = 100;

export async function searchSuggestions(ctx: SearchContext, prefix: string, first: number | null | undefined): Promise<Suggestion[]> {
  const limit = first ?? 8;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SUGGESTIONS) {
    throw badUserInput(`\`first\` must be between 1 and ${MAX_SUGGESTIONS}.`, [{ field: 'first', message: `must be 1..${MAX_SUGGESTIONS}` }]);
  }
  if (prefix.length > MAX_PREFIX_LENGTH) {
    throw badUserInput(`A prefix can be at most ${MAX_PREFIX_LENGTH} characters long.`, [{ field: 'prefix', message: 'too long' }]);
  }
  if (!/[\p{L}\p{N}]/u.test(prefix)) return [];
  return ctx.backend.suggest(prefix.trim(), limit);
}

/** A category slug → its id, from the categories the read model knows (a product's category or an ancestor). */
async function categoryIdOf(ctx: SearchContext, slug: string): Promise<string> {
  const rows = await ctx.db.$queryRaw<Array<{ id: string }>>`
    SELECT c->>'id' AS id FROM search_products p, jsonb_array_elements(coalesce(p.category->'path', '[]'::jsonb) || jsonb_build_array(p.category)) c
    WHERE p.category IS NOT NULL AND c->>'slug' = ${slug} LIMIT 1`;
  if (!rows[0]) throw badUserInput(`No category has the slug "${slug.slice(0, 100)}".`, [{ field: 'filter.categorySlug', message: 'unknown category' }]);
  return rows[0].id;
}

/** Filtering by an attribute no variant has is a mistake the shopper should hear about, not an empty page. */
async function assertKnownAttributes(ctx: SearchContext, filter: SearchFilter): Promise<void> {
  const names = filter.attributes?.map((a) => a.name) ?? [];
  if (names.length === 0) return;
  const rows = await ctx.db.$queryRaw<Array<{ name: string }>>`
    SELECT n AS name FROM unnest(${names}::text[]) n
    WHERE EXISTS (SELECT 1 FROM search_variants v WHERE v.attributes @> jsonb_build_array(jsonb_build_object('name', n)))`;
  const known = new Set(rows.map((r) => r.name));
  const unknown = names.findIndex((n) => !known.has(n));
  if (unknown >= 0) {
    throw badUserInput(`No product has the attribute "${names[unknown].slice(0, 50)}".`, [{ field: `filter.attributes.${unknown}.name`, message: 'unknown attribute' }]);
  }
}
