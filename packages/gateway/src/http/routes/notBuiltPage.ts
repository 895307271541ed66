/**
 * The page served at `/` until packages/web is built: says so, shows demo or live, links the
 * API, and offers a plain login form (no script, so it passes the CSP) when a token is needed.
 */
import type { Health } from "@mexc-live/contract";

export function notBuiltPage(health: Health, options: { showLogin: boolean }): string {
  const mode =
    health.mode === "demo"
      ? "DEMO mode: a simulated exchange runs inside the gateway; no real account is used."
      : "LIVE mode: connected to your MEXC account.";
  const login = options.showLogin
    ? `<form method="post" action="/api/login">
  <p>This gateway needs its access token: MEXC_LIVE_TOKEN, or else the file access-token in its data folder (its start-up log names the file).</p>
  <label>Token <input type="password" name="token" autocomplete="current-password" required></label>
  <button type="submit">Log in</button>
</form>`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mexc-live</title>
</head>
<body>
<h1>mexc-live</h1>
<p>The dashboard is not built yet (packages/web/dist is missing). The gateway is running.</p>
<p>${options.showLogin ? "" : mode}</p>
<p><a href="/api/health">/api/health</a> shows the gateway and its connection to MEXC.</p>
${login}
</body>
</html>
`;
}
