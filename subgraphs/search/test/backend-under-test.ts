import { createLogger } from '@shop/platform';
import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';
import { Pool } from 'pg';
import { elasticsearchBackend } from '../src/backends/elasticsearch';
import { postgresBackend } from '../src/backends/postgres';
import type { SearchBackend } from '../src/backends/port';

export interface BackendUnderTest {
  backend: SearchBackend;
  /** Makes what was written visible to searches (Elasticsearch refreshes; PostgreSQL needs nothing). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The backend the behavioural suite runs against: PostgreSQL on a fresh test database, or, with ELASTICSEARCH_URL
 * set, a real Elasticsearch under a fresh alias (deleted afterwards). The suite talks to the port only, so the same
 * assertions hold both backends to one behaviour. Synonyms come from the search database's seeded table either way.
 */
export async function backendUnderTest(): Promise<BackendUnderTest> {
  const database: TestDatabase = await createTestDatabase('search');
  const pool = new Pool({ connectionString: database.url, max: 1 });
  const esUrl = process.env.ELASTICSEARCH_URL;
  if (esUrl) {
    const prefix = `test_products_${process.pid}_${Date.now()}`;
    const backend = elasticsearchBackend({
      node: esUrl,
      indexPrefix: prefix,
      log: createLogger('search-test', 'warn'),
      synonyms: async () => (await pool.query<{ term: string; synonyms: string[] }>('SELECT term, synonyms FROM search_synonyms')).rows,
    });
    return {
      backend,
      settle: async () => void (await fetch(`${esUrl.replace(/\/$/, '')}/${prefix}/_refresh`, { method: 'POST' })),
      stop: async () => {
        await fetch(`${esUrl.replace(/\/$/, '')}/${prefix}_v*`, { method: 'DELETE' }).catch(() => undefined);
        await backend.close();
        await pool.end();
        await database.drop();
      },
    };
  }
  const backend = postgresBackend({ connectionString: database.url, poolSize: 3 });
  return {
    backend,
    settle: async () => undefined,
    stop: async () => {
      await backend.close();
      await pool.end();
      await database.drop();
    },
  };
}
