/**
 * The PostgreSQL backend's tables and the indexes a rebuild recreates on their copies. Names match the migration
 * (prisma/search), and a swapped-in copy gets them back, so the schema never drifts from the migrations.
 */
export const LIVE = { index: 'search_index', vocabulary: 'search_vocabulary', suggestions: 'search_suggestions' } as const;
export const NEXT = { index: 'search_index_next', vocabulary: 'search_vocabulary_next', suggestions: 'search_suggestions_next' } as const;
export type TableSet = typeof LIVE | typeof NEXT;

export const PRIMARY_KEYS: Array<[keyof typeof LIVE, string]> = [
  ['index', '(product_id)'],
  ['vocabulary', '(word)'],
  ['suggestions', '(kind, ref_id)'],
];

export const SECONDARY_INDEXES: Array<[keyof typeof LIVE, string, string]> = [
  ['index', 'idx_search_index_document', 'USING GIN (document)'],
  ['index', 'idx_search_index_category_path', 'USING GIN (category_path)'],
  ['index', 'idx_search_index_attributes', 'USING GIN (attributes)'],
  ['index', 'idx_search_index_brand', '(brand_id)'],
  ['index', 'idx_search_index_price', '(price)'],
  ['index', 'idx_search_index_created', '(created_at)'],
  ['vocabulary', 'idx_search_vocabulary_trgm', 'USING GIN (word gin_trgm_ops)'],
  ['suggestions', 'idx_search_suggestions_prefix', '(norm)'],
  ['suggestions', 'idx_search_suggestions_trgm', 'USING GIN (norm gin_trgm_ops)'],
];

/** Upserts and removals take it shared; starting and swapping a rebuild take it alone (advisory, transaction). */
export const INDEX_LOCK = `hashtext('search.index')`;
/** Held (session) by the one rebuild running. */
export const REBUILD_LOCK = `hashtext('search.rebuild')`;
