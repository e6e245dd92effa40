import { createAuth, createCartSession, createShopClient } from '@shop/web-kit';

/** One guest cart session, one sign-in and one API client for the whole storefront. */
export const cartSession = createCartSession('shop.storefront.cart-session');

/** Keycloak when built with VITE_OIDC_AUTHORITY + VITE_OIDC_CLIENT_ID, else the shop's built-in issuer. */
export const auth = createAuth({ storageKey: 'shop.storefront.session', env: import.meta.env, callbackPath: '/auth/callback' });

export const client = createShopClient({ auth, cartSession });

const ORDER_KEYS = 'shop.storefront.order-keys';

/** A guest's access keys by order number: checkout answers each once and the shop cannot show it again. */
export function rememberOrderKey(number: string, accessKey: string): void {
  localStorage.setItem(ORDER_KEYS, JSON.stringify({ ...orderKeys(), [number]: accessKey }));
}

export function orderKeys(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(ORDER_KEYS) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}
