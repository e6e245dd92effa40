import { Agent, fetch } from 'undici';
import { shopError, type ErrorCode, type ServiceCredentials } from '@shop/platform';

/** Codes another service answers with that mean "the request was refused", not "the service is broken". */
const PASSED_ON = new Set<ErrorCode>(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'OUT_OF_STOCK', 'PAYMENT_DECLINED', 'FORBIDDEN', 'UNAUTHENTICATED']);

export interface GraphQLCaller {
  <T>(query: string, variables: Record<string, unknown>): Promise<T>;
}

/**
 * Calls one subgraph's internal operations as this service (a bearer service token), on a keep-alive pool. A
 * refusal comes back as a ShopError with the other service's code and details; anything else is a plain Error,
 * which the saga treats as "outcome unknown".
 */
export function graphqlCaller(url: string | (() => string), credentials: ServiceCredentials, agent: Agent, timeoutMs = 15_000): GraphQLCaller {
  return async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const target = typeof url === 'string' ? url : url();
    const service = new URL(target).host;
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await credentials.token()}` },
      body: JSON.stringify({ query, variables }),
      dispatcher: agent,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json().catch(() => null)) as { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] } | null;
    const error = body?.errors?.[0];
    if (error) {
      const { code, stacktrace: _stacktrace, ...extensions } = error.extensions ?? {};
      if (PASSED_ON.has(code as ErrorCode)) throw shopError(code as ErrorCode, error.message, extensions);
      throw new Error(`${service} answered ${String(code ?? response.status)}: ${error.message}`);
    }
    if (!response.ok || !body?.data) throw new Error(`${service} answered HTTP ${response.status}`);
    return body.data;
  };
}
