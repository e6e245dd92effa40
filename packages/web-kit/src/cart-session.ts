/**
 * A guest's cart session: `addToCart` answers a `sessionToken` the first time; the browser keeps it and sends it as
 * the `x-cart-session` header on every request until the cart is merged at sign-in or bought.
 */
export interface CartSession {
  get(): string | null;
  set(token: string): void;
  clear(): void;
}

export function createCartSession(storageKey = 'shop.cart-session'): CartSession {
  return {
    get: () => localStorage.getItem(storageKey),
    set: (token) => localStorage.setItem(storageKey, token),
    clear: () => localStorage.removeItem(storageKey),
  };
}
