import type { Logger, Viewer } from '@shop/platform';
import type { SearchBackend } from './backends/port';
import type { SearchDb } from './db';
import type { CatalogSource } from './ports/catalog';

/** What every search service function receives first. */
export interface SearchContext {
  db: SearchDb;
  backend: SearchBackend;
  viewer: Viewer;
  log: Logger;
  requestId: string;
  /** Where a full rebuild reads the catalog and stock from; null when the subgraph was started without them. */
  catalog: CatalogSource | null;
}
