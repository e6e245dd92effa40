/** The signed-in person as the apps show them. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
}

export type AuthStatus = 'loading' | 'signed-out' | 'signed-in';

export interface AuthState {
  status: AuthStatus;
  user: AuthUser | null;
}

export interface RegisterInput {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  phone?: string;
}

/**
 * One interface over both ways to sign in: the shop's built-in issuer (embedded mode: email + password through the
 * API) and Keycloak (production: authorization code + PKCE through oidc-client-ts, a redirect).
 */
export interface Auth {
  readonly kind: 'built-in' | 'oidc';
  getState(): AuthState;
  /** Notified on every state change (React reads it with useSyncExternalStore). */
  subscribe(listener: () => void): () => void;
  onIdentityChange(listener: () => void): () => void;
  /** A token valid for at least another minute (refreshed first when needed), or null when signed out. */
  getAccessToken(): Promise<string | null>;
  /** Refresh now (after an UNAUTHENTICATED answer); null, and signed out, when the session is over. */
  refresh(): Promise<string | null>;
  /** Built-in: email + password. OIDC: redirects to Keycloak (credentials ignored), `returnTo` is restored after. */
  signIn(credentials?: { email: string; password: string }, returnTo?: string): Promise<void>;
  /** Built-in only (with Keycloak, accounts are made on Keycloak's page: signIn). */
  register?(input: RegisterInput): Promise<void>;
  /** OIDC: finish the redirect on the callback page; answers where to go next. */
  completeSignIn?(): Promise<string>;
  /** Clears the tokens (and ends the session at the issuer). */
  signOut(): Promise<void>;
}
