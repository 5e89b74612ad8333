// Who is signed in: asked of the server once on load (the session cookie is HttpOnly), then
// changed by signing in and out. Holds the CSRF token the API wants on writes.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, ApiError, setCsrfToken, type Me } from "./api";

interface Session {
  me: Me | null;
  checked: boolean;
  refresh: () => Promise<void>;
  signIn: (login: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const m = await api<Me>("/api/session");
      setCsrfToken(m.csrf_token ?? "");
      setMe(m);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) console.error(e);
      setCsrfToken("");
      setMe(null);
    } finally {
      setChecked(true);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signIn = useCallback(
    async (login: string, password: string) => {
      await api("/api/session", { method: "POST", body: JSON.stringify({ login, password }) });
      await refresh();
    },
    [refresh],
  );
  const signOut = useCallback(async () => {
    try {
      await api("/api/session", { method: "DELETE" });
    } finally {
      setCsrfToken("");
      setMe(null);
    }
  }, []);

  const value = useMemo(() => ({ me, checked, refresh, signIn, signOut }), [me, checked, refresh, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const v = useContext(SessionContext);
  if (!v) throw new Error("useSession outside SessionProvider");
  return v;
}
