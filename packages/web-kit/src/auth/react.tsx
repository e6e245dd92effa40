import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { Auth, AuthState } from './types';

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ auth, children }: { auth: Auth; children: ReactNode }) {
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

/** The sign-in state (re-rendering on change) and the adapter's actions. */
export function useAuth(): AuthState & { auth: Auth } {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs an <AuthProvider>');
  const state = useSyncExternalStore(auth.subscribe, auth.getState);
  return { ...state, auth };
}
