/**
 * The gateway's JSON API (/api/...), same origin. The login cookie rides along on its own
 * (credentials: same-origin); the token itself is never part of a URL.
 *
 * Every URL of the API is built here (apiPath), and carries the account the dashboard shows:
 * `?account=NAME` whenever it is scoped to one (scopeRequests: always with several accounts, the
 * default one too, since a request without a name reads all of them together), so no section can
 * read one account while showing another. A read meant for all accounts together says so
 * (ALL_ACCOUNTS); a write cannot: it is always for the account shown.
 *
 * Every read of a route that groups by day (DAY_ZONED_PATHS) carries the page's zone as `tz=`
 * (displayZone(): the zone the header shows), set here and nowhere else, so no figure on the page
 * can be worked out in another zone's days (a caller's own `tz` is replaced, never trusted).
 */

import {
  ACCOUNT_PARAM,
  API_PATHS,
  type ApiPathName,
  EXPORTS,
  type ExportName,
  type HttpAnswer,
  isZoned,
  READ_NAMES,
  READS,
  type ReadName,
  type ReadParamName,
  type ReadRow,
} from "@mexc-live/contract";
import { ApiError } from "../errors.js";
import { displayZone } from "../format/timeZone.js";

export type QueryValue = string | number | undefined | null;

/** Routes about the whole gateway, not one account (the accounts it serves, the market's reads of the table): never scoped. */
const GATEWAY_WIDE_PATHS: ReadonlySet<string> = new Set([
  READS.accounts.path,
  ...READ_NAMES.filter((name) => READS[name].of === "market").map((name) => READS[name].path),
]);

/** The query parameter of the zone whose days a route groups by (the gateway's http/queryParams.ts tzParam). */
const ZONE_PARAM = "tz";

/**
 * Routes that group by day of `tz=` (default UTC at the gateway): every read of them names the
 * page's zone. The API table's rows say which (contract api/reads.ts: a parameter of kind `zone`).
 */
const DAY_ZONED_PATHS: ReadonlySet<string> = new Set(
  READ_NAMES.filter((name) => isZoned(READS[name])).map((name) => READS[name].path),
);

/**
 * Who a read is for: the account shown (named while requests are scoped), all accounts (never
 * named), or one account named whichever is shown (readForAccount: a summary's per-account figure).
 */
export type ReadFor = "account shown" | "all accounts" | { readonly account: string };
const ACCOUNT_SHOWN: ReadFor = "account shown";
/** A read the gateway answers for every account together (each item with its `account`). */
export const ALL_ACCOUNTS: ReadFor = "all accounts";

/** A read for the account `name`, whichever account is shown. */
export function readForAccount(name: string): ReadFor {
  return { account: name };
}

/** The account every request names; undefined: none (a gateway with one account reads that one). */
let scopedAccount: string | undefined;

/** From now on every request names `account` (undefined: none). */
export function scopeRequests(account: string | undefined): void {
  scopedAccount = account;
}

/**
 * "/api/fills" + {symbol: "BTCUSDT", from: undefined} -> "/api/fills?symbol=BTCUSDT" (empty
 * values left out), plus `account=NAME` while requests are scoped to an account, unless the read
 * is for all accounts; a read for one account (readForAccount) names that one; plus `tz=` (the
 * page's zone) on a route that groups by day.
 */
export function apiPath(
  path: string,
  query: Readonly<Record<string, QueryValue>> = {},
  readFor: ReadFor = ACCOUNT_SHOWN,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const named =
    typeof readFor === "object"
      ? readFor.account
      : readFor === ACCOUNT_SHOWN && !GATEWAY_WIDE_PATHS.has(path)
        ? scopedAccount
        : undefined;
  if (named !== undefined) params.set(ACCOUNT_PARAM, named);
  if (DAY_ZONED_PATHS.has(path)) params.set(ZONE_PARAM, displayZone().name);
  const search = params.toString();
  return search === "" ? path : `${path}${path.includes("?") ? "&" : "?"}${search}`;
}

/**
 * The figure reads (the API table's rows `of: "figures"`) in flight at once, at most: the others
 * wait their turn here. A browser opens at most 6 HTTP/1.1 connections to the gateway, and a
 * figure read waits for the account's pass (seconds after a start or during a backfill): on a
 * fresh demo 14 of them held all 6, and the ECharts chunk, the alert rules and the history's
 * lists waited 7 s for a connection behind them (2026-11-28). Two stay free for those. Measured
 * on a fresh demo, every section on screen (a script timing each section, 2 cores): the last
 * figure shown after 11.6-11.9 s with 4, 16.5-20.5 s with 3, 12.7-20.7 s with no bound.
 */
export const FIGURE_READS_IN_FLIGHT = 4;
const FIGURE_PATHS: ReadonlySet<string> = new Set(
  READ_NAMES.filter((name) => READS[name].of === "figures").map((name) => READS[name].path),
);
let figureReads = 0;
/**
 * The figure reads waiting for a turn, oldest first in each line: each is handed the turn of one
 * that ends. Reads across accounts (ALL_ACCOUNTS, readForAccount: the All-accounts summary, the
 * page's head) go before the account's sections' reads: asked last, once the account list is in,
 * they waited behind every section's (local CI #74, 2026-11-28). That alone did not make the
 * summary say something while a history is read: each read also waits for the gateway's figure
 * passes, and a backfill asks for one after another (figures/keeper.ts ready()).
 */
const waitingFigureReads = { head: [] as (() => void)[], sections: [] as (() => void)[] };

/**
 * How a figure read's turn ends: once, when its answer is read or its signal aborts (a fetch a
 * test's stub never settles must not keep the turn). The turn goes to the oldest read waiting.
 */
function turnEnd(signal: AbortSignal | undefined): () => void {
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    signal?.removeEventListener("abort", end);
    const next = waitingFigureReads.head.shift() ?? waitingFigureReads.sections.shift();
    if (next === undefined) figureReads--;
    else next();
  };
  signal?.addEventListener("abort", end, { once: true });
  return end;
}

/** A turn for a figure read when the gateway has its FIGURE_READS_IN_FLIGHT; rejects as fetch would if `signal` aborts first. */
function figureReadTurn(signal: AbortSignal | undefined, readFor: ReadFor): Promise<void> {
  const line = readFor === ACCOUNT_SHOWN ? waitingFigureReads.sections : waitingFigureReads.head;
  return new Promise<void>((resolve, reject) => {
    const turn = () => {
      signal?.removeEventListener("abort", aborted);
      resolve();
    };
    const aborted = () => {
      line.splice(line.indexOf(turn), 1);
      reject(signal?.reason);
    };
    line.push(turn);
    signal?.addEventListener("abort", aborted, { once: true });
  });
}

export async function getJson<T>(
  path: string,
  query: Readonly<Record<string, QueryValue>> = {},
  signal?: AbortSignal,
  readFor: ReadFor = ACCOUNT_SHOWN,
): Promise<T> {
  return (await getJsonWithHeaders<T>(path, query, signal, readFor)).body;
}

/** getJson, with the response headers (e.g. HISTORY_HEADER); a figure read waits its turn (FIGURE_READS_IN_FLIGHT). */
export function getJsonWithHeaders<T>(
  path: string,
  query: Readonly<Record<string, QueryValue>> = {},
  signal?: AbortSignal,
  readFor: ReadFor = ACCOUNT_SHOWN,
): Promise<{ body: T; headers: Headers }> {
  if (!FIGURE_PATHS.has(path)) return readJson<T>(path, query, signal, readFor);
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (figureReads < FIGURE_READS_IN_FLIGHT) {
    // A turn free: asked at once (in this call, as every other read).
    figureReads++;
    return readJson<T>(path, query, signal, readFor).finally(turnEnd(signal));
  }
  return figureReadTurn(signal, readFor).then(() => readJson<T>(path, query, signal, readFor).finally(turnEnd(signal)));
}

/**
 * A read the network dropped (fetch's TypeError, no answer: a network that changed under the
 * browser aborts its requests even to 127.0.0.1, Chromium's net::ERR_NETWORK_CHANGED when Docker
 * adds an interface, local CI #88) is asked again after these waits (ms); an answer, an error
 * status among them, never is. A read waits at most ~2.5 s more so before it says it failed.
 */
export const NETWORK_RETRY_MS = [500, 2_000] as const;

async function readJson<T>(
  path: string,
  query: Readonly<Record<string, QueryValue>>,
  signal: AbortSignal | undefined,
  readFor: ReadFor,
): Promise<{ body: T; headers: Headers }> {
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(apiPath(path, query, readFor), {
        credentials: "same-origin",
        headers: { accept: "application/json" },
        signal: signal ?? null,
      });
    } catch (error) {
      const wait = NETWORK_RETRY_MS[attempt];
      if (wait === undefined || !(error instanceof TypeError) || signal?.aborted) throw error;
      await pause(wait, signal);
      continue;
    }
    if (!response.ok) throw await apiError(response);
    return { body: (await response.json()) as T, headers: response.headers };
  }
}

/** Waits `ms`; rejects with the signal's reason once it aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", gone);
      resolve();
    }, ms);
    const gone = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", gone, { once: true });
  });
}

/** A read's query: only the parameters its row takes (the gateway refuses any other with a 400). */
export type ReadParams<K extends ReadName> = Readonly<Partial<Record<ReadParamName<K>, QueryValue>>>;

/**
 * A read of the API table (contract READS) by name: its path, the parameters that select it on
 * that path (`by=asset`), the query; the answer typed as the row's. The one way the dashboard
 * reads a figure.
 */
export function getRead<K extends ReadName>(
  name: K,
  query?: ReadParams<K>,
  signal?: AbortSignal,
  readFor: ReadFor = ACCOUNT_SHOWN,
): Promise<{ body: HttpAnswer<K>; headers: Headers }> {
  return getJsonWithHeaders<HttpAnswer<K>>(READS[name].path, readQuery(name, query ?? {}), signal, readFor);
}

/**
 * The link of a CSV download of the API table (contract EXPORTS) with its query, for the account
 * shown: the browser downloads it itself (an `<a href download>`).
 */
export function exportHref(name: ExportName, query: Readonly<Record<string, QueryValue>> = {}): string {
  return apiPath(EXPORTS[name].path, query);
}

/**
 * One of the API's other routes (contract API_PATHS), its `:name` segments filled in from
 * `values` (each encoded): routePath("alertRule", {id: "r 1"}) -> "/api/alerts/rules/r%201".
 */
export function routePath(name: ApiPathName, values: Readonly<Record<string, string>> = {}): string {
  return API_PATHS[name].replace(/:(\w+)/g, (_segment, key: string) => encodeURIComponent(values[key] ?? ""));
}

/** A read's query with the parameters that select its row on a shared path (`by=asset` of /api/pnl). */
export function readQuery(
  name: ReadName,
  query: Readonly<Record<string, unknown>>,
): Readonly<Record<string, QueryValue>> {
  const row: ReadRow = READS[name];
  return { ...row.select, ...(query as Record<string, QueryValue>) };
}

/** PUT, POST or PATCH of a JSON body; the JSON answer. */
export function sendJson<T>(method: "PUT" | "POST" | "PATCH", path: string, body: unknown): Promise<T> {
  return send<T>(apiPath(path), {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** DELETE; the answer (204 No Content) has no body. */
export async function deleteResource(path: string): Promise<void> {
  await send<unknown>(apiPath(path), { method: "DELETE", headers: {} });
}

/** POST of a text body as it is (a file's content), with its content type; the JSON answer. */
export function postText<T>(
  path: string,
  query: Readonly<Record<string, QueryValue>>,
  text: string,
  contentType: string,
): Promise<T> {
  return send<T>(apiPath(path, query), { method: "POST", headers: { "content-type": contentType }, body: text });
}

async function send<T>(url: string, init: { method: string; headers: Record<string, string>; body?: string }) {
  const response = await fetch(url, {
    ...init,
    credentials: "same-origin",
    headers: { accept: "application/json", ...init.headers },
  });
  if (!response.ok) throw await apiError(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** The gateway's `{"error": CODE, "message": "..."}` as an ApiError ("HTTP 502" when the answer is not that). */
async function apiError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // Not JSON.
  }
  const fields = typeof body === "object" && body !== null ? (body as { error?: unknown; message?: unknown }) : {};
  const message = typeof fields.message === "string" ? fields.message : `HTTP ${response.status}`;
  const code = typeof fields.error === "string" ? fields.error : undefined;
  return new ApiError(response.status, message, code, body);
}
