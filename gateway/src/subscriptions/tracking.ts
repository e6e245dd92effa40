import { isAdmin, type Viewer } from '@shop/platform';
import {
  buildSchema, GraphQLError, GraphQLObjectType, printSchema, type GraphQLFieldResolver, type GraphQLFormattedError, type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import type { OrderFeed } from './order-feed';
import { orderQueryFor } from './order-selection';
import type { LiveOrderUpdate, OrderUpdateFacts } from './order-update';
import { UpdateStream } from './update-stream';

/** What every subscription of one connection runs with. */
export interface SubscriberContext {
  viewer: Viewer;
  feed: OrderFeed;
  /** Updates one subscription may have waiting before it is ended as too slow. */
  maxQueued: number;
  /** Runs a query through this gateway as the subscriber (their token, their limits). */
  query(query: string, variables: Record<string, unknown>): Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }>;
  /** The subscriber's token stopped being good (expired, account suspended): their connection ends. */
  unauthenticated(): void;
}

/** Objects the gateway made itself (not answers of the supergraph, which are keyed by the client's aliases). */
const OWN = Symbol('own object');

const FACTS = 'kind orderId number status previousStatus version occurredAt carrier trackingNumber refundedAmount { amount currency }';
/** The subscriber's way to their order: `order(number:)` with their token, or a guest's `guestOrder(number:, accessKey:)`. */
const ORDER = {
  signedIn: { variables: '$number: String!', field: 'order(number: $number)' },
  guest: { variables: '$number: String!, $accessKey: String!', field: 'guestOrder(number: $number, accessKey: $accessKey)' },
};
const findOrder = (way: keyof typeof ORDER) => `query TrackedOrder(${ORDER[way].variables}) { order: ${ORDER[way].field} { id version } }`;
const catchUp = (way: keyof typeof ORDER) =>
  `query TrackedOrderCatchUp(${ORDER[way].variables}, $version: Int!) { order: ${ORDER[way].field} { id version updatesSince(version: $version) { ${FACTS} } } }`;

/** A guest subscription's access key travels with each of its updates (a copy: updates are shared by subscribers). */
const ACCESS_KEY = Symbol('access key');
type TrackedUpdate = OrderUpdateFacts & { [ACCESS_KEY]?: string };

/**
 * The gateway's API schema, executable for subscriptions: the Subscription fields subscribe to the order feed, and
 * `OrderUpdate.order` is resolved through the supergraph with the subscriber's identity.
 */
export function trackingSchema(apiSchema: GraphQLSchema): GraphQLSchema | undefined {
  const schema = buildSchema(printSchema(apiSchema));
  const subscription = schema.getSubscriptionType();
  const updateType = schema.getType('OrderUpdate');
  // A supergraph without the order subgraph (some tests compose only a few) has nothing to subscribe to.
  if (!subscription || !(updateType instanceof GraphQLObjectType)) return undefined;
  const fields = subscription.getFields();
  const subscribe = (name: string, start: (ctx: SubscriberContext, args: never) => Promise<UpdateStream>) => {
    if (!fields[name]) return;
    fields[name].subscribe = (_root, args, ctx: SubscriberContext) => start(ctx, args as never);
    fields[name].resolve = (update: OrderUpdateFacts, args: { accessKey?: string | null }) =>
      args.accessKey ? { ...update, [ACCESS_KEY]: args.accessKey } : update;
  };
  subscribe('orderUpdated', orderUpdated);
  subscribe('myOrderUpdates', myOrderUpdates);
  subscribe('orderEvents', orderEvents);
  for (const field of Object.values(updateType.getFields())) {
    field.resolve = (update: Record<string, unknown>) => update[field.name];
  }
  updateType.getFields().refundedAmount.resolve = (update: OrderUpdateFacts) => update.refundedAmount && { ...update.refundedAmount, [OWN]: true };
  updateType.getFields().order.resolve = (update: TrackedUpdate, _args, ctx: SubscriberContext, info) => orderOf(ctx, update, info);
  return schema;
}

/** Fields below `OrderUpdate.order` read the supergraph's answer by response key (the client's alias, if any). */
export const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, _args, _ctx, info) => {
  if (source === null || typeof source !== 'object') return undefined;
  const object = source as Record<string | symbol, unknown>;
  return object[OWN] ? object[info.fieldName] : object[info.path.key];
};

async function orderUpdated(ctx: SubscriberContext, args: { number: string; afterVersion?: number | null; accessKey?: string | null }): Promise<UpdateStream> {
  const way = args.accessKey ? 'guest' : 'signedIn';
  if (way === 'signedIn') assertSignedIn(ctx.viewer);
  const replay = args.afterVersion !== undefined && args.afterVersion !== null;
  if (replay && args.afterVersion! < 0) {
    throw new GraphQLError('`afterVersion` must be 0 or more.', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  let orderId: string | null = null;
  // Listening starts before the order is read, so nothing that happens meanwhile is missed; what arrives for
  // other orders before the id is known is dropped at release.
  const stream = new UpdateStream(ctx.feed, (update) => orderId === null || update.orderId === orderId, ctx.maxQueued);
  try {
    const variables = { number: args.number, ...(way === 'guest' && { accessKey: args.accessKey }), ...(replay && { version: args.afterVersion }) };
    const result = await ctx.query(replay ? catchUp(way) : findOrder(way), variables);
    const order = result.data?.order as { id: string; version: number; updatesSince?: OrderUpdateFacts[] } | null | undefined;
    if (!order) throw refusal(result.errors, ctx);
    orderId = order.id;
    // The relay publishes after commit, so changes older than what the subscriber starts from (the order as read,
    // or afterVersion) can still arrive from the feed: the stream starts at that version and drops them.
    stream.release(order.updatesSince ?? [], (update) => update.orderId === orderId, { orderId, version: replay ? args.afterVersion! : order.version });
    return stream;
  } catch (error) {
    await stream.return();
    throw error;
  }
}

async function myOrderUpdates(ctx: SubscriberContext): Promise<UpdateStream> {
  const customerId = ctx.viewer.customerId;
  if (!customerId) throw new GraphQLError('Sign in to follow your orders.', { extensions: { code: 'UNAUTHENTICATED' } });
  const stream = new UpdateStream(ctx.feed, (update) => update.customerId === customerId, ctx.maxQueued);
  stream.release();
  return stream;
}

async function orderEvents(ctx: SubscriberContext, args: { filter?: { status?: string[] | null } | null }): Promise<UpdateStream> {
  if (!isAdmin(ctx.viewer)) {
    throw ctx.viewer.roles.length === 0
      ? new GraphQLError('Sign in as staff to do this.', { extensions: { code: 'UNAUTHENTICATED' } })
      : new GraphQLError('Only shop staff can do this.', { extensions: { code: 'FORBIDDEN' } });
  }
  const statuses = args.filter?.status?.length ? new Set(args.filter.status) : null;
  const stream = new UpdateStream(ctx.feed, (update: LiveOrderUpdate) => !statuses || statuses.has(update.status), ctx.maxQueued);
  stream.release();
  return stream;
}

/** The order now, as the subscriber's own query would see it; null (with their error) if they no longer may. */
async function orderOf(ctx: SubscriberContext, update: TrackedUpdate, info: GraphQLResolveInfo): Promise<unknown> {
  const accessKey = update[ACCESS_KEY];
  const { query, numberVariable, accessKeyVariable, variables } = orderQueryFor(info, accessKey !== undefined);
  const result = await ctx.query(query, { ...variables, [numberVariable]: update.number, ...(accessKey !== undefined && { [accessKeyVariable]: accessKey }) });
  const order = result.data?.order;
  if (order === null || order === undefined) throw refusal(result.errors, ctx);
  if (result.errors?.length) placeErrors(order as Record<string, unknown>, result.errors);
  return order;
}

/**
 * The supergraph answered the order with some fields failed (a subgraph down): each error goes where it happened,
 * as the value the field resolver reads there, so graphql-js reports it at that field of the update (a resolved
 * `Error` counts as thrown) and the subscriber gets the error along with the nulls. An error that cannot be placed
 * fails the whole `order` field rather than being lost.
 */
function placeErrors(order: Record<string, unknown>, errors: readonly GraphQLFormattedError[]): void {
  for (const error of errors) {
    const path = error.path ?? [];
    if (path[0] !== 'order' || path.length < 2) throw clientError(error);
    // Walk while there is an object or list to go into; the first null on the way is where the null stopped.
    let parent = order as Record<string | number, unknown>;
    let i = 1;
    while (i < path.length - 1 && parent[path[i]] !== null && typeof parent[path[i]] === 'object' && !(parent[path[i]] instanceof Error)) {
      parent = parent[path[i]] as Record<string | number, unknown>;
      i += 1;
    }
    if (parent[path[i]] instanceof Error) continue; // one error per field is enough
    parent[path[i]] = clientError(error);
  }
}

/** A supergraph error as the subscriber may see it: its code and message, or a generic one if it has no code. */
function clientError(error: GraphQLFormattedError): GraphQLError {
  const code = error.extensions?.code;
  if (!code || code === 'INTERNAL_SERVER_ERROR') {
    return new GraphQLError('Something went wrong on our side.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
  return new GraphQLError(error.message, { extensions: { ...error.extensions, code } });
}

function assertSignedIn(viewer: Viewer): void {
  if (viewer.roles.length === 0) throw new GraphQLError('Sign in to follow an order.', { extensions: { code: 'UNAUTHENTICATED' } });
}

/**
 * Why the supergraph answered no order, as the subscriber's error: NOT_FOUND when it just found none (someone
 * else's order, as queries answer), else its first error (an uncoded one generic, never its raw message).
 */
function refusal(errors: readonly GraphQLFormattedError[] | undefined, ctx: SubscriberContext): GraphQLError {
  const first = errors?.[0];
  if (!first) return new GraphQLError('That order was not found.', { extensions: { code: 'NOT_FOUND' } });
  if (first.extensions?.code === 'UNAUTHENTICATED') ctx.unauthenticated();
  return clientError(first);
}
