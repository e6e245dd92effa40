import type { estypes } from '@elastic/elasticsearch';
import type { SearchHit, SearchRequest, SearchResult } from '../port.js';
import { parseFacets, selectedAttributes } from './facets.js';
import { filterClauses } from './query.js';

/** The port's result from a response to searchBody (didYouMean is asked separately, when nothing was found). */
export function parseSearchResponse(response: estypes.SearchResponse, request: SearchRequest): Omit<SearchResult, 'didYouMean'> {
  const total = response.hits.total;
  return {
    total: typeof total === 'number' ? total : (total?.value ?? 0),
    hits: response.hits.hits.map(
      (hit): SearchHit => ({
        productId: hit._id!,
        // Field sorts leave _score null.
        score: hit._score ?? 0,
        highlights: Object.entries(hit.highlight ?? {}).map(([field, snippets]) => ({ field, snippets })),
      }),
    ),
    facets: parseFacets(response.aggregations, selectedAttributes(filterClauses(request.filter))),
  };
}

/** Whether some product has every word as typed (see allWordsQuery); a listing without words has nothing to correct. */
export function allWordsFound(response: estypes.SearchResponse): boolean {
  const allWords = response.aggregations?.all_words as { doc_count: number } | undefined;
  return allWords === undefined || allWords.doc_count > 0;
}

/** The collated phrase suggestion, unless it only repeats the shopper's words. */
export function parseDidYouMean(response: estypes.SearchResponse, text: string): string | null {
  const suggestion = response.suggest?.did_you_mean?.[0]?.options;
  const options = Array.isArray(suggestion) ? suggestion : suggestion ? [suggestion] : [];
  const best = options[0]?.text;
  return best && best.toLowerCase() !== text.trim().toLowerCase() ? best : null;
}
