/// <reference types="vite/client" />

/** Build-time settings (see README: Keycloak sign-in). */
interface ImportMetaEnv {
  readonly VITE_OIDC_AUTHORITY?: string;
  readonly VITE_OIDC_CLIENT_ID?: string;
  readonly VITE_OIDC_SCOPE?: string;
}
