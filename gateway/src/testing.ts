import { createLogger, type Identity, type Logger } from '@shop/platform';
import { Agent, fetch } from 'undici';
import { composeSupergraph, type SubgraphDefinition } from './composition';
import { startGateway } from './gateway';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert the shapes they expect
type Untyped = any;

export interface TestGateway {
  url: string;
  stop(): Promise<void>;
  /** POSTs a GraphQL request over HTTP; `status` is the HTTP status. */
  query<T = Untyped>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ data?: T; errors?: Untyped[]; status: number }>;
}

/**
 * For tests that go through the real gateway: composes the given subgraphs (already running at their URLs),
 * starts the gateway on a free port and queries it over HTTP. `identity` verifies tokens as the subgraphs do.
 */
export async function startTestGateway(
  subgraphs: SubgraphDefinition[],
  identity: Identity,
  log: Logger = createLogger('gateway', process.env.LOG_LEVEL ?? 'silent'),
): Promise<TestGateway> {
  const gateway = await startGateway({
    identity,
    port: 0,
    host: '127.0.0.1',
    supergraphSdl: composeSupergraph(subgraphs),
    log,
    production: false,
  });
  const agent = new Agent();
  return {
    url: gateway.url,
    async stop() {
      await gateway.stop();
      await agent.close();
    },
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
}
