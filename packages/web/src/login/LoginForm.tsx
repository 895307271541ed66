/**
 * Shown when the gateway requires its access token. POSTs it (never a GET, never in a URL);
 * on success the gateway's cookie authorizes everything else and `onLoggedIn` reloads the data.
 */
import { API_PATHS } from "@mexc-live/contract";
import { type FormEvent, useState } from "react";
import { login } from "./login.js";

export interface LoginFormProps {
  readonly onLoggedIn: () => void;
}

export function LoginForm({ onLoggedIn }: LoginFormProps) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(token);
      setToken("");
      onLoggedIn();
    } catch (e) {
      setError(e instanceof Error ? e.message : "Login failed.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login-form" method="post" action={API_PATHS.login} onSubmit={submit} aria-label="Log in">
        <h1>mexc-live</h1>
        <p>
          This gateway needs its access token: the MEXC_LIVE_TOKEN setting, or else the file access-token in its data
          folder (its start-up log names the file).
        </p>
        <label>
          Token
          <input
            type="password"
            name="token"
            autoComplete="current-password"
            required
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
        </label>
        <button type="submit" disabled={busy || token === ""}>
          {busy ? "Logging in…" : "Log in"}
        </button>
        {error && (
          <p className="login-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
