// The signed-in principal for the whole app: loaded once from /api/v1/auth/me, updated by
// login and logout.
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { ApiError, get, post, setCsrfToken } from './api';

export interface Grant {
  id: number;
  role: string;
  role_label: string;
  unit_id: number;
  unit_name: string | null;
  include_subunits: boolean;
}

export interface Principal {
  kind: 'official' | 'applicant';
  id: number;
  login: string;
  full_name: string;
  unit_id?: number;
  unit_name?: string | null;
  must_change_password: boolean;
  contact_pending?: boolean;
  grants: Grant[];
  csrf_token?: string;
}

interface SessionState {
  principal: Principal | null;
  loading: boolean;
  signIn(p: Principal): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState>({
  principal: null,
  loading: true,
  signIn: () => {},
  signOut: async () => {},
});

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [principal, setPrincipal] = useState<Principal | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    get<{ principal: Principal }>('/api/v1/auth/me')
      .then((r) => signIn(r.principal))
      .catch((e) => {
        if (!(e instanceof ApiError) || e.status !== 401) console.warn(e);
      })
      .finally(() => setLoading(false));
  }, []);

  function signIn(p: Principal) {
    setCsrfToken(p.csrf_token ?? '');
    setPrincipal(p);
  }

  async function signOut() {
    try {
      await post('/api/v1/auth/logout');
    } finally {
      setCsrfToken('');
      setPrincipal(null);
    }
  }

  return <SessionContext.Provider value={{ principal, loading, signIn, signOut }}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);

// Whether the official holds one of `roles` somewhere (menus show only what they may use).
export function holdsRole(p: Principal | null, roles: string[]): boolean {
  return p?.kind === 'official' && p.grants.some((g) => g.role === 'system_admin' || roles.includes(g.role));
}

// The one-stop screens (queues, dashboards) are for these roles; documents for these.
export const oneStopRoles = ['unit_admin', 'desk_officer', 'specialist', 'leader'];
export const documentRoles = ['clerk', 'specialist', 'leader'];

// Administrators of the system or of a unit: they see the administration screens.
export function isAdministrator(p: Principal | null): boolean {
  return p?.kind === 'official' && p.grants.some((g) => g.role === 'system_admin' || g.role === 'unit_admin');
}
