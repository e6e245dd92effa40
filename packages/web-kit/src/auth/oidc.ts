import type { User, UserManager } from 'oidc-client-ts';
import type { Auth, AuthUser } from './types';
import { AuthStore } from './store';

export interface OidcSettings {
  /** Keycloak realm URL, e.g. https://id.example.com/realms/shop (VITE_OIDC_AUTHORITY). */
  authority: string;
  /** A public client with PKCE (VITE_OIDC_CLIENT_ID). */
  clientId: string;
  /** The app's callback page, registered as a redirect URI in Keycloak. */
  redirectUri: string;
  postLogoutRedirectUri?: string;
  scope?: string;
}

/**
 * Keycloak's authorization-code flow with PKCE through oidc-client-ts (loaded only when configured, so the embedded
 * mode does not ship it). Tokens are renewed silently before they expire; sign-out clears them and ends the
 * Keycloak session.
 */
export function createOidcAuth(settings: OidcSettings): Auth {
  const store = new AuthStore();
  let manager: Promise<UserManager> | null = null;

  function userManager(): Promise<UserManager> {
    manager ??= import('oidc-client-ts').then(({ UserManager, WebStorageStateStore }) => {
      const um = new UserManager({
        authority: settings.authority,
        client_id: settings.clientId,
        redirect_uri: settings.redirectUri,
        post_logout_redirect_uri: settings.postLogoutRedirectUri ?? location.origin,
        response_type: 'code',
        scope: settings.scope ?? 'openid profile email',
        automaticSilentRenew: true,
        userStore: new WebStorageStateStore({ store: localStorage }),
      });
      um.events.addUserLoaded((user) => store.set(toUser(user)));
      um.events.addUserUnloaded(() => store.set(null));
      um.events.addSilentRenewError(() => void um.removeUser());
      return um;
    });
    return manager;
  }

  async function validUser(): Promise<User | null> {
    const user = await (await userManager()).getUser();
    return user && !user.expired ? user : null;
  }

  async function refresh(): Promise<string | null> {
    try {
      const user = await (await userManager()).signinSilent();
      return user?.access_token ?? null;
    } catch {
      await (await userManager()).removeUser();
      return null;
    }
  }

  void validUser().then((user) => store.set(user ? toUser(user) : null), () => store.set(null));

  return {
    kind: 'oidc',
    getState: store.getState,
    subscribe: store.subscribe,
    onIdentityChange: store.onIdentityChange,
    async getAccessToken() {
      const user = await validUser();
      if (user && (user.expires_in ?? 0) < 60) return refresh();
      return user?.access_token ?? null;
    },
    refresh,
    async signIn(_credentials, returnTo) {
      await (await userManager()).signinRedirect({ state: { returnTo: returnTo ?? location.pathname + location.search } });
    },
    async completeSignIn() {
      const user = await (await userManager()).signinRedirectCallback();
      store.set(toUser(user));
      return (user.state as { returnTo?: string } | undefined)?.returnTo ?? '/';
    },
    async signOut() {
      const um = await userManager();
      const user = await um.getUser();
      await um.removeUser();
      store.set(null);
      if (user) await um.signoutRedirect({ id_token_hint: user.id_token });
    },
  };
}

function toUser(user: User): AuthUser {
  const profile = user.profile as User['profile'] & { realm_access?: { roles?: string[] } };
  return {
    id: profile.sub,
    email: profile.email ?? '',
    name: profile.name ?? [profile.given_name, profile.family_name].filter(Boolean).join(' '),
    roles: profile.realm_access?.roles ?? [],
  };
}
