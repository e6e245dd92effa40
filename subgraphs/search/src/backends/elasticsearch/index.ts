import { errors, type Client, type estypes } from '@elastic/elasticsearch';
import type { Logger } from '@shop/platform';
import type { ProductDocument, SearchBackend, SearchRequest, SearchResult, Suggestion } from '../port.js';
import { bulkWrite, type BulkAction, type BulkOptions } from './bulk.js';
import { elasticsearchClient, type ApiCompatibility } from './client.js';
import { toIndexedProduct } from './document.js';
import { PRODUCT_INDEX_MAPPINGS, productIndexSettings, type Synonym } from './mapping.js';
import { searchBody, someWordUnknown } from './query.js';
import { parseDidYouMean, parseSearchResponse } from './results.js';
import { parseSuggestions, suggestBody } from './suggest.js';

export { BulkIndexingError } from './bulk.js';
export { elasticsearchClient, type ApiCompatibility } from './client.js';
export { PRICE_BUCKETS, RATING_BUCKETS } from './buckets.js';
export type { Synonym } from './mapping.js';

export interface ElasticsearchBackendOptions {
  /** ELASTICSEARCH_URL. */
  node: string;
  /** The live alias; versioned indices are named `<indexPrefix>_v<timestamp>`. Default `product_index`. */
  indexPrefix?: string;
  /**
   * The server's major version when it is 8.x (the 9.x client otherwise asks for version 9 answers, which an 8.x
   * server refuses). Default 9.
   */
  apiCompatibility?: ApiCompatibility;
  /** A client to use instead of one built from `node` (tests pass one wired to the official mock); not closed here. */
  client?: Client;
  /** Actions per bulk request: one per product (two for a change made during a rebuild). Default 1000. */
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

/** Rebuild loads write version 1; a change made meanwhile writes its time, so the batch never overwrites it. */
const LOADED_VERSION = 1;

/**
 * The search port on Elasticsearch: the seed's product_index mapping in a versioned index
 * (`product_index_v<timestamp>`) behind the `product_index` alias, which searches read and changes write to.
 */
export function elasticsearchBackend(options: ElasticsearchBackendOptions): SearchBackend {
  const alias = options.indexPrefix ?? 'product_index';
  /** Names the index a rebuild is loading, so every process writing changes finds it (see rebuild). */
  const rebuildAlias = `${alias}_rebuild`;
  const client = options.client ?? elasticsearchClient(options.node, options.apiCompatibility);
  const batchSize = options.bulkBatchSize ?? 1000;
  const settings = async () => productIndexSettings((await options.synonyms?.()) ?? []);
  const bulk: BulkOptions = { log: options.log, maxRetries: options.maxRetries ?? 3, retryDelayMs: options.retryDelayMs ?? 200 };
  let live: Promise<void> | null = null;
  let rebuilding: string | null = null;
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

  /** The indices an alias points to; none when it does not exist. */
  async function indicesOf(name: string): Promise<string[]> {
    try {
      return Object.keys(await client.indices.getAlias({ name }));
    } catch (error) {
      if (error instanceof errors.ResponseError && error.statusCode === 404) return [];
      throw error;
    }
  }

  async function writeInBatches(actions: BulkAction[]): Promise<void> {
    for (let i = 0; i < actions.length; i += batchSize) await bulkWrite(client, actions.slice(i, i + batchSize), bulk);
  }

  /**
   * A change goes to the live alias and, while a rebuild is loading (in this process or another), to the rebuild's
   * index too (dual write), versioned with its time. The rebuild is looked for at each write, after the caller read
   * the product: a rebuild that starts later reads the product's new state itself. If the rebuild ends between the
   * look and the write, the live write is the one that counts. Index actions go through the rebuild alias with
   * require_alias, so a vanished rebuild never gets a bare index recreated; deletes cannot require an alias and a
   * versioned delete does auto-create a missing index, so they name the rebuild's index: at worst that recreates
   * an empty versioned index without alias, which the next rebuild removes.
   */
  async function writeChanges(changes: Array<{ id: string; product: ProductDocument | null }>): Promise<void> {
    await ensureLive();
    const loading = await indicesOf(rebuildAlias);
    const version = Date.now();
    const actions = changes.flatMap(({ id, product }): BulkAction[] => {
      if (!product) {
        const rebuildDeletes = loading.map((index): BulkAction => ({ kind: 'delete', index, id, version, unlessGone: true }));
        return [{ kind: 'delete', index: alias, id }, ...rebuildDeletes];
      }
      const toLive: BulkAction = { kind: 'index', index: alias, product: toIndexedProduct(product), requireAlias: liveIsAlias };
      return loading.length === 0 ? [toLive] : [toLive, { ...toLive, index: rebuildAlias, requireAlias: true, version, unlessGone: true }];
    });
    await writeInBatches(actions);
    if (options.refreshAfterWrite) await client.indices.refresh({ index: alias });
  }

  /** What the alias swap takes away: the alias from the indices it points to, or a plain index of that name. */
  async function swapOut(): Promise<{ actions: estypes.IndicesUpdateAliasesAction[]; indices: string[] }> {
    const indices = await indicesOf(alias);
    if (indices.length > 0) return { actions: indices.map((index) => ({ remove: { index, alias } })), indices };
    const plain = await client.indices.exists({ index: alias });
    return { actions: plain ? [{ remove_index: { index: alias } }] : [], indices: [] };
  }

  /**
   * Creates the index a rebuild loads, first removing the versioned indices nothing uses: one a rebuild that died
   * left behind (still behind the rebuild alias), or one without any alias (an old index whose deletion failed).
   */
  async function startRebuild(index: string): Promise<void> {
    const versioned = await client.indices.getAlias({ index: `${alias}_v*` });
    const leftovers = Object.entries(versioned)
      .filter(([, { aliases }]) => !aliases || Object.keys(aliases).length === 0 || rebuildAlias in aliases)
      .map(([name]) => name);
    if (leftovers.length > 0) {
      options.log.warn({ indices: leftovers }, 'deleting unused product indices left by earlier rebuilds');
      await client.indices.delete({ index: leftovers }, { ignore: [404] });
    }
    await client.indices.create({
      index,
      mappings: PRODUCT_INDEX_MAPPINGS,
      // No refreshes while loading. Deletes made meanwhile must be remembered (as versioned tombstones) until the
      // load is over, not the default 60 s, or a batch read before the delete could bring the product back.
      settings: { ...(await settings()), refresh_interval: '-1', gc_deletes: '1d' },
      aliases: { [rebuildAlias]: {} },
    });
  }

  return {
    name: 'elasticsearch',

    async upsert(documents: ProductDocument[]): Promise<void> {
      if (documents.length > 0) await writeChanges(documents.map((product) => ({ id: product.id, product })));
    },

    async remove(productIds: string[]): Promise<void> {
      if (productIds.length > 0) await writeChanges(productIds.map((id) => ({ id, product: null })));
    },

    /** The words as typed; again with typos (and a "did you mean") only when some word found nothing that way. */
    async search(request: SearchRequest): Promise<SearchResult> {
      await ensureLive();
      const exact = await client.search({ index: alias, ...searchBody(request, 'exact') });
      if (request.text === null || !someWordUnknown(exact)) return { ...parseSearchResponse(exact, request), didYouMean: null };
      const typos = await client.search({ index: alias, ...searchBody(request, 'typos') });
      return { ...parseSearchResponse(typos, request), didYouMean: parseDidYouMean(typos, request.text) };
    },

    async suggest(prefix: string, limit: number): Promise<Suggestion[]> {
      if (prefix.trim() === '' || limit <= 0) return [];
      await ensureLive();
      return parseSuggestions(await client.search({ index: alias, ...suggestBody(prefix, limit) }), limit);
    },

    /**
     * Loads `<alias>_v<now>` from the batches while searches keep reading the old index, then moves the alias in
     * one updateAliases call (atomic: searches see the old index or the new one, never neither) and deletes the
     * old index. Changes made meanwhile, by any process, reach the new index too (writeChanges finds it by the
     * rebuild alias) with their time as an external version, and the batches load with version 1: a batch read
     * before a change but written after it loses to the change, whether an update or a delete (the tombstone).
     */
    async rebuild(batches: AsyncIterable<ProductDocument[]>): Promise<{ indexed: number; index: string }> {
      if (rebuilding) throw new Error(`A rebuild of ${alias} into ${rebuilding} is already running`);
      const index = versionedName();
      rebuilding = index;
      let indexed = 0;
      let old: Awaited<ReturnType<typeof swapOut>>;
      try {
        await startRebuild(index);
        // Through the rebuild alias, like the changes: if another rebuild took over, nothing recreates this index.
        const target = { index: rebuildAlias, requireAlias: true, version: LOADED_VERSION };
        for await (const batch of batches) {
          await writeInBatches(batch.map((product) => ({ ...target, kind: 'index', product: toIndexedProduct(product) })));
          indexed += batch.length;
        }
        // null restores a default, which the client's types cannot spell.
        const defaults = { refresh_interval: null, gc_deletes: null } as unknown as estypes.IndicesIndexSettings;
        await client.indices.putSettings({ index, settings: defaults });
        await client.indices.refresh({ index });
        // A plain index of the alias's name is deleted by the same call (remove_index), so the alias can take it.
        old = await swapOut();
        await client.indices.updateAliases({
          actions: [...old.actions, { remove: { index, alias: rebuildAlias } }, { add: { index, alias, is_write_index: true } }],
        });
      } catch (error) {
        // Unless the swap did happen after all (its answer lost): when in doubt the index is kept.
        const isLive = (await indicesOf(alias).catch(() => [index])).includes(index);
        if (!isLive) {
          await client.indices.delete({ index }, { ignore: [404] }).catch((cleanup: unknown) => {
            options.log.error({ err: cleanup, index }, 'could not delete the failed rebuild index');
          });
        }
        throw error;
      } finally {
        rebuilding = null;
      }
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
