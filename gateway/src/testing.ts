import net from 'node:net';
import { createLogger, type EventTransport, type Identity, type Logger } from '@shop/platform';
import { Agent, fetch } from 'undici';
import { composeSupergraph, type SubgraphDefinition } from './composition';
import { startGateway, type GatewayOptions, type RunningGateway } from './gateway';
import type { SubscriptionLimits } from './subscriptions/server';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert the shapes they expect
type Untyped = any;

type Query = <T = Untyped>(
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
) => Promise<{ data?: T; errors?: Untyped[]; status: number }>;

export interface TestGateway {
  url: string;
  /** ws://…/graphql, for a graphql-ws client. */
  wsUrl: string;
  /** Live order tracking's open connections and feed listeners (leak tests). */
  subscriptions: RunningGateway['subscriptions'];
  stop(): Promise<void>;
  /** POSTs a GraphQL request over HTTP; `status` is the HTTP status. */
  query: Query;
  /**
   * The same, from another client address: the connection is made from `address` (any of 127.0.0.0/8 on
   * Linux), so the gateway sees it on its socket exactly as it sees a real client's.
   */
  from(address: string): { query: Query };
}

/**
 * Races of hundreds of requests on two shared cores can outlast the production time budget (30 s) without
 * anything being wrong: tests of correctness under contention get a longer one. The budget itself is tested
 * with its own gateway (gateway/test/limits.test.ts).
 */
const TEST_OPERATION_TIMEOUT_MS = 180_000;

/** How long a service behind the test gateway waits for another under such a race: inside the gateway's budget. */
export const UNDER_LOAD_CALL_TIMEOUT_MS = 120_000;

export interface TestGatewayOptions {
  /** Where order events arrive for subscriptions (the subgraphs' transport); this process's in-process one when omitted. */
  events?: EventTransport;
  subscriptionLimits?: Partial<SubscriptionLimits>;
  /** An already composed supergraph (several replicas of one gateway); composed from `subgraphs` when omitted. */
  supergraphSdl?: string;
  /** Off unless a test asks: tests read their own writes at once, where production waits for the event (< 1 s). */
  entityCache?: GatewayOptions['entityCache'];
  mergeInFlight?: boolean;
}

/**
 * For tests that go through the real gateway: composes the given subgraphs (already running at their URLs),
 * starts the gateway on a free port and queries it over HTTP. `identity` verifies tokens as the subgraphs do.
 */
export async function startTestGateway(
  subgraphs: SubgraphDefinition[],
  identity: Identity,
  log: Logger = createLogger('gateway', process.env.LOG_LEVEL ?? 'silent'),
  options: TestGatewayOptions = {},
): Promise<TestGateway> {
  const gateway = await startGateway({
    events: options.events,
    entityCache: options.entityCache,
    mergeInFlight: options.mergeInFlight,
    subscriptionLimits: options.subscriptionLimits,
    identity,
    port: 0,
    host: '127.0.0.1',
    supergraphSdl: options.supergraphSdl ?? composeSupergraph(subgraphs),
    log,
    production: false,
    operationTimeoutMs: TEST_OPERATION_TIMEOUT_MS,
  });
  const agents: Agent[] = [];
  const client = (localAddress?: string): { query: Query } => {
    const agent = new Agent(localAddress ? { connect: connectFrom(localAddress) } : {});
    agents.push(agent);
    return {
      async query(query, variables, headers) {
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query, variables }),
          dispatcher: agent,
        });
        const body = (await response.json()) as { data?: Untyped; errors?: Untyped[] };
        return { data: body.data ?? undefined, errors: body.errors, status: response.status };
      },
    };
  };
  const clients = new Map<string, { query: Query }>();
  return {
    url: gateway.url,
    wsUrl: gateway.url.replace(/^http/, 'ws'),
    subscriptions: gateway.subscriptions,
    async stop() {
      await gateway.stop();
      await Promise.all(agents.map((agent) => agent.close()));
    },
    query: client().query,
    from(address) {
      if (!clients.has(address)) clients.set(address, client(address));
      return clients.get(address)!;
    },
  };
}

/** undici's own connector does not bind a local address; plain HTTP to the test gateway needs no more than this. */
export function connectFrom(localAddress: string): Agent.Options['connect'] {
  return (options, callback) => {
    const socket = net.connect({ host: options.hostname, port: Number(options.port), localAddress });
    socket.once('connect', () => callback(null, socket)).once('error', (error) => callback(error, null));
  };
}
