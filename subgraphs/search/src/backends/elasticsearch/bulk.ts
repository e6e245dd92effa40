import { errors, type Client, type estypes } from '@elastic/elasticsearch';
import type { Logger } from '@shop/platform';
import type { IndexedProduct } from './document.js';

/** Where and how one action writes. */
interface Target {
  /** An index or an alias. */
  index: string;
  /** Refuse to write (index_not_found) unless `index` is an alias: a missing alias must never auto-create an index. */
  requireAlias?: boolean;
  /**
   * External versioning: the action applies only over an older version; losing to a newer one (409) is not an
   * error (see rebuild in index.ts).
   */
  version?: number;
  /** A missing target is not an error: a rebuild's index that was swapped in or dropped meanwhile. */
  unlessGone?: boolean;
}

/** One bulk action: index a product, or delete it. */
export type BulkAction = Target & ({ kind: 'index'; product: IndexedProduct } | { kind: 'delete'; id: string });

export interface BulkOptions {
  log: Logger;
  /** Retries of items the cluster rejected because it was busy (429). */
  maxRetries: number;
  /** First backoff; it doubles on each retry. */
  retryDelayMs: number;
}

/** A bulk request that still had failures after retrying: how many, and why the first one failed. */
export class BulkIndexingError extends Error {
  override name = 'BulkIndexingError';
  constructor(
    readonly failed: number,
    readonly of: number,
    reason: string,
  ) {
    super(`Elasticsearch did not apply ${failed} of ${of} bulk actions: ${reason}`);
  }
}

function operations(actions: BulkAction[]): estypes.BulkRequest['operations'] {
  return actions.flatMap((action): Array<estypes.BulkOperationContainer | IndexedProduct> => {
    const versioned = action.version === undefined ? {} : { version: action.version, version_type: 'external' as const };
    if (action.kind === 'delete') return [{ delete: { _index: action.index, _id: action.id, ...versioned } }];
    const aliasOnly = action.requireAlias ? { require_alias: true } : {};
    return [{ index: { _index: action.index, _id: action.product.id, ...versioned, ...aliasOnly } }, action.product];
  });
}

/** An item error that means the action has nothing left to do. */
const settled = (item: estypes.BulkResponseItem, action: BulkAction) =>
  (item.status === 409 && action.version !== undefined) || (item.error?.type === 'index_not_found_exception' && action.unlessGone);

const busy = (item: estypes.BulkResponseItem) => item.status === 429 || item.error?.type === 'es_rejected_execution_exception';

/**
 * Sends the actions in one bulk request. Items the cluster rejected as busy are sent again after a backoff, up to
 * `maxRetries` times; any other item error (a document the mapping refuses, a missing index) fails at once with the
 * count. Deleting a product the index does not have is not an error, nor is an action `settled` already.
 */
export async function bulkWrite(client: Client, actions: BulkAction[], options: BulkOptions): Promise<void> {
  let pending = actions;
  for (let attempt = 0; ; attempt++) {
    const rejected = await sendOnce(client, pending);
    if (rejected.length === 0) return;
    if (attempt === options.maxRetries) {
      throw new BulkIndexingError(rejected.length, actions.length, `still rejected as busy after ${options.maxRetries} retries`);
    }
    const delay = options.retryDelayMs * 2 ** attempt;
    const retry = { rejected: rejected.length, attempt: attempt + 1, delayMs: delay };
    options.log.warn(retry, 'Elasticsearch is busy; retrying rejected bulk items');
    await new Promise((resolve) => setTimeout(resolve, delay));
    pending = rejected;
  }
}

/** The actions to send again: all of them when the whole request was rejected as busy, else the busy items. */
async function sendOnce(client: Client, actions: BulkAction[]): Promise<BulkAction[]> {
  let response: estypes.BulkResponse;
  try {
    response = await client.bulk({ operations: operations(actions) });
  } catch (error) {
    if (error instanceof errors.ResponseError && error.statusCode === 429) return actions;
    throw error;
  }
  if (!response.errors) return [];
  const rejected: BulkAction[] = [];
  const failures: estypes.ErrorCause[] = [];
  response.items.forEach((entry, i) => {
    const item = Object.values(entry)[0] as estypes.BulkResponseItem;
    if (!item.error || settled(item, actions[i])) return;
    if (busy(item)) rejected.push(actions[i]);
    else failures.push(item.error);
  });
  if (failures.length > 0) {
    throw new BulkIndexingError(failures.length, actions.length, `${failures[0].type}: ${failures[0].reason ?? ''}`.trim());
  }
  return rejected;
}
