import type { AuthState, AuthUser } from './types';

/** The state and listeners both adapters share. */
export class AuthStore {
  private state: AuthState = { status: 'loading', user: null };
  private readonly listeners = new Set<() => void>();
  private readonly identityListeners = new Set<() => void>();

  getState = (): AuthState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  onIdentityChange = (listener: () => void): (() => void) => {
    this.identityListeners.add(listener);
    return () => this.identityListeners.delete(listener);
  };

  set(user: AuthUser | null): void {
    const changed = (this.state.user?.id ?? null) !== (user?.id ?? null);
    this.state = { status: user ? 'signed-in' : 'signed-out', user };
    for (const listener of this.listeners) listener();
    if (changed) for (const listener of this.identityListeners) listener();
  }
}
