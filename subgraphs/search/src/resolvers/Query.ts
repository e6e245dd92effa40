import type { SearchContext } from '../context';
import { searchProducts, searchSuggestions, type SearchArgs } from '../services/search';

export const Query = {
  search: (_: unknown, args: SearchArgs, ctx: SearchContext) => searchProducts(ctx, args),
  searchSuggestions: (_: unknown, args: { prefix: string; first?: number | null }, ctx: SearchContext) => searchSuggestions(ctx, args.prefix, args.first),
};
