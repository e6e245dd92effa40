import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
import { injectTraceContext } from '@shop/platform';
import { GraphQLError } from 'graphql';
import { STATUS_CODES } from 'node:http';
import { Agent } from 'undici';
import { entitiesTag, idsOfAnswer, idTag, listsTag, publicMaxAgeMs, selectionHash, type EntityCache } from './entity-cache/entity-cache';
import type { CachedAnswer, CacheEntry } from './entity-cache/store';
import { callerKeyOf, type GatewayContext } from './request-scope';
import { currentOperationSignal } from './time-budget';

/**
 * Keep-alive pool for subgraph fetches: ~2.2x the gateway's throughput over its default HTTP client
 * (measured, see toolchain facts). Idle sockets are dropped after 4 s, well before the subgraphs' 65 s
 * keepAliveTimeout, so the gateway never writes to a socket the subgraph is closing. keepAliveMaxTimeout caps
 * the subgraph's `Keep-Alive: timeout=65` hint, which undici would otherwise follow. No header or body timeout of
 * undici's own: the operation's time budget bounds every fetch and answers GATEWAY_TIMEOUT, where undici's timer
 * would cut a slow answer short with an uncoded INTERNAL_SERVER_ERROR (a checkout queued behind 200 others).
 */
export function createSubgraphAgent(): Agent {
  return new Agent({ keepAliveTimeout: 4_000, keepAliveMaxTimeout: 4_000, headersTimeout: 0, bodyTimeout: 0 });
}

export interface SubgraphClientOptions {
  name: string;
  url: string;
  agent: Agent;
  /** Public answers kept between requests; none when null. */
  cache: EntityCache | null;
  /** Identical query fetches in flight at once (same subgraph, selection, variables and caller) share one answer. */
  mergeInFlight: boolean;
}

/** A subgraph's answer as it came (parsed once per reader: the executor merges into what it is given). */
interface RawAnswer {
  text: string;
  /** Shared only when the subgraph said so (public, max-age > 0) and nothing went wrong. */
  publicMaxAgeMs: number;
}

interface Representation {
  __typename?: string;
  id?: unknown;
}

/**
 * The gateway's client of one subgraph: posts the query plan's fetches with the caller's headers and the trace
 * context, inside the operation's time budget, and asks less where it can — public answers come from the entity
 * cache, and identical fetches in flight are made once.
 */
export function subgraphDataSource(options: SubgraphClientOptions): GraphQLDataSource<GatewayContext> {
  const { name, url, agent, cache } = options;
  const inFlight = new Map<string, Promise<RawAnswer>>();
  // Per selection, whether its last answer was public: only then is it shared between callers; the cache is not
  // asked for selections whose answers are private (carts, customers, orders). Unknown until the first answer.
  const shared = new Map<string, boolean>();
  // Cache keys being fetched again in the background (REFRESH_AHEAD): one refresh each, however many readers.
  const refreshing = new Set<string>();
  /** Runs `refresh` for those of `keys` not already being refreshed; a failure leaves the entries to expire. */
  const refreshInBackground = (keys: string[], refresh: (keys: string[]) => Promise<unknown>) => {
    const mine = keys.filter((key) => !refreshing.has(key));
    if (!mine.length) return;
    for (const key of mine) refreshing.add(key);
    void refresh(mine)
      .catch(() => undefined)
      .finally(() => mine.forEach((key) => refreshing.delete(key)));
  };

  const { origin, pathname, search } = new URL(url);
  const path = pathname + search;
  // undici's request(), not fetch(): no WHATWG Request, Headers and stream objects per call (a third of the
  // gateway's fetch cost when profiled).
  const post = async (body: string, headers: Record<string, string>): Promise<RawAnswer> => {
    const response = await agent.request({ origin, path, method: 'POST', headers, body, signal: currentOperationSignal() });
    const text = await response.body.text();
    const header = (name: string) => {
      const value = response.headers[name];
      return Array.isArray(value) ? value.join(', ') : (value ?? null);
    };
    if (response.statusCode < 200 || response.statusCode > 299) throw errorFromResponse({ url, status: response.statusCode, statusText: STATUS_CODES[response.statusCode] ?? '', header }, text);
    return { text, publicMaxAgeMs: publicMaxAgeMs(header('cache-control')) };
  };

  /** Posts the fetch, or joins the identical one in flight. Public selections are shared across callers of a partition. */
  const send = (query: string, selection: string, variables: Record<string, unknown> | undefined, headers: Record<string, string>, context: GatewayContext) => {
    const body = JSON.stringify({ query, variables });
    if (!options.mergeInFlight || !isQuery(query)) return post(body, headers);
    const caller = cache && context.cachePartition && shared.get(selection) === true ? context.cachePartition : callerKeyOf(headers);
    const key = `${caller}\n${body}`;
    let answer = inFlight.get(key);
    if (!answer) {
      answer = post(body, headers).finally(() => inFlight.delete(key));
      inFlight.set(key, answer);
    }
    return answer;
  };

  return {
    async process(request: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
      const { query, variables } = request.request;
      if (!query) throw new Error('Missing query');
      const context = (request.context ?? {}) as Partial<GatewayContext>;
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(context.forwardHeaders ?? {}) };
      injectTraceContext({ set: (header, value) => void (headers[header] = value) });
      if (request.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return parse((await post(JSON.stringify({ query, variables }), headers)).text);
      const scope = context as GatewayContext;
      const selection = selectionHash(query);
      if (!cache || !scope.cachePartition || !isQuery(query) || shared.get(selection) === false) {
        const answer = await send(query, selection, variables, headers, scope);
        if (cache) shared.set(selection, answer.publicMaxAgeMs > 0);
        return parse(answer.text);
      }
      const representations = variables?.representations;
      return Array.isArray(representations)
        ? entitiesThroughCache(representations as Representation[])
        : rootThroughCache();

      async function rootThroughCache(): Promise<GatewayGraphQLResponse> {
        const key = `${name}:${scope.cachePartition}:${selection}:${JSON.stringify(variables ?? {})}`;
        const [hit] = await cache!.get([key]);
        if (hit === undefined) return fetchRoot(key);
        if (due(hit)) refreshInBackground([key], () => fetchRoot(key));
        return { data: JSON.parse(hit.json) };
      }

      /** The root fetch from the subgraph, kept under `key` when the answer is public. */
      async function fetchRoot(key: string): Promise<GatewayGraphQLResponse> {
        const epoch = cache!.epoch();
        const answer = await send(query!, selection, variables, headers, scope);
        const response = parse(answer.text);
        if (!shareable(answer, response)) return response;
        const tags = [listsTag(name), ...[...idsOfAnswer(response.data)].map((id) => idTag(name, id))];
        await cache!.set([{ key, json: JSON.stringify(response.data), ttlMs: answer.publicMaxAgeMs, tags }], epoch);
        return response;
      }

      /** Each representation is its own entry: only the ones not held are fetched, in one request. */
      async function entitiesThroughCache(all: Representation[]): Promise<GatewayGraphQLResponse> {
        const { representations: _, ...others } = variables!;
        const prefix = `${name}:${scope.cachePartition}:${selection}:${JSON.stringify(others)}:`;
        const keys = all.map((representation) => prefix + JSON.stringify(representation));
        const held = await cache!.get(keys);
        const missing = all.flatMap((_representation, i) => (held[i] === undefined ? [i] : []));
        const entities: unknown[] = held.map((hit) => (hit === undefined ? null : JSON.parse(hit.json)));
        const renew = all.flatMap((_representation, i) => (due(held[i]) ? [i] : []));
        if (renew.length) {
          const byKey = new Map(renew.map((i) => [keys[i], all[i]]));
          refreshInBackground([...byKey.keys()], (dueKeys) => fetchEntities(dueKeys.map((key) => byKey.get(key)!)));
        }
        if (!missing.length) return { data: { _entities: entities } };

        const { response, fetched } = await fetchEntities(missing.map((i) => all[i]));
        missing.forEach((original, i) => (entities[original] = fetched[i] ?? null));
        // Error paths point into the smaller fetch (_entities.<i>): point them at the request's own positions.
        const errors = response.errors?.map((error) => reindexed(error, missing));
        return { data: response.data === null ? null : { _entities: entities }, ...(errors ? { errors } : {}) };

        /** These representations from the subgraph, in one request; each public entity answered is kept. */
        async function fetchEntities(wanted: Representation[]) {
          const epoch = cache!.epoch();
          const answer = await send(query!, selection, { ...others, representations: wanted }, headers, scope);
          const response = parse(answer.text);
          const fetched = (response.data?._entities ?? []) as unknown[];
          if (shareable(answer, response)) {
            const entries: CacheEntry[] = wanted.flatMap((representation, i) => {
              const entity = fetched[i];
              if (!entity) return [];
              const ids = idsOfAnswer(entity);
              if (typeof representation.id === 'string') ids.add(representation.id);
              return [{ key: prefix + JSON.stringify(representation), json: JSON.stringify(entity), ttlMs: answer.publicMaxAgeMs, tags: [entitiesTag(name), ...[...ids].map((id) => idTag(name, id))] }];
            });
            await cache!.set(entries, epoch);
          }
          return { response, fetched };
        }
      }

      function shareable(answer: RawAnswer, response: GatewayGraphQLResponse): boolean {
        if (response.errors?.length || !response.data) return false;
        shared.set(selection, answer.publicMaxAgeMs > 0);
        return answer.publicMaxAgeMs > 0;
      }
    },
  };
}

/** Read in the last part of its TTL: fetch it again in the background (REFRESH_AHEAD). */
const due = (hit: CachedAnswer | undefined) => hit !== undefined && hit.refreshAt <= Date.now();

const isQuery = (query: string) => query.startsWith('query') || query.startsWith('{');

function parse(text: string): GatewayGraphQLResponse {
  const body: unknown = JSON.parse(text);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error(`Expected JSON response body, but received: ${text.slice(0, 200)}`);
  return body as GatewayGraphQLResponse;
}

function reindexed(error: NonNullable<GatewayGraphQLResponse['errors']>[number], positions: number[]) {
  const path = error.path;
  if (!path || path[0] !== '_entities' || typeof path[1] !== 'number') return error;
  return { ...error, path: ['_entities', positions[path[1]] ?? path[1], ...path.slice(2)] };
}

/** Apollo's RemoteGraphQLDataSource's error for a non-2xx answer, so clients see what they saw before. */
function errorFromResponse(response: { url: string; status: number; statusText: string; header(name: string): string | null }, text: string): GraphQLError {
  const json = /^application\/(graphql-response\+)?json/.test(response.header('content-type') ?? '');
  let body: unknown = text;
  if (json) {
    try {
      body = JSON.parse(text);
    } catch {
      // leave it as text
    }
  }
  const code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : undefined;
  return new GraphQLError(`${response.status}: ${response.statusText}`, {
    extensions: { response: { url: response.url, status: response.status, statusText: response.statusText, body }, ...(code ? { code } : {}) },
  });
}
