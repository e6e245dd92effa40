import { Agent, request } from 'undici';

/** POSTs GraphQL to another subgraph over a keep-alive pool; one instance per cart process. */
export interface SubgraphClient {
  post<T>(url: string, query: string, variables: Record<string, unknown>, headers?: Record<string, string>): Promise<T>;
  close(): Promise<void>;
}

export class SubgraphCallError extends Error {
  override name = 'SubgraphCallError';
}

export function createSubgraphClient(options: { timeoutMs?: number } = {}): SubgraphClient {
  const timeoutMs = options.timeoutMs ?? 5_000;
  // Idle sockets go after 4 s, well before the subgraphs' 65 s keep-alive, as the gateway's own pool does.
  const agent = new Agent({ keepAliveTimeout: 4_000, keepAliveMaxTimeout: 4_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  return {
    async post<T>(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
        dispatcher: agent,
      });
      const body = (await response.body.json()) as { data?: T; errors?: { message: string }[] };
      if (response.statusCode !== 200 || body.errors?.length || !body.data) {
        throw new SubgraphCallError(`${url} answered ${response.statusCode}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
      }
      return body.data;
    },
    close: () => agent.close(),
  };
}
