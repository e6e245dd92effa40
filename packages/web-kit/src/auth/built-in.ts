import type { Auth, AuthUser, RegisterInput } from './types';
import { ApiError } from '../graphql/errors';
import { AuthStore } from './store';

/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;

interface StoredSession {
  accessToken: string;
  expiresAt: number;
  refreshToken: string;
  user: AuthUser;
}

const PAYLOAD = 'accessToken accessTokenExpiresAt refreshToken customer { id email firstName lastName roles }';
const LOGIN = `mutation WebKitLogin($email: String!, $password: String!) { login(email: $email, password: $password) { ${PAYLOAD} } }`;
const REGISTER = `mutation WebKitRegister($input: RegisterInput!) { register(input: $input) { ${PAYLOAD} } }`;
const REFRESH = `mutation WebKitRefresh($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ${PAYLOAD} } }`;
const LOGOUT = 'mutation WebKitLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }';

/**
 * The AuthPayload fields this adapter reads. Written here (not generated) because the kit has no operations of
 * its own to generate from: these four mutations are the whole of it.
 */
interface AuthPayload {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  customer: { id: string; email: string; firstName: string; lastName: string; roles: string[] };
}

/**
 * The shop's built-in issuer (embedded mode): sign-in and sign-up through the API, tokens kept in localStorage under
 * `storageKey` (one per app: the storefront and admin share an origin), refreshed a minute before expiry.
 */
export function createBuiltInAuth(options: { storageKey: string; graphqlUrl?: string }): Auth {
  const url = options.graphqlUrl ?? '/graphql';
  const store = new AuthStore();
  let session: StoredSession | null = read();
  let refreshing: Promise<string | null> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function read(): StoredSession | null {
    try {
      const raw = localStorage.getItem(options.storageKey);
      return raw ? (JSON.parse(raw) as StoredSession) : null;
    } catch {
      return null;
    }
  }

  function save(next: StoredSession | null): void {
    session = next;
    if (next) localStorage.setItem(options.storageKey, JSON.stringify(next));
    else localStorage.removeItem(options.storageKey);
    schedule();
    store.set(next?.user ?? null);
  }

  function schedule(): void {
    clearTimeout(timer);
    if (!session) return;
    const delay = Math.max(session.expiresAt - Date.now() - REFRESH_MARGIN_MS, 1_000);
    timer = setTimeout(() => void refresh(), Math.min(delay, 2 ** 31 - 1));
  }

  async function call<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    } catch {
      throw new ApiError('The shop could not be reached.');
    }
    const body = (await response.json().catch(() => ({}))) as { data?: Record<string, T>; errors?: [] };
    if (body.errors?.length || !body.data) throw new ApiError(`HTTP ${response.status}`, body.errors ?? [], response.status);
    return Object.values(body.data)[0] as T;
  }

  function toSession(payload: AuthPayload): StoredSession {
    const c = payload.customer;
    return {
      accessToken: payload.accessToken,
      expiresAt: Date.parse(payload.accessTokenExpiresAt),
      refreshToken: payload.refreshToken,
      user: { id: c.id, email: c.email, name: `${c.firstName} ${c.lastName}`.trim(), roles: c.roles },
    };
  }

  function refresh(): Promise<string | null> {
    const current = session;
    if (!current) return Promise.resolve(null);
    refreshing ??= call<AuthPayload>(REFRESH, { refreshToken: current.refreshToken })
      .then((payload) => {
        save(toSession(payload));
        return session!.accessToken;
      })
      .catch(() => {
        // Another tab may have used the refresh token first and stored the new pair.
        const stored = read();
        if (stored && stored.refreshToken !== current.refreshToken && stored.expiresAt > Date.now()) {
          save(stored);
          return stored.accessToken;
        }
        save(null);
        return null;
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  // Sign-in and sign-out in another tab of the same app.
  addEventListener('storage', (event) => {
    if (event.key !== options.storageKey) return;
    session = read();
    schedule();
    store.set(session?.user ?? null);
  });
  if (session && session.expiresAt - Date.now() < REFRESH_MARGIN_MS) void refresh();
  else {
    schedule();
    store.set(session?.user ?? null);
  }

  return {
    kind: 'built-in',
    getState: store.getState,
    subscribe: store.subscribe,
    onIdentityChange: store.onIdentityChange,
    async getAccessToken() {
      if (refreshing) return refreshing;
      if (!session) return null;
      if (session.expiresAt - Date.now() < REFRESH_MARGIN_MS) return refresh();
      return session.accessToken;
    },
    refresh,
    async signIn(credentials) {
      if (!credentials) throw new Error('The built-in issuer signs in with an email and a password');
      save(toSession(await call<AuthPayload>(LOGIN, credentials)));
    },
    async register(input: RegisterInput) {
      save(toSession(await call<AuthPayload>(REGISTER, { input })));
    },
    async signOut() {
      const refreshToken = session?.refreshToken;
      save(null);
      if (refreshToken) await call(LOGOUT, { refreshToken }).catch(() => undefined);
    },
  };
}
