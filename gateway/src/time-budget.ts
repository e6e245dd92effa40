import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloGateway } from '@apollo/gateway';
import { GraphQLError } from 'graphql';

type Executor = NonNullable<Awaited<ReturnType<ApolloGateway['load']>>['executor']>;
type GatewayLike = Pick<ApolloGateway, 'load' | 'onSchemaLoadOrUpdate' | 'stop'>;

const budgets = new AsyncLocalStorage<AbortSignal>();

/** The running operation's abort signal, for the subgraph fetcher: it fires when the operation's time is up. */
export function currentOperationSignal(): AbortSignal | undefined {
  return budgets.getStore();
}

/**
 * Gives every operation `budgetMs` to execute (query planning and every subgraph fetch). When the time is up the
 * client gets GATEWAY_TIMEOUT (HTTP 504) at once and the operation's subgraph fetches still in flight are aborted,
 * so one slow operation cannot hold a connection, or a subgraph's work, for longer than that.
 */
export function withTimeBudget(gateway: GatewayLike, budgetMs: number): GatewayLike {
  const budgeted = (executor: Executor): Executor => async (requestContext) => {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<Awaited<ReturnType<Executor>>>((resolve) => {
      timer = setTimeout(() => {
        controller.abort(new Error(`operation exceeded its ${budgetMs} ms budget`));
        resolve({ errors: [operationTimedOut(budgetMs)] });
      }, budgetMs);
    });
    const running = budgets.run(controller.signal, () => executor(requestContext));
    try {
      return await Promise.race([running, timedOut]);
    } finally {
      clearTimeout(timer);
      // The gateway settles a fetch aborted after the race as a subgraph error nobody reads any more.
      running.catch(() => undefined);
    }
  };
  return {
    load: async (options) => {
      const loaded = await gateway.load(options);
      return { ...loaded, executor: loaded.executor && budgeted(loaded.executor) };
    },
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
  };
}

function operationTimedOut(budgetMs: number): GraphQLError {
  return new GraphQLError(`The operation took longer than ${budgetMs} ms and was stopped. Try again, or ask for less.`, {
    extensions: { code: 'GATEWAY_TIMEOUT', budgetMs, http: { status: 504 } },
  });
}
