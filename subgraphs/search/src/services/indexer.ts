import { Client } from 'pg';
import type { Logger } from '@shop/platform';
import type { SearchBackend } from '../backends/port';
import { inTransaction, type SearchDb } from '../db';
import { reindexProducts } from './documents';

const BATCH = 200;
const POLL_MS = 1_000;
const RETRY_MS = 2_000;

export interface Indexer {
  /** Drains the queue now (tests, the rebuild); resolves when it is empty. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Sends queued products (search_index_queue, written with each read-model change) to the backend after their
 * change committed: woken by NOTIFY at commit, with a poll as the safety net. Replicas share the queue (SKIP
 * LOCKED); a product changed again while it was being indexed keeps its row (its tick moved) and goes again.
 */
export function startIndexer(options: { db: SearchDb; databaseUrl: string; backend: SearchBackend; log: Logger; pollMs?: number }): Indexer {
  const { db, backend, log } = options;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;

  async function drainOnce(): Promise<number> {
    return inTransaction(db, async (tx) => {
      const due = await tx.$queryRaw<Array<{ product_id: string; tick: bigint }>>`
        SELECT product_id, tick FROM search_index_queue ORDER BY queued_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
      if (due.length === 0) return 0;
      await reindexProducts(tx, backend, due.map((d) => d.product_id));
      await tx.$executeRaw`
        DELETE FROM search_index_queue q USING unnest(${due.map((d) => d.product_id)}::uuid[], ${due.map((d) => d.tick)}::bigint[]) AS d(id, tick)
        WHERE q.product_id = d.id AND q.tick = d.tick`;
      return due.length;
    }, 30_000);
  }

  function drain(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          while (!stopped && (await drainOnce()) === BATCH);
        } while (again && !stopped);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  const wake = () => {
    drain().catch((err: unknown) => {
      log.warn({ err }, 'search indexer: could not index queued products; retrying');
      if (!stopped) setTimeout(wake, RETRY_MS).unref();
    });
  };

  let listener: Client | null = null;
  async function listen(): Promise<void> {
    const client = new Client({ connectionString: options.databaseUrl });
    client.on('notification', wake);
    client.on('error', (err) => {
      log.warn({ err }, 'search indexer: lost its LISTEN connection; polling until it is back');
      listener = null;
      void client.end().catch(() => undefined);
      if (!stopped) setTimeout(() => void listen().catch(() => undefined), RETRY_MS).unref();
    });
    await client.connect();
    await client.query('LISTEN search_index_queue');
    listener = client;
    wake();
  }
  void listen().catch((err: unknown) => {
    log.warn({ err }, 'search indexer: could not LISTEN; polling');
    if (!stopped) setTimeout(() => void listen().catch(() => undefined), RETRY_MS).unref();
  });
  const poll = setInterval(wake, options.pollMs ?? POLL_MS);
  poll.unref();

  return {
    drain,
    async stop() {
      stopped = true;
      clearInterval(poll);
      await running?.catch(() => undefined);
      await listener?.end().catch(() => undefined);
    },
  };
}
