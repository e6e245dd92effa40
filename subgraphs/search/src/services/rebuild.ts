import type { Logger } from '@shop/platform';
import type { ProductDocument, SearchBackend } from '../backends/port';
import { inTransaction, type SearchDb } from '../db';
import type { CatalogSource } from '../ports/catalog';
import { documentsOf } from './documents';
import { catalogPageRead, productsNotSeenSince } from './read-model';

const BATCH = 1_000;

export interface RebuildDeps {
  db: SearchDb;
  backend: SearchBackend;
  catalog: CatalogSource | null;
  log: Logger;
}

export interface RebuildOutcome {
  indexed: number;
  index: string;
  /** Whether the catalog and inventory were read again first (else the read model was used as it is). */
  fromCatalog: boolean;
  tookMs: number;
}

/**
 * A full rebuild without stopping searches: optionally reads the catalog's active products and the inventory's
 * stock again into the read model (repairs anything events missed, fills fields older events lacked), then has
 * the backend build a new index from the read model and swap it in. Events keep applying meanwhile.
 */
export async function rebuildSearchIndex(deps: RebuildDeps, options: { fromCatalog: boolean }): Promise<RebuildOutcome> {
  const started = Date.now();
  const fromCatalog = options.fromCatalog && deps.catalog !== null;
  if (fromCatalog) await readCatalog(deps.db, deps.catalog!);
  const { indexed, index } = await deps.backend.rebuild(readModelDocuments(deps.db));
  const outcome = { indexed, index, fromCatalog, tookMs: Date.now() - started };
  deps.log.info(outcome, 'search index rebuilt');
  return outcome;
}

async function readCatalog(db: SearchDb, catalog: CatalogSource): Promise<void> {
  const [{ now: since }] = await db.$queryRaw<Array<{ now: Date }>>`SELECT now() AT TIME ZONE 'UTC' AS now`;
  const seen: string[] = [];
  for await (const page of catalog.activeProducts()) {
    await inTransaction(db, (tx) => catalogPageRead(tx, page), 30_000);
    seen.push(...page.map((p) => p.id));
  }
  await inTransaction(db, (tx) => productsNotSeenSince(tx, seen, since), 30_000);
}

/** The searchable documents of the read model, a batch at a time in id order. */
export async function* readModelDocuments(db: SearchDb): AsyncIterable<ProductDocument[]> {
  let after: string | null = null;
  for (;;) {
    const page: Array<{ id: string }> = await db.searchProduct.findMany({
      where: { status: 'active', ...(after ? { id: { gt: after } } : {}) },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: BATCH,
    });
    if (page.length === 0) return;
    const documents = await documentsOf(db, page.map((p) => p.id));
    yield [...documents.values()].filter((d): d is ProductDocument => d !== null);
    after = page[page.length - 1].id;
  }
}
