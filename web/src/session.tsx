import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import i18n from './i18n';
import { ApiError, request, setCsrfToken, setUnauthenticatedHandler } from './api/client';
import type { Me, User } from './api/types';
import { isUnLanguage, type UnLanguage } from './i18n/languages';

interface Session {
  /** undefined while the session is being checked, null when signed out. */
  user: User | null | undefined;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  setLanguage(lng: UnLanguage): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The path to come back to after signing in again. */
export const loginPath = (next: string) => (next && next !== '/' && !next.startsWith('/login') ? `/login?next=${encodeURIComponent(next)}` : '/login');

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();

  const adopt = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setUser(me.user);
    if (isUnLanguage(me.user.language) && me.user.language !== i18n.language) void i18n.changeLanguage(me.user.language);
  }, []);

  useEffect(() => {
    request<Me>('/auth/me', { allow401: true })
      .then(adopt)
      .catch(() => setUser(null));
  }, [adopt]);

  // An expired session: back to the sign-in page, remembering where the user was.
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setUser(null);
      setCsrfToken(null);
      queryClient.clear();
      const here = window.location.pathname + window.location.search;
      navigate(loginPath(here), { replace: true });
    });
  }, [navigate, queryClient, location]);

  const value = useMemo<Session>(() => ({
    user,
    async signIn(email, password) {
      const me = await request<Me>('/auth/login', { method: 'POST', json: { email, password }, allow401: true });
      queryClient.clear();
      adopt(me);
    },
    async signOut() {
      await request('/auth/logout', { method: 'POST', json: {}, allow401: true }).catch(() => undefined);
      setCsrfToken(null);
      setUser(null);
      queryClient.clear();
      navigate('/login');
    },
    async setLanguage(lng) {
      await i18n.changeLanguage(lng);
      if (user) {
        try {
          const me = await request<Me>('/auth/me', { method: 'PATCH', json: { language: lng } });
          setUser(me.user);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
        }
      }
    },
  }), [user, adopt, navigate, queryClient]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
