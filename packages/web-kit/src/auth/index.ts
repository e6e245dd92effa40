import { createBuiltInAuth } from './built-in';
import { createOidcAuth } from './oidc';
import type { Auth } from './types';

export { createBuiltInAuth } from './built-in';
export { createOidcAuth, type OidcSettings } from './oidc';
export { AuthProvider, useAuth } from './react';
export type { Auth, AuthState, AuthStatus, AuthUser, RegisterInput } from './types';

/**
 * Keycloak when the build was given VITE_OIDC_AUTHORITY and VITE_OIDC_CLIENT_ID, the built-in issuer otherwise.
 * `callbackPath` is the app's OIDC callback route (absolute, base included), e.g. /auth/callback.
 */
export function createAuth(options: {
  storageKey: string;
  env: { VITE_OIDC_AUTHORITY?: string; VITE_OIDC_CLIENT_ID?: string; VITE_OIDC_SCOPE?: string };
  callbackPath: string;
  graphqlUrl?: string;
}): Auth {
  const { VITE_OIDC_AUTHORITY: authority, VITE_OIDC_CLIENT_ID: clientId, VITE_OIDC_SCOPE: scope } = options.env;
  if (authority && clientId) {
    return createOidcAuth({ authority, clientId, scope, redirectUri: `${location.origin}${options.callbackPath}` });
  }
  return createBuiltInAuth({ storageKey: options.storageKey, graphqlUrl: options.graphqlUrl });
}
