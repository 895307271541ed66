/**
 * The page: asks the gateway whether it wants a token (GET /api/health answers 401 then), shows
 * the login form if so, the dashboard otherwise. A new login mounts a fresh dashboard, so all
 * data is loaded again with the new cookie.
 */
import { useCallback, useEffect, useState } from "react";
import { Dashboard } from "./Dashboard.js";
import { LoginForm } from "./login/LoginForm.js";
import { type AuthState, checkAuth } from "./login/login.js";

export function App() {
  const [auth, setAuth] = useState<AuthState>("checking");
  const [session, setSession] = useState(0);

  useEffect(() => {
    let live = true;
    checkAuth()
      .then((state) => live && setAuth(state))
      // Gateway unreachable: show the dashboard, which reports the connection as stale and retries.
      .catch(() => live && setAuth("ok"));
    return () => {
      live = false;
    };
  }, []);

  const onLoggedIn = useCallback(() => {
    setSession((n) => n + 1);
    setAuth("ok");
  }, []);
  const onAuthRequired = useCallback(() => setAuth("required"), []);

  if (auth === "checking") return <p className="loading">mexc-live: connecting to the gateway…</p>;
  if (auth === "required") return <LoginForm onLoggedIn={onLoggedIn} />;
  return <Dashboard key={session} onAuthRequired={onAuthRequired} />;
}
