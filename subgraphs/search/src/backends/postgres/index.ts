import { Pool } from 'pg';
import type { Logger } from '@shop/platform';
import type { ProductDocument, SearchBackend, SearchRequest, SearchResult, Suggestion } from '../port';
import { CATEGORIES_SQL, categoryRows, suggestionsSql, upsertRowsSql, vocabularySql } from './index-sql';
import { searchProducts } from './query';
import { inTransaction, rebuildIndex } from './rebuild';
import { suggestions } from './suggest';
import { INDEX_LOCK, LIVE, NEXT, type TableSet } from './tables';

export interface PostgresBackendOptions {
  /** The search context's database (the backend's tables are in its migration). */
  connectionString: string;
  poolSize?: number;
  log?: Logger;
}

/**
 * The default search backend: PostgreSQL full-text search in the search context's own database (tables in
 * prisma/search): weighted tsvectors with a GIN index, pg_trgm for typos, did-you-mean and suggestions, facets
 * counted in SQL. See subgraphs/search/README.md.
 */
export function postgresBackend(options: PostgresBackendOptions): SearchBackend {
  // A typed prefix with one wrong letter ("hedphone") is ~0.5 word-similar to what it means; the default 0.6 misses it.
  const pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 5, options: '-c pg_trgm.word_similarity_threshold=0.45' });
  // An idle connection the server closed (restart, failover) is dropped from the pool, not a crash of the process.
  pool.on('error', (err) => options.log?.warn({ err }, 'search index: an idle database connection failed'));

  /** Writes to the live tables and, while a rebuild runs, to its copies too (see rebuild.ts). */
  async function write(work: (tables: TableSet, tx: import('pg').PoolClient, rebuilding: boolean) => Promise<void>): Promise<void> {
    await inTransaction(pool, async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock_shared(${INDEX_LOCK})`);
      const { rowCount } = await tx.query('SELECT 1 FROM search_rebuilds');
      await work(LIVE, tx, false);
      if (rowCount) await work(NEXT, tx, true);
    });
  }

  return {
    name: 'postgres',
    async upsert(documents: ProductDocument[]) {
      if (documents.length === 0) return;
      const ids = documents.map((d) => d.id);
      const categories = JSON.stringify(categoryRows(documents));
      await write(async (tables, tx, rebuilding) => {
        if (!rebuilding) await tx.query(CATEGORIES_SQL, [categories]);
        await tx.query(upsertRowsSql(tables.index), [JSON.stringify(documents)]);
        await tx.query(vocabularySql(tables.vocabulary, tables.index), [ids]);
        await tx.query(suggestionsSql(tables.suggestions, tables.index), [ids]);
        if (rebuilding) await tx.query('DELETE FROM search_rebuild_removals WHERE product_id = ANY($1::uuid[])', [ids]);
      });
    },
    async remove(productIds: string[]) {
      if (productIds.length === 0) return;
      await write(async (tables, tx, rebuilding) => {
        await tx.query(`DELETE FROM ${tables.index} WHERE product_id = ANY($1::uuid[])`, [productIds]);
        await tx.query(`DELETE FROM ${tables.suggestions} WHERE kind = 'PRODUCT' AND ref_id = ANY($1::uuid[])`, [productIds]);
        if (rebuilding) {
          await tx.query('INSERT INTO search_rebuild_removals (product_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING', [productIds]);
        }
      });
    },
    search: (request: SearchRequest): Promise<SearchResult> => searchProducts(pool, request),
    suggest: (prefix: string, limit: number): Promise<Suggestion[]> => suggestions(pool, prefix, limit),
    rebuild: (batches) => rebuildIndex(pool, batches),
    close: () => pool.end(),
  };
}
