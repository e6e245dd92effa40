import { Client, errors, type estypes } from '@elastic/elasticsearch';
import type { Logger } from '@shop/platform';
import type { ProductDocument, SearchBackend, SearchRequest, SearchResult, Suggestion } from '../port.js';
import { bulkWrite, type BulkAction, type BulkOptions } from './bulk.js';
import { toIndexedProduct } from './document.js';
import { PRODUCT_INDEX_MAPPINGS, productIndexSettings, type Synonym } from './mapping.js';
import { didYouMeanBody, searchBody } from './query.js';
import { parseDidYouMean, parseSearchResponse } from './results.js';
import { parseSuggestions, suggestBody } from './suggest.js';

export { BulkIndexingError } from './bulk.js';
export { PRICE_BUCKETS, RATING_BUCKETS } from './buckets.js';
export type { Synonym } from './mapping.js';

export interface ElasticsearchBackendOptions {
  /** ELASTICSEARCH_URL. */
  node: string;
  /** The live alias; versioned indices are named `<indexPrefix>_v<timestamp>`. Default `product_index`. */
  indexPrefix?: string;
  /** A client to use instead of one built from `node` (tests pass one wired to the official mock); not closed here. */
  client?: Client;
  /** Products per bulk request. Default 1000. */
  bulkBatchSize?: number;
  /** Retries of bulk items rejected as busy (default 3) and the first backoff, doubled each time (default 200 ms). */
  maxRetries?: number;
  retryDelayMs?: number;
  /**
   * Refresh the live index after each upsert/remove so the change is searchable when the call returns (the
   * behavioural tests against a real cluster). Off by default: Elasticsearch refreshes every second anyway.
   */
  refreshAfterWrite?: boolean;
  /** Reads the synonym table; called whenever an index is created (first use, each rebuild). Default: none. */
  synonyms?: () => Promise<readonly Synonym[]>;
  log: Logger;
}

/** A rebuild under way: its new index, and the last change per product made meanwhile (see rebuild). */
interface Rebuild {
  index: string;
  changes: Map<string, ProductDocument | null>;
}

/**
 * The search port on Elasticsearch: the seed's product_index mapping in a versioned index
 * (`product_index_v<timestamp>`) behind the `product_index` alias, which searches read and changes write to.
 */
export function elasticsearchBackend(options: ElasticsearchBackendOptions): SearchBackend {
  const alias = options.indexPrefix ?? 'product_index';
  const client = options.client ?? new Client({ node: options.node });
  const batchSize = options.bulkBatchSize ?? 1000;
  const settings = async () => productIndexSettings((await options.synonyms?.()) ?? []);
  const bulk: BulkOptions = { log: options.log, maxRetries: options.maxRetries ?? 3, retryDelayMs: options.retryDelayMs ?? 200 };
  let live: Promise<void> | null = null;
  let rebuild: Rebuild | null = null;
  /** Writes must reach an alias (never auto-create an index), except on a plain index the seed's way (see ensureLive). */
  let liveIsAlias = true;

  const versionedName = () => `${alias}_v${new Date().toISOString().replace(/\D/g, '')}`;

  /**
   * The first use creates an empty versioned index behind the alias unless one exists (another instance may race).
   * A plain index with the alias's name (created from the seed's design) is used as it is until a rebuild replaces it.
   */
  function ensureLive(): Promise<void> {
    live ??= (async () => {
      if (await client.indices.existsAlias({ name: alias })) return;
      if (await client.indices.exists({ index: alias })) {
        liveIsAlias = false;
        options.log.warn({ index: alias }, 'product index is a plain index: a reindex will move it behind a versioned alias');
        return;
      }
      try {
        await client.indices.create({
          index: versionedName(),
          mappings: PRODUCT_INDEX_MAPPINGS,
          settings: await settings(),
          aliases: { [alias]: { is_write_index: true } },
        });
      } catch (error) {
        if (!(await client.indices.existsAlias({ name: alias }))) throw error;
      }
    })().catch((error: unknown) => {
      live = null;
      throw error;
    });
    return live;
  }

  async function writeInBatches(actions: BulkAction[]): Promise<void> {
    for (let i = 0; i < actions.length; i += batchSize) await bulkWrite(client, actions.slice(i, i + batchSize), bulk);
  }

  /** Actions are made after ensureLive, which decides whether the live index is an alias. */
  async function writeChanges(actions: () => BulkAction[]): Promise<void> {
    await ensureLive();
    await writeInBatches(actions());
    if (options.refreshAfterWrite) await client.indices.refresh({ index: alias });
  }

  /** A change goes to the live alias and, during a rebuild, to the new index too (dual write), and is remembered. */
  function changeActions(id: string, product: ProductDocument | null): BulkAction[] {
    const targets = [{ index: alias, requireAlias: liveIsAlias }, ...(rebuild ? [{ index: rebuild.index, requireAlias: false }] : [])];
    rebuild?.changes.set(id, product);
    return targets.map(({ index, requireAlias }) =>
      product ? { kind: 'index', index, product: toIndexedProduct(product), requireAlias } : { kind: 'delete', index, id },
    );
  }

  /** What the alias swap takes away: the alias from the indices it points to, or a plain index of that name. */
  async function swapOut(): Promise<{ actions: estypes.IndicesUpdateAliasesAction[]; indices: string[] }> {
    try {
      const indices = Object.keys(await client.indices.getAlias({ name: alias }));
      return { actions: indices.map((index) => ({ remove: { index, alias } })), indices };
    } catch (error) {
      if (!(error instanceof errors.ResponseError && error.statusCode === 404)) throw error;
    }
    const plain = await client.indices.exists({ index: alias });
    return { actions: plain ? [{ remove_index: { index: alias } }] : [], indices: [] };
  }

  return {
    name: 'elasticsearch',

    async upsert(documents: ProductDocument[]): Promise<void> {
      if (documents.length > 0) await writeChanges(() => documents.flatMap((doc) => changeActions(doc.id, doc)));
    },

    async remove(productIds: string[]): Promise<void> {
      if (productIds.length > 0) await writeChanges(() => productIds.flatMap((id) => changeActions(id, null)));
    },

    async search(request: SearchRequest): Promise<SearchResult> {
      await ensureLive();
      const response = await client.search({ index: alias, ...searchBody(request) });
      const result = parseSearchResponse(response, request);
      let didYouMean: string | null = null;
      if (result.total === 0 && request.text !== null) {
        didYouMean = parseDidYouMean(await client.search({ index: alias, ...didYouMeanBody(request.text) }), request.text);
      }
      return { ...result, didYouMean };
    },

    async suggest(prefix: string, limit: number): Promise<Suggestion[]> {
      if (prefix.trim() === '' || limit <= 0) return [];
      await ensureLive();
      return parseSuggestions(await client.search({ index: alias, ...suggestBody(prefix, limit) }), limit);
    },

    /**
     * Builds `<alias>_v<now>` from the batches while searches keep reading the old index, then moves the alias in
     * one updateAliases call (atomic: no moment without an index) and deletes the old index. Changes made meanwhile
     * are written to both indices; since a batch may have been read before such a change and written after it, the
     * last change of every product touched during the rebuild is written again once the batches are in, until no
     * new change arrives during that replay. (This covers changes made through this backend object, i.e. in the
     * process that runs the rebuild.)
     */
    async rebuild(batches: AsyncIterable<ProductDocument[]>): Promise<{ indexed: number; index: string }> {
      if (rebuild) throw new Error(`A rebuild of ${alias} into ${rebuild.index} is already running`);
      const index = versionedName();
      const state: Rebuild = { index, changes: new Map() };
      rebuild = state;
      let indexed = 0;
      let old: Awaited<ReturnType<typeof swapOut>>;
      try {
        // No refreshes while loading; the default interval is restored before the index goes live.
        await client.indices.create({ index, mappings: PRODUCT_INDEX_MAPPINGS, settings: { ...(await settings()), refresh_interval: '-1' } });
        for await (const batch of batches) {
          await writeInBatches(batch.map((product) => ({ kind: 'index', index, product: toIndexedProduct(product) })));
          indexed += batch.length;
        }
        while (state.changes.size > 0) {
          const changes = [...state.changes];
          state.changes.clear();
          await writeInBatches(
            changes.map(([id, product]): BulkAction => (product ? { kind: 'index', index, product: toIndexedProduct(product) } : { kind: 'delete', index, id })),
          );
        }
        // null restores the default (1 s, idle shards skipped), which the client's types cannot spell.
        await client.indices.putSettings({ index, settings: { refresh_interval: null } as unknown as estypes.IndicesIndexSettings });
        await client.indices.refresh({ index });
        // One call, applied atomically: searches see the old index or the new one, never neither. A plain index
        // of the alias's name is deleted by the same call (remove_index), so the alias can take its name.
        old = await swapOut();
        await client.indices.updateAliases({ actions: [...old.actions, { add: { index, alias, is_write_index: true } }] });
      } catch (error) {
        rebuild = null;
        await client.indices.delete({ index }, { ignore: [404] }).catch((cleanup: unknown) => {
          options.log.error({ err: cleanup, index }, 'could not delete the failed rebuild index');
        });
        throw error;
      }
      rebuild = null;
      live = Promise.resolve();
      liveIsAlias = true;
      options.log.info({ index, indexed, replaced: old.indices }, 'product index rebuilt and swapped in');
      // The new index is live: an old one left behind costs disk, not correctness.
      if (old.indices.length > 0) {
        await client.indices.delete({ index: old.indices }).catch((error: unknown) => {
          options.log.warn({ err: error, indices: old.indices }, 'could not delete the replaced product index');
        });
      }
      return { indexed, index };
    },

    async close(): Promise<void> {
      if (!options.client) await client.close();
    },
  };
}
