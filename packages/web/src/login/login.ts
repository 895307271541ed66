/**
 * The gateway's token login: POST /api/login with the token in a JSON body; the gateway answers
 * with an HttpOnly cookie that authorizes the API and the WebSocket from then on. The token is
 * never put in a URL (it would land in history, logs and Referer headers).
 */
import { API_PATHS, READS } from "@mexc-live/contract";
import { ApiError } from "../errors.js";

export type AuthState = "checking" | "required" | "ok";

/** Whether the gateway wants a token from this browser: GET /api/health answers 401 then. */
export async function checkAuth(): Promise<AuthState> {
  const response = await fetch(READS.health.path, {
    credentials: "same-origin",
    headers: { accept: "application/json" },
  });
  return response.status === 401 ? "required" : "ok";
}

/** Sends the token; resolves when the cookie is set, rejects with the gateway's reason otherwise. */
export async function login(token: string): Promise<void> {
  const response = await fetch(API_PATHS.login, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ token }),
  });
  if (response.ok) return;
  throw new ApiError(response.status, failureMessage(response));
}

function failureMessage(response: Response): string {
  if (response.status === 401) return "That token is not the gateway's token.";
  if (response.status === 429) {
    const seconds = Number(response.headers.get("retry-after"));
    const wait = Number.isFinite(seconds) && seconds > 0 ? `${Math.ceil(seconds)} s` : "a minute";
    return `Too many wrong tokens from this address; try again in ${wait}.`;
  }
  return `Login failed (HTTP ${response.status}).`;
}
