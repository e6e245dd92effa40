import { assertAdmin } from '@shop/platform';
import { rebuildSearchIndex } from '../services/rebuild';
import type { MutationResolvers } from './types.generated';

export const Mutation: MutationResolvers = {
  rebuildSearchIndex: async (_, args, ctx) => {
    assertAdmin(ctx.viewer);
    const outcome = await rebuildSearchIndex(ctx, { fromCatalog: args.fromCatalog ?? true });
    return { ...outcome, backend: ctx.backend.name };
  },
};
