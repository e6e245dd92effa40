import type { Pool, PoolClient } from 'pg';
import { conflict } from '@shop/platform';
import type { ProductDocument } from '../port';
import { bulkLoadSql, CATEGORIES_SQL, categoryRows, suggestionsSql, vocabularySql } from './index-sql';
import { INDEX_LOCK, LIVE, NEXT, PRIMARY_KEYS, REBUILD_LOCK, SECONDARY_INDEXES } from './tables';

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export { inTransaction };

/**
 * A full rebuild without stopping searches: copies of the index, vocabulary and suggestion tables are filled from
 * `batches` (indexes built after the load, which is faster), then renamed into place in one short transaction.
 * Meanwhile upserts and removals also reach the copies (backend.ts reads search_rebuilds), and removals are noted
 * so a batch read before one cannot bring the product back. One rebuild at a time (session advisory lock).
 */
export async function rebuildIndex(pool: Pool, batches: AsyncIterable<ProductDocument[]>): Promise<{ indexed: number; index: string }> {
  const session = await pool.connect();
  try {
    const { rows } = await session.query<{ got: boolean }>(`SELECT pg_try_advisory_lock(${REBUILD_LOCK}) AS got`);
    if (!rows[0].got) throw conflict('A rebuild of the search index is already running; try again when it has finished.');
    try {
      await prepareCopies(pool);
      let indexed = 0;
      for await (const batch of batches) {
        if (batch.length === 0) continue;
        await pool.query(CATEGORIES_SQL, [JSON.stringify(categoryRows(batch))]);
        const result = await pool.query(bulkLoadSql(NEXT.index), [JSON.stringify(batch)]);
        indexed += result.rowCount ?? 0;
      }
      await finishCopies(pool);
      await swapIn(pool);
      const { rows: count } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${LIVE.index}`);
      return { indexed: Math.max(indexed, Number(count[0].n)), index: LIVE.index };
    } catch (error) {
      await dropCopies(pool);
      throw error;
    } finally {
      await session.query(`SELECT pg_advisory_unlock(${REBUILD_LOCK})`);
    }
  } finally {
    session.release();
  }
}

async function prepareCopies(pool: Pool): Promise<void> {
  await inTransaction(pool, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${INDEX_LOCK})`);
    await tx.query(`DROP TABLE IF EXISTS ${NEXT.index}, ${NEXT.vocabulary}, ${NEXT.suggestions}`);
    for (const [table, key] of PRIMARY_KEYS) {
      await tx.query(`CREATE TABLE ${NEXT[table]} (LIKE ${LIVE[table]} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      await tx.query(`ALTER TABLE ${NEXT[table]} ADD CONSTRAINT ${NEXT[table]}_pkey PRIMARY KEY ${key}`);
    }
    await tx.query('DELETE FROM search_rebuild_removals');
    await tx.query(
      `INSERT INTO search_rebuilds (id, table_name) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET table_name = EXCLUDED.table_name, started_at = now()`,
      [NEXT.index],
    );
  });
}

async function finishCopies(pool: Pool): Promise<void> {
  await pool.query(vocabularySql(NEXT.vocabulary, NEXT.index, 'true'));
  await pool.query(suggestionsSql(NEXT.suggestions, NEXT.index, 'true'));
  for (const [table, name, definition] of SECONDARY_INDEXES) {
    await pool.query(`CREATE INDEX ${name}_next ON ${NEXT[table]} ${definition}`);
  }
  for (const table of Object.values(NEXT)) await pool.query(`ANALYZE ${table}`);
}

/** The copies become the live tables, under their own names; searches wait only for this transaction. */
async function swapIn(pool: Pool): Promise<void> {
  await inTransaction(pool, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${INDEX_LOCK})`);
    await tx.query(`DELETE FROM ${NEXT.index} WHERE product_id IN (SELECT product_id FROM search_rebuild_removals)`);
    await tx.query(`DELETE FROM ${NEXT.suggestions} WHERE kind = 'PRODUCT' AND ref_id IN (SELECT product_id FROM search_rebuild_removals)`);
    await tx.query(`DROP TABLE ${LIVE.index}, ${LIVE.vocabulary}, ${LIVE.suggestions}`);
    for (const [table] of PRIMARY_KEYS) {
      await tx.query(`ALTER TABLE ${NEXT[table]} RENAME TO ${LIVE[table]}`);
      await tx.query(`ALTER TABLE ${LIVE[table]} RENAME CONSTRAINT ${NEXT[table]}_pkey TO ${LIVE[table]}_pkey`);
    }
    for (const [, name] of SECONDARY_INDEXES) await tx.query(`ALTER INDEX ${name}_next RENAME TO ${name}`);
    await tx.query('DELETE FROM search_rebuilds');
    await tx.query('DELETE FROM search_rebuild_removals');
  });
}

async function dropCopies(pool: Pool): Promise<void> {
  await inTransaction(pool, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${INDEX_LOCK})`);
    await tx.query(`DROP TABLE IF EXISTS ${NEXT.index}, ${NEXT.vocabulary}, ${NEXT.suggestions}`);
    await tx.query('DELETE FROM search_rebuilds');
    await tx.query('DELETE FROM search_rebuild_removals');
  });
}
