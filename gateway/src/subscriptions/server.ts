import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { queryLimitErrorOf, type Identity, type Logger, type Viewer } from '@shop/platform';
import {
  GraphQLError, getOperationAST, getVariableValues, Kind, OperationTypeNode, parse, validate, type DocumentNode, type ExecutionArgs, type GraphQLFormattedError, type GraphQLSchema,
  specifiedRules, visit, type ValidationRule,
} from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { GatewayContext } from '../request-scope';
import type { OrderFeed } from './order-feed';
import { fieldResolver, type SubscriberContext } from './tracking';

export interface SubscriptionLimits {
  /** A connection that sends no connection_init within this closes (4408). */
  initTimeoutMs: number;
  /** Active subscriptions on one connection. */
  maxSubscriptionsPerConnection: number;
  /** Open connections of one signed-in account (customer or staff), over all its devices; counted per replica. */
  maxConnectionsPerIdentity: number;
  /** Open connections without an account (guests) from one client address; counted per replica. */
  maxAnonymousConnectionsPerAddress: number;
  /** Largest message a client may send. */
  maxPayloadBytes: number;
  /** Ping interval; a peer that misses a pong is dropped. */
  keepAliveMs: number;
  /** How often a connection's token and account are checked again (suspension); expiry ends it on time anyway. */
  recheckMs: number;
  /** Updates one subscription may have waiting before it is ended as too slow. */
  maxQueuedUpdates: number;
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  initTimeoutMs: 10_000,
  maxSubscriptionsPerConnection: 20,
  maxConnectionsPerIdentity: 20,
  maxAnonymousConnectionsPerAddress: 50,
  maxPayloadBytes: 64 * 1024,
  keepAliveMs: 12_000,
  recheckMs: 60_000,
  maxQueuedUpdates: 500,
};

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  path: string;
  log: Logger;
  identity: Identity;
  feed: OrderFeed;
  /** The executable subscription schema, once the gateway has loaded the supergraph. */
  schema: () => GraphQLSchema | undefined;
  /** Runs a query through the gateway with this context (the subscriber's headers). */
  execute(query: string, variables: Record<string, unknown>, context: GatewayContext): Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }>;
  limits: SubscriptionLimits;
  /** The gateway's query guards (depth, aliases, directives, root fields), as HTTP applies them. */
  validationRules?: readonly ValidationRule[];
  /** The gateway's parser limit (tokens). */
  parseOptions?: { maxTokens: number };
  /** No "Did you mean …" in errors where the schema is not public (production), as HTTP answers. */
  hideSchemaDetails?: boolean;
}

export interface SubscriptionServer {
  /** Open WebSocket connections. */
  connectionCount(): number;
  /** Closes every connection with 1001 (going away: clients reconnect, to another replica) and stops accepting. */
  stop(): Promise<void>;
}

interface Connection {
  viewer: Viewer;
  subscriber: SubscriberContext;
  /** What its connections are counted by: the account, or the client address without one. */
  identityKey: string;
  timers: NodeJS.Timeout[];
  /** Subscriptions of this connection holding a feed listener (live, or still starting). */
  listening(): number;
}

type WsContext = Context<Record<string, unknown>, Extra & { connection?: Connection }>;

/**
 * graphql-ws on the gateway's own HTTP server and path. `connection_init` carries the same bearer token as HTTP
 * (`{ authorization: "Bearer …" }`); a bad one closes the connection with 4403 Forbidden, as does its expiry or a
 * suspension of the account later. Queries and mutations stay on HTTP POST.
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { log, identity, limits } = options;
  const wss = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: limits.maxPayloadBytes });
  const perIdentity = new Map<string, number>();
  const documents = new Map<string, DocumentNode>();
  const rules = [...specifiedRules, ...(options.validationRules ?? [])];
  const maxTokens = options.parseOptions?.maxTokens ?? 2_000;
  const clientMessage = (message: string) => (options.hideSchemaDetails ? message.replace(/ ?Did you mean .*$/, '') : message);

  const forbid = (socket: WebSocket, reason: string) => {
    if (socket.readyState === socket.OPEN) socket.close(CloseCode.Forbidden, `Forbidden: ${reason}`);
  };

  const dispose = useServer<Record<string, unknown>, { connection?: Connection }>(
    {
      connectionInitWaitTimeout: limits.initTimeoutMs,
      onConnect: async (ctx: WsContext) => {
        const { socket, request } = ctx.extra;
        const authorization = tokenOf(ctx.connectionParams);
        const headers: Record<string, string> = authorization ? { authorization } : {};
        let viewer: Viewer;
        try {
          viewer = await identity.viewerFor(headers);
        } catch (error) {
          if (refusesSignIn(error)) return false; // 4403 Forbidden: the same token would be UNAUTHENTICATED over HTTP
          // The token could not be checked (suspension store unreachable): nothing wrong with it, come back later.
          log.warn({ err: error }, 'subscriptions: could not check a connection\'s token');
          if (socket.readyState === socket.OPEN) socket.close(TRY_AGAIN_LATER, 'Try again later');
          return false;
        }
        // The socket may have gone while the token was checked: then onClose has run already, count nothing.
        if (socket.readyState !== socket.OPEN) return false;
        // An account is counted over its devices; without one (guests, service tokens), per client address.
        const address = request.socket.remoteAddress ?? 'unknown';
        const identityKey = viewer.customerId ?? `address:${address}`;
        const cap = viewer.customerId ? limits.maxConnectionsPerIdentity : limits.maxAnonymousConnectionsPerAddress;
        const open = perIdentity.get(identityKey) ?? 0;
        if (open >= cap) {
          socket.close(TOO_MANY_CONNECTIONS, viewer.customerId ? 'Too many connections for this account' : 'Too many connections from this address');
          return false;
        }
        perIdentity.set(identityKey, open + 1);
        const signed = identity.gatewayHeaders.sign({ 'x-client-address': address });
        const connectionLog = log.child({ connection: randomUUID() });
        const timers: NodeJS.Timeout[] = [];
        // Every subscription of this connection holds one feed listener from its start, also while its order is
        // still looked up (and after the client gave up on it): counted against the per-connection limit.
        let listening = 0;
        const feed: OrderFeed = {
          ...options.feed,
          listen: (listener) => {
            listening += 1;
            const unlisten = options.feed.listen(listener);
            let stopped = false;
            return () => {
              if (stopped) return;
              stopped = true;
              listening -= 1;
              unlisten();
            };
          },
        };
        const subscriber: SubscriberContext = {
          viewer,
          feed,
          maxQueued: limits.maxQueuedUpdates,
          query: (query, variables) => {
            const requestId = randomUUID();
            return options.execute(query, variables, {
              requestId, log: connectionLog.child({ requestId }), forwardHeaders: { 'x-request-id': requestId, ...signed, ...headers }, cachePartition: null,
            });
          },
          unauthenticated: () => forbid(socket, 'sign in again'),
        };
        const expiresAt = expiryOf(authorization);
        if (expiresAt !== null) timers.push(setTimeout(() => forbid(socket, 'token expired'), Math.min(Math.max(expiresAt - Date.now(), 0), 2 ** 31 - 1)));
        if (authorization) {
          timers.push(setInterval(() => {
            identity.viewerFor(headers).catch((error) => {
              // Only a token or account that is refused ends the connection; a hiccup of the check keeps it.
              if (refusesSignIn(error)) forbid(socket, 'sign in again');
              else connectionLog.warn({ err: error }, 'subscriptions: could not check the connection\'s token again; keeping it');
            });
          }, limits.recheckMs));
        }
        ctx.extra.connection = { viewer, subscriber, identityKey, timers, listening: () => listening };
        return true;
      },
      onClose: (ctx: WsContext) => {
        const connection = ctx.extra.connection;
        if (!connection) return;
        ctx.extra.connection = undefined;
        for (const timer of connection.timers) clearTimeout(timer);
        const left = (perIdentity.get(connection.identityKey) ?? 1) - 1;
        if (left > 0) perIdentity.set(connection.identityKey, left);
        else perIdentity.delete(connection.identityKey);
      },
      onSubscribe: (ctx: WsContext, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
        const connection = ctx.extra.connection;
        const schema = options.schema();
        if (!connection || !schema) return [new GraphQLError('This gateway serves no subscriptions (its supergraph has none).', { extensions: { code: 'BAD_REQUEST' } })];
        // The one being subscribed is already among ctx.subscriptions; one the client completed while it was still
        // starting is not, but still holds its listener.
        if (Math.max(Object.keys(ctx.subscriptions).length, connection.listening() + 1) > limits.maxSubscriptionsPerConnection) {
          return [new GraphQLError(`At most ${limits.maxSubscriptionsPerConnection} subscriptions per connection.`, { extensions: { code: 'BAD_REQUEST' } })];
        }
        let document: DocumentNode;
        try {
          document = parsed(documents, payload.query, maxTokens);
        } catch (error) {
          const tooLong = queryLimitErrorOf(error);
          if (tooLong) return [tooLong];
          return [new GraphQLError((error as GraphQLError).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) {
          return [new GraphQLError('Name one operation of the document in operationName.', { extensions: { code: 'BAD_REQUEST' } })];
        }
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [new GraphQLError('Queries and mutations go over HTTP POST /graphql; this WebSocket carries subscriptions.', { extensions: { code: 'BAD_REQUEST' } })];
        }
        // graphql-js throws (a TypeError, which graphql-ws answers by closing the socket) on a conditional root field.
        const [root, ...more] = operation.selectionSet.selections;
        if (more.length || root?.kind !== Kind.FIELD || root.directives?.length) {
          return [new GraphQLError('A subscription selects exactly one field, without @skip/@include.', { extensions: { code: 'BAD_REQUEST' } })];
        }
        // Type resolution below `order` reads each object's `__typename`: a field answered under that name breaks it.
        if (aliasesTypename(document)) {
          return [new GraphQLError('No field may be aliased as __typename.', { extensions: { code: 'BAD_REQUEST' } })];
        }
        const errors = validate(schema, document, rules);
        if (errors.length) {
          // The guards' own errors keep their code (QUERY_TOO_COMPLEX) and figures.
          return errors.map((e) => new GraphQLError(clientMessage(e.message), {
            nodes: e.nodes, extensions: e.extensions?.code ? e.extensions : { code: 'GRAPHQL_VALIDATION_FAILED' },
          }));
        }
        // Checked here so a wrong variable is the client's BAD_USER_INPUT, not an uncoded error of execution.
        const variables = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {}, { maxErrors: 10 });
        if (variables.errors) return variables.errors.map((e) => new GraphQLError(clientMessage(e.message), { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT' } }));
        return {
          schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: connection.subscriber, fieldResolver,
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return;
        // Expected refusals carry a code; anything else is a bug whose details stay in the log.
        return {
          ...result,
          errors: result.errors.map((error) => {
            if (error.extensions?.code) return error.toJSON();
            log.error({ err: error.originalError ?? error }, 'subscription update failed');
            return { message: 'Something went wrong on our side.', path: error.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
          }),
        };
      },
    },
    wss,
    limits.keepAliveMs,
  );

  return {
    connectionCount: () => wss.clients.size,
    stop: () => dispose.dispose() as Promise<void>,
  };
}

function aliasesTypename(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field: (field) => {
      if (field.alias?.value === '__typename' && field.name.value !== '__typename') found = true;
    },
  });
  return found;
}

/**
 * Our own close code for a connection over the account's (or address's) cap: graphql-ws's 4429 means a repeated
 * connection_init on one socket, which a client must not mistake for this.
 */
export const TOO_MANY_CONNECTIONS = 4029;

/** 1013 Try Again Later (RFC 6455 registry): the server could not serve the connection now. */
const TRY_AGAIN_LATER = 1013;

/** The identity refused the token or account (invalid, expired, suspended), rather than failing to check it. */
function refusesSignIn(error: unknown): boolean {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  return code === 'UNAUTHENTICATED' || code === 'FORBIDDEN';
}

/** `{ authorization: "Bearer …" }` as HTTP sends it; `Authorization` and a bare `token` are accepted too. */
function tokenOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization ?? (typeof params?.token === 'string' ? `Bearer ${params.token}` : undefined);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The verified token's `exp`, in ms (the signature was checked by viewerFor before this is read). */
function expiryOf(authorization: string | undefined): number | null {
  const payload = authorization?.split('.')[1];
  if (!payload) return null;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** Clients send the same few subscription documents over and over: parse each once (bounded). */
function parsed(cache: Map<string, DocumentNode>, query: string, maxTokens: number): DocumentNode {
  let document = cache.get(query);
  if (!document) {
    document = parse(query, { maxTokens });
    if (cache.size >= 500) cache.delete(cache.keys().next().value!);
    cache.set(query, document);
  }
  return document;
}
