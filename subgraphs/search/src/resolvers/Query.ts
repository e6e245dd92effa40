import { searchProducts, searchSuggestions } from '../services/search';
import type { QueryResolvers } from './types.generated';

export const Query: QueryResolvers = {
  search: (_, args, ctx) => searchProducts(ctx, args),
  searchSuggestions: (_, args, ctx) => searchSuggestions(ctx, args.prefix, args.first),
};
