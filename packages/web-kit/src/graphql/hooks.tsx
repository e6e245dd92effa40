import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ShopClient, TypedDocument } from './client';
import type { ApiError } from './errors';

const ClientContext = createContext<ShopClient | null>(null);

export function ShopClientProvider({ client, children }: { client: ShopClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useShopClient(): ShopClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useShopClient needs a <ShopClientProvider>');
  return client;
}

export interface QueryState<R> {
  data: R | undefined;
  error: ApiError | undefined;
  /** True while a request is in flight (the previous data stays shown meanwhile). */
  loading: boolean;
  refetch(): void;
}

/** Runs the query on mount and whenever its variables change; `skip` waits. */
export function useQuery<R, V>(document: TypedDocument<R, V>, options: { variables?: V; skip?: boolean } = {}): QueryState<R> {
  const client = useShopClient();
  const [state, setState] = useState<{ data?: R; error?: ApiError; loading: boolean }>({ loading: !options.skip });
  const key = JSON.stringify(options.variables ?? {});
  const latest = useRef(0);
  const variables = useRef(options.variables);
  variables.current = options.variables;

  const run = useCallback(() => {
    const id = ++latest.current;
    setState((previous) => ({ data: previous.data, loading: true }));
    client.request(document, variables.current).then(
      (data) => id === latest.current && setState({ data, loading: false }),
      (error: ApiError) => id === latest.current && setState((previous) => ({ data: previous.data, error, loading: false })),
    );
    // `key` stands for the variables' value (read through the ref)
  }, [client, document, key]);

  useEffect(() => {
    if (options.skip) return;
    run();
    return client.register(run);
  }, [client, run, options.skip]);

  return { data: state.data, error: state.error, loading: state.loading, refetch: run };
}

export interface MutationState<R> {
  data: R | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reset(): void;
}

/**
 * `mutate(variables)` resolves with the data or rejects with the ApiError (also kept in the state for display).
 * With `refetchActive`, the queries on screen are refetched after a success.
 */
export function useMutation<R, V>(
  document: TypedDocument<R, V>,
  options: { refetchActive?: boolean } = {},
): [(variables: V) => Promise<R>, MutationState<R>] {
  const client = useShopClient();
  const [state, setState] = useState<{ data?: R; error?: ApiError; loading: boolean }>({ loading: false });
  const mutate = useCallback(
    async (variables: V) => {
      setState({ loading: true });
      try {
        const data = await client.request(document, variables);
        setState({ data, loading: false });
        if (options.refetchActive) client.refetchActive();
        return data;
      } catch (error) {
        setState({ error: error as ApiError, loading: false });
        throw error;
      }
    },
    [client, document, options.refetchActive],
  );
  const reset = useCallback(() => setState({ loading: false }), []);
  return [mutate, { data: state.data, error: state.error, loading: state.loading, reset }];
}

/** Subscribes while mounted (and not skipped); `onData` sees every event, `data` is the latest. */
export function useSubscription<R, V>(
  document: TypedDocument<R, V>,
  options: { variables?: V; skip?: boolean; onData?: (data: R) => void } = {},
): { data: R | undefined; error: ApiError | undefined } {
  const client = useShopClient();
  const [state, setState] = useState<{ data?: R; error?: ApiError }>({});
  const onData = useRef(options.onData);
  onData.current = options.onData;
  const key = JSON.stringify(options.variables ?? {});
  const variables = useRef(options.variables);
  variables.current = options.variables;

  useEffect(() => {
    if (options.skip) return;
    return client.subscribe(document, variables.current, {
      next: (data) => {
        setState({ data });
        onData.current?.(data);
      },
      error: (error) => setState((previous) => ({ ...previous, error })),
    });
  }, [client, document, key, options.skip]);

  return { data: state.data, error: state.error };
}
