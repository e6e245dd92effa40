import { getOperationAST, parse } from 'graphql';

/**
 * The model operations that only read. Everything else — writes, raw SQL (the outbox relay's and consumers'
 * statements among them) and whatever runs inside a transaction — stays on the primary.
 */
const READ_OPERATIONS = new Set([
  'findFirst', 'findFirstOrThrow', 'findMany', 'findUnique', 'findUniqueOrThrow', 'count', 'aggregate', 'groupBy',
]);

interface QueryHook {
  model?: string;
  operation: string;
  args: unknown;
  query: (args: unknown) => Promise<unknown>;
  __internalParams?: { transaction?: unknown };
}

interface Extensible {
  $extends(extension: { query: { $allModels: { $allOperations(hook: QueryHook): Promise<unknown> } } }): unknown;
}

type ModelDelegates = Record<string, Record<string, (args: unknown) => Promise<unknown>>>;

/**
 * The primary client with its reads sent to a replica: a model read outside a transaction runs on `replica`,
 * anything else on `primary` (what `@prisma/extension-read-replicas` does, without its dependency). The replica
 * may lag the primary, so a caller that must see its own writes uses the primary itself (see the catalog's
 * mutations). The result has the primary's type: a query extension changes where statements run, not what they return.
 */
export function withReadReplica<Db>(primary: Db, replica: Db): Db {
  const replicaModels = replica as unknown as ModelDelegates;
  return (primary as unknown as Extensible).$extends({
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query, __internalParams }) {
          if (!model || __internalParams?.transaction || !READ_OPERATIONS.has(operation)) return query(args);
          const delegate = model.charAt(0).toLowerCase() + model.slice(1);
          return replicaModels[delegate][operation](args);
        },
      },
    },
  }) as Db;
}

interface GraphqlRequest {
  body?: { query?: unknown; operationName?: unknown };
}

/**
 * Whether a GraphQL request must read the primary: anything but a query (a mutation's own response, and any read
 * it makes before writing, sees what it just wrote, which a lagging replica may not have yet). A request that
 * does not parse does too: the primary is always correct, and Apollo refuses the request anyway.
 */
export function needsPrimary(req: unknown): boolean {
  const { query, operationName } = (req as GraphqlRequest).body ?? {};
  if (typeof query !== 'string') return false;
  try {
    return getOperationAST(parse(query), typeof operationName === 'string' ? operationName : undefined)?.operation !== 'query';
  } catch {
    return true;
  }
}
