import { createLogger, startSubgraph, type Logger, type RunningService } from '@shop/platform';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '../src/composition';

export const silentLog = createLogger('gateway-test', 'silent');

/** A logger that keeps what is logged at error level, with its bindings (the request id among them). */
export function recordingLogger(): { log: Logger; errors: Record<string, unknown>[] } {
  const errors: Record<string, unknown>[] = [];
  const make = (bindings: Record<string, unknown>): Logger =>
    ({
      child: (more: Record<string, unknown>) => make({ ...bindings, ...more }),
      error: (obj: object, msg?: string) => errors.push({ ...bindings, ...obj, msg }),
      warn: () => undefined,
      info: () => undefined,
      debug: () => undefined,
    }) as unknown as Logger;
  return { log: make({}), errors };
}

/** Headers a subgraph received, as the `Seen` type reports them back. */
interface Seen {
  authorization?: string;
  requestId?: string;
  clientAddress?: string;
  cartSession?: string;
}

export const productsSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
  type Query { product(id: ID!): Product boom: String slow: String }
  type Product @key(fields: "id") { id: ID! name: String! seenByProducts: Seen! }
  type Seen @shareable { authorization: String requestId: String clientAddress: String cartSession: String }
`;

export const reviewsSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
  type Product @key(fields: "id") { id: ID! reviews: [Review!]! seenByReviews: Seen! }
  type Review { body: String! }
  type Seen @shareable { authorization: String requestId: String clientAddress: String cartSession: String }
`;

type Context = { seen: Seen };

/** Two tiny subgraphs sharing `Product`: products owns it, reviews extends it, so queries need _entities. */
export async function startTestSubgraphs(): Promise<{ subgraphs: SubgraphDefinition[]; stop(): Promise<void> }> {
  const context = ({ req, requestId }: { req: { headers: Record<string, string | string[] | undefined> }; requestId: string }) => ({
    seen: {
      authorization: req.headers.authorization as string | undefined,
      requestId,
      clientAddress: req.headers['x-client-address'] as string | undefined,
      cartSession: req.headers['x-cart-session'] as string | undefined,
    },
  });
  const common = { port: 0, host: '127.0.0.1', log: silentLog, production: false, context };
  const products = await startSubgraph<Context>({
    ...common,
    name: 'products',
    typeDefs: parse(productsSdl),
    resolvers: {
      Query: {
        product: (_: unknown, { id }: { id: string }) => ({ id, name: `Product ${id}` }),
        boom: () => {
          throw new Error('kaboom');
        },
        slow: () => new Promise((resolve) => setTimeout(() => resolve('done'), 200)),
      },
      Product: {
        __resolveReference: ({ id }: { id: string }) => ({ id, name: `Product ${id}` }),
        seenByProducts: (_: unknown, __: unknown, { seen }: Context) => seen,
      },
    },
  });
  const reviews = await startSubgraph<Context>({
    ...common,
    name: 'reviews',
    typeDefs: parse(reviewsSdl),
    resolvers: {
      Product: {
        __resolveReference: ({ id }: { id: string }) => ({ id }),
        reviews: ({ id }: { id: string }) => [{ body: `Great ${id}` }],
        seenByReviews: (_: unknown, __: unknown, { seen }: Context) => seen,
      },
    },
  });
  return {
    subgraphs: [
      { name: 'products', url: products.url, typeDefs: productsSdl },
      { name: 'reviews', url: reviews.url, typeDefs: reviewsSdl },
    ],
    stop: () => stopAll([products, reviews]),
  };
}

async function stopAll(services: RunningService[]): Promise<void> {
  await Promise.all(services.map((s) => s.stop()));
}
