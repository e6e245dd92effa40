/// <reference types="vite/client" />

/** Keycloak sign-in (authorization code + PKCE) when both are set at build time; the built-in issuer otherwise. */
interface ImportMetaEnv {
  readonly VITE_OIDC_AUTHORITY?: string;
  readonly VITE_OIDC_CLIENT_ID?: string;
  readonly VITE_OIDC_SCOPE?: string;
}
