/**
 * The gateway's JSON API (/api/...), same origin. The login cookie rides along on its own
 * (credentials: same-origin); the token itself is never part of a URL.
 */

import { ApiError } from "../errors.js";

export type QueryValue = string | number | undefined | null;

/** "/api/fills" + {symbol: "BTCUSDT", from: undefined} -> "/api/fills?symbol=BTCUSDT" (empty values left out). */
export function apiPath(path: string, query: Readonly<Record<string, QueryValue>> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return search === "" ? path : `${path}?${search}`;
}

export async function getJson<T>(
  path: string,
  query: Readonly<Record<string, QueryValue>> = {},
  signal?: AbortSignal,
): Promise<T> {
  return (await getJsonWithHeaders<T>(path, query, signal)).body;
}

/** getJson, with the response headers (e.g. HISTORY_HEADER). */
export async function getJsonWithHeaders<T>(
  path: string,
  query: Readonly<Record<string, QueryValue>> = {},
  signal?: AbortSignal,
): Promise<{ body: T; headers: Headers }> {
  const response = await fetch(apiPath(path, query), {
    credentials: "same-origin",
    headers: { accept: "application/json" },
    signal: signal ?? null,
  });
  if (!response.ok) throw new ApiError(response.status, await errorMessage(response));
  return { body: (await response.json()) as T, headers: response.headers };
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === "string") return body.message;
  } catch {
    // Not JSON.
  }
  return `HTTP ${response.status}`;
}
