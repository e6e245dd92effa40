import type { estypes } from '@elastic/elasticsearch';
import type { SearchHit, SearchRequest, SearchResult } from '../port.js';
import { parseFacets, selectedAttributes } from './facets.js';
import { filterClauses } from './query.js';

/** The port's result from a response to searchBody, but its "did you mean" (see parseDidYouMean). */
export function parseSearchResponse(response: estypes.SearchResponse, request: SearchRequest): Omit<SearchResult, 'didYouMean'> {
  const total = response.hits.total;
  return {
    total: typeof total === 'number' ? total : (total?.value ?? 0),
    hits: response.hits.hits.map(
      (hit): SearchHit => ({
        productId: hit._id!,
        // Field sorts leave _score null.
        score: hit._score ?? 0,
        // Highlights come from the sub-fields the words matched: "name.words" is the name.
        highlights: Object.entries(hit.highlight ?? {}).map(([field, snippets]) => ({ field: field.replace(/\.words$/, ''), snippets })),
      }),
    ),
    facets: parseFacets(response.aggregations, selectedAttributes(filterClauses(request.filter))),
  };
}

/** The collated phrase suggestion, unless it only repeats the shopper's words. */
export function parseDidYouMean(response: estypes.SearchResponse, text: string): string | null {
  const suggestion = response.suggest?.did_you_mean?.[0]?.options;
  const options = Array.isArray(suggestion) ? suggestion : suggestion ? [suggestion] : [];
  const best = options[0]?.text;
  return best && best.toLowerCase() !== text.trim().toLowerCase() ? best : null;
}
