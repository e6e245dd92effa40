import { assertAdmin } from '@shop/platform';
import type { SearchContext } from '../context';
import { rebuildSearchIndex } from '../services/rebuild';

export const Mutation = {
  rebuildSearchIndex: async (_: unknown, args: { fromCatalog?: boolean | null }, ctx: SearchContext) => {
    assertAdmin(ctx.viewer);
    const outcome = await rebuildSearchIndex(ctx, { fromCatalog: args.fromCatalog ?? true });
    return { ...outcome, backend: ctx.backend.name };
  },
};
