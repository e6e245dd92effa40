import type { Logger, Viewer } from '@shop/platform';
import type { CatalogDb } from './db';
import type { CatalogLoaders } from './loaders';

/** What every catalog service function receives first: the verified caller, the database and the request's loaders. */
export interface CatalogContext {
  db: CatalogDb;
  viewer: Viewer;
  log: Logger;
  loaders: CatalogLoaders;
  currency: string;
}

export const isStaff = (ctx: CatalogContext) => ctx.viewer.roles.includes('admin');
