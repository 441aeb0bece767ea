/** The session: who is logged in, from the token kept in localStorage and checked with /auth/me. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onUnauthenticated, tokenStore } from '../api/client';
import { authApi } from '../api/endpoints';
import type { Role, SessionUser } from '../api/types';

interface AuthState {
  user: SessionUser | null;
  ready: boolean;
  /** True after the user logged out (not when the session expired): the login page then starts fresh. */
  loggedOut: boolean;
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [ready, setReady] = useState(false);
  const [loggedOut, setLoggedOut] = useState(false);

  useEffect(() => {
    onUnauthenticated(() => setUser(null));
    if (!tokenStore.get()) {
      setReady(true);
      return () => onUnauthenticated(null);
    }
    authApi
      .me()
      .then((me) => setUser({ username: me.username, role: me.role as Role, enterpriseId: me.enterpriseId }))
      .catch(() => {
        tokenStore.clear();
        setUser(null);
      })
      .finally(() => setReady(true));
    return () => onUnauthenticated(null);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const r = await authApi.login(username, password);
    tokenStore.set(r.token);
    setLoggedOut(false);
    const u: SessionUser = { username: r.user.username, role: r.user.role, enterpriseId: r.user.enterpriseId };
    setUser(u);
    return u;
  }, []);

  const logout = useCallback(async () => {
    try {
      if (tokenStore.get()) await authApi.logout();
    } catch {
      // the session ends locally whatever the server answers
    }
    tokenStore.clear();
    setLoggedOut(true);
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, ready, loggedOut, login, logout }), [user, ready, loggedOut, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The logged-in user; only for pages behind RequireAuth. */
export function useUser(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a session');
  return user;
}
