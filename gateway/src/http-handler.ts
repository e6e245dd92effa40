import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { httpGraphqlRequestOf, scrapedGauge, writeGraphqlResponse, type GraphqlRequest, type GraphqlStep } from '@shop/platform';
import { OperationTypeNode, parse } from 'graphql';
import { callerKeyOf, type GatewayContext } from './request-scope';

/** A finished answer, as every request that asked the same thing at the same moment gets it. */
interface Answer {
  status: number;
  headers: [string, string][];
  body: string;
}

let merged = 0;
scrapedGauge('shop_gateway_merged_operations', 'Queries answered with the answer of an identical one in flight (since start)', () => merged);

/**
 * Apollo Server on Node's request and response (platform's apolloStep), where identical queries in flight at the same
 * moment are executed once: same operation, variables and extensions, and the same caller (token, cart session)
 * and response format. The others wait for that answer and get it with their own request id. A storefront's
 * shoppers on one product send exactly that; mutations, subscriptions and incremental answers always run alone.
 */
export function graphqlHttpHandler(
  apollo: ApolloServer<GatewayContext>,
  context: (req: GraphqlRequest) => Promise<GatewayContext>,
  options: { mergeInFlight: boolean },
): GraphqlStep {
  const inFlight = new Map<string, Promise<Answer | null>>();

  return async (req, res) => {
    const key = options.mergeInFlight ? mergeKeyOf(req) : null;
    const running = key ? inFlight.get(key) : undefined;
    if (running) {
      const answer = await running;
      if (answer) {
        merged += 1;
        return send(res, answer);
      }
      // The first one's answer came in parts (or not at all): this one runs on its own.
    }
    const leads = key !== null && !running;
    let settle: (answer: Answer | null) => void = () => undefined;
    if (leads) inFlight.set(key, new Promise((resolve) => (settle = resolve)));
    try {
      const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: httpGraphqlRequestOf(req), context: () => context(req) });
      const status = response.status ?? 200;
      const answer = response.body.kind === 'complete' ? { status, headers: [...response.headers], body: response.body.string } : null;
      settle(answer);
      if (answer) return send(res, answer);
      await writeGraphqlResponse(res, response);
    } catch (error) {
      settle(null);
      throw error;
    } finally {
      if (leads) inFlight.delete(key);
    }
  };
}

function send(res: http.ServerResponse, answer: Answer): void {
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  res.statusCode = answer.status;
  res.setHeader('content-length', Buffer.byteLength(answer.body));
  res.end(answer.body);
}

/** What makes two requests the same question: null when they must not share an answer. */
function mergeKeyOf(req: GraphqlRequest): string | null {
  if (req.method !== 'POST') return null;
  const body = req.body as { query?: unknown; operationName?: unknown } | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.query !== 'string') return null;
  if (!isQuery(body.query, typeof body.operationName === 'string' ? body.operationName : undefined)) return null;
  return `${callerKeyOf(req.headers)}\n${req.headers.accept ?? ''}\n${req.headers['content-type'] ?? ''}\n${JSON.stringify(body)}`;
}

const operationTypes = new Map<string, boolean>();

/** Whether the request runs a query (parsed once per query text; what does not parse runs alone and fails alone). */
function isQuery(query: string, operationName: string | undefined): boolean {
  const key = `${operationName ?? ''}\n${query}`;
  let known = operationTypes.get(key);
  if (known === undefined) {
    try {
      const operations = parse(query, { maxTokens: 5_000 }).definitions.filter((d) => d.kind === 'OperationDefinition');
      const chosen = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
      known = chosen?.operation === OperationTypeNode.QUERY && !/@(defer|stream)\b/.test(query);
    } catch {
      known = false;
    }
    if (operationTypes.size > 1_000) operationTypes.clear();
    operationTypes.set(key, known);
  }
  return known;
}
