/**
 * The fixed facet buckets. Both backends must show the same ones; until the search context has a shared
 * definition (src/domain), this is it. Price: `min` inclusive, `max` exclusive, null = open. Rating: at least `min`.
 */
export const PRICE_BUCKETS: ReadonlyArray<{ min: string | null; max: string | null }> = [
  { min: null, max: '25.00' },
  { min: '25.00', max: '50.00' },
  { min: '50.00', max: '100.00' },
  { min: '100.00', max: '200.00' },
  { min: '200.00', max: '500.00' },
  { min: '500.00', max: null },
];

export const RATING_BUCKETS: readonly number[] = [4, 3, 2, 1];
