/**
 * One REST call to MEXC (docs/mexc/rest.md): signing with the protocol package's signRequest,
 * the API key in `X-MEXC-APIKEY`, `timestamp` on the server's clock (offset measured from
 * GET /api/v3/time and re-measured periodically or when MEXC says the timestamp is off),
 * `recvWindow`, the weight budget (weightBudget.ts), and what to do with each kind of failure:
 *
 * | answer                        | read (idempotent)                   | write                                    |
 * |-------------------------------|-------------------------------------|------------------------------------------|
 * | 429 / 418                     | pause the family for Retry-After, then again | same (the request was refused, not run) |
 * | 700003 timestamp outside window | resync the clock, send once more  | same (refused, not run)                  |
 * | 5XX, network error, timeout   | retry with jittered back-off        | thrown as unknown outcome: the caller resolves it |
 * | 403 without a code (WAF)      | retry with back-off                 | thrown                                   |
 * | maintenance (11444, "Under maintenance", 503) or an edge's HTML 403 | thrown at once: the caller backs off long (user/slowRetry.ts) | thrown |
 * | any other error               | thrown as MexcApiError              | thrown as MexcApiError                   |
 *
 * Two things real MEXC does that its docs do not say (docs/mexc/undocumented.md):
 * - every request carries `Content-Type: application/json`, bodiless ones too: a write without it
 *   is refused with 700013 "Invalid content Type." (docs/mexc/undocumented.md#requests-and-answers item 11.1);
 * - an answer is an error when its JSON has a `code` that is not a success code, whatever the
 *   HTTP status: MEXC answers some errors (listen keys: 730708) with HTTP 200 (docs/mexc/undocumented.md#requests-and-answers item 11.2).
 *
 * Logs carry method, path, status and duration: never the query (signature, listen key) nor a key.
 */
import { randomUUID } from "node:crypto";
import type { MexcApiError } from "@mexc-live/protocol";
import { isOutage } from "@mexc-live/protocol/error-codes";
import { DEFAULT_RECV_WINDOW_MS, MEXC_REST_URL, REST_CONTENT_TYPE } from "@mexc-live/protocol/limits";
import {
  isErrorBody,
  type Params,
  parseMexcErrorBody,
  REST_PATHS,
  signRequest,
  toQueryString,
} from "@mexc-live/protocol/rest";
import { backoffDelay, sleep } from "../backoff.js";
import {
  BAN_DEFAULT_PAUSE_MS,
  RATE_LIMIT_DEFAULT_PAUSE_MS,
  REST_MAX_ATTEMPTS,
  REST_MAX_RATE_LIMITED_RETRIES,
  REST_REQUEST_TIMEOUT_MS,
  REST_RETRY_INITIAL_MS,
  REST_RETRY_MAX_MS,
  TIME_SYNC_INTERVAL_MS,
} from "../constants.js";
import { ClientError } from "../errors.js";
import { type Logger, redactSecrets, SILENT_LOGGER } from "../redact.js";
import { ServerClock } from "./serverClock.js";
import { type EndpointWeight, WeightBudget, type WeightBudgetOptions } from "./weightBudget.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface RequestSpec {
  readonly method: HttpMethod;
  /** e.g. /api/v3/account */
  readonly path: string;
  readonly params?: Params;
  readonly signed: boolean;
  readonly weight: EndpointWeight;
  /** Safe to send twice (reads, listen-key keepalive): retried on 5XX, network errors and timeouts. */
  readonly idempotent: boolean;
  /** Told the local time each attempt leaves (after any wait in the budget): the answer is as of the last one. */
  readonly onSend?: (localMs: number) => void;
  /**
   * A call an account waits on to go live (listen keys, the clock read before them): it goes
   * before other calls waiting for the request rate (weightBudget.ts), so twenty accounts'
   * reconciliations do not hold the last account's listen key back.
   */
  readonly urgent?: boolean;
}

export interface RestClientOptions {
  /** Default https://api.mexc.com */
  readonly baseUrl?: string;
  readonly apiKey?: string;
  readonly apiSecret?: string;
  /** ms, default 5000 (docs/mexc/rest.md#signed-endpoints-hmac-sha256; MEXC's maximum is 60000). */
  readonly recvWindow?: number;
  readonly rateLimit?: WeightBudgetOptions;
  /**
   * A budget shared by several clients on one machine (MEXC counts its IP limits per machine):
   * used instead of one of the client's own; the client does not close it.
   */
  readonly budget?: WeightBudget;
  /**
   * The server-time offset shared by several clients on one machine (serverClock.ts): measured
   * once for all of them; default one of the client's own.
   */
  readonly serverClock?: ServerClock;
  readonly retry?: { readonly maxAttempts?: number; readonly initialMs?: number; readonly maxMs?: number };
  readonly timeSyncIntervalMs?: number;
  readonly requestTimeoutMs?: number;
  readonly logger?: Logger;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  /**
   * Every answer in which MEXC refused a call (an error code or an HTTP error), as it arrives,
   * retried or not: e.g. to alert on 700006 (IP not whitelisted) or a refused listen key.
   * `endpoint` is "METHOD /path". Must not throw.
   */
  readonly onApiError?: (error: MexcApiError, endpoint: string) => void;
}

export interface RestStats {
  /** HTTP requests sent (every attempt counts). */
  readonly requests: number;
  readonly byEndpoint: Readonly<Record<string, number>>;
  readonly rateLimited429: number;
  readonly banned418: number;
  readonly serverErrors: number;
  readonly networkErrors: number;
  readonly retries: number;
  readonly timeSyncs: number;
  /** Current estimate of server time minus local time, ms. */
  readonly serverTimeOffsetMs: number;
}

/** On every request, bodiless ones included (docs/mexc/undocumented.md#requests-and-answers item 11.1; the official SDK always sends it). */
const JSON_HEADERS = { "Content-Type": REST_CONTENT_TYPE } as const;
const TIME_PATH = REST_PATHS.time;

export class RestClient {
  readonly baseUrl: string;
  private readonly apiKey: string | undefined;
  private readonly apiSecret: string | undefined;
  private readonly recvWindow: number;
  private readonly budget: WeightBudget;
  private readonly ownsBudget: boolean;
  private readonly budgetOwner: string;
  private readonly retry: { maxAttempts: number; initialMs: number; maxMs: number };
  private readonly timeSyncIntervalMs: number;
  private readonly requestTimeoutMs: number;
  private readonly logger: Logger;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private readonly onApiError: ((error: MexcApiError, endpoint: string) => void) | undefined;
  private readonly closing = new AbortController();
  private readonly clock: ServerClock;
  private counters = {
    requests: 0,
    rateLimited429: 0,
    banned418: 0,
    serverErrors: 0,
    networkErrors: 0,
    retries: 0,
    timeSyncs: 0,
  };
  private readonly byEndpoint: Record<string, number> = {};

  constructor(options: RestClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? MEXC_REST_URL).replace(/\/+$/, "");
    this.apiKey = options.apiKey;
    this.apiSecret = options.apiSecret;
    this.recvWindow = options.recvWindow ?? DEFAULT_RECV_WINDOW_MS;
    this.now = options.now ?? Date.now;
    this.budget = options.budget ?? new WeightBudget({ now: this.now, ...options.rateLimit });
    this.ownsBudget = options.budget === undefined;
    // In a shared budget, this client's account: its UID-family weight is counted apart.
    this.budgetOwner = this.ownsBudget ? "" : randomUUID();
    this.retry = {
      maxAttempts: options.retry?.maxAttempts ?? REST_MAX_ATTEMPTS,
      initialMs: options.retry?.initialMs ?? REST_RETRY_INITIAL_MS,
      maxMs: options.retry?.maxMs ?? REST_RETRY_MAX_MS,
    };
    this.clock = options.serverClock ?? new ServerClock();
    this.timeSyncIntervalMs = options.timeSyncIntervalMs ?? TIME_SYNC_INTERVAL_MS;
    this.requestTimeoutMs = options.requestTimeoutMs ?? REST_REQUEST_TIMEOUT_MS;
    this.logger = options.logger ?? SILENT_LOGGER;
    this.onApiError = options.onApiError;
    this.fetchFn = options.fetch ?? fetch;
  }

  /** Local time moved onto the server's clock by the last measured offset. */
  serverNow(): number {
    return Math.round(this.now() + this.clock.offsetMs);
  }

  /** Measures the server-time offset now (GET /api/v3/time, weight 1), or waits for a measurement under way (of any client sharing the clock). */
  syncTime(): Promise<void> {
    return this.clock.measure(() => this.measureOffset());
  }

  stats(): RestStats {
    return { ...this.counters, byEndpoint: { ...this.byEndpoint }, serverTimeOffsetMs: this.clock.offsetMs };
  }

  /** Abandons waiting and in-flight calls (they reject with CLOSED). */
  close(): void {
    this.closing.abort();
    if (this.ownsBudget) this.budget.close();
  }

  async request<T>(spec: RequestSpec): Promise<T> {
    if (spec.signed && (!this.apiKey || !this.apiSecret)) {
      throw new ClientError(
        "NO_CREDENTIALS",
        `${spec.method} ${spec.path} is signed: apiKey and apiSecret are required`,
      );
    }
    const endpoint = `${spec.method} ${spec.path}`;
    let failures = 0;
    let refusals = 0;
    let resynced = false;
    for (;;) {
      if (spec.signed && this.timeIsStale()) await this.syncTime().catch(() => this.warnSyncFailed());
      let outcome: Outcome;
      const release = await this.budget.acquire(
        endpoint,
        spec.weight,
        this.closing.signal,
        this.budgetOwner,
        spec.urgent === true,
      );
      try {
        outcome = await this.send(spec, endpoint);
      } finally {
        release();
      }
      if (outcome.kind === "ok") return outcome.body as T;
      if (outcome.kind !== "failed") this.reportApiError(outcome.error, endpoint);

      if (outcome.kind === "refused") {
        // 429/418: the request did not run. Pause the family, then send again (writes too).
        this.budget.pause(spec.weight, this.now() + outcome.pauseMs, this.budgetOwner);
        if (++refusals > REST_MAX_RATE_LIMITED_RETRIES) throw outcome.error;
        this.counters.retries++;
        continue;
      }
      // A clock code (protocol's error table, kind "clock"): the request was refused, not run.
      if (outcome.kind === "error" && spec.signed && !resynced && outcome.error.kind === "clock") {
        resynced = true;
        await this.syncTime().catch(() => this.warnSyncFailed());
        this.counters.retries++;
        continue;
      }
      // Maintenance (docs/mexc/undocumented.md#requests-and-answers item 11.15) and an edge's block page (docs/mexc/undocumented.md#requests-and-answers item 11.23) are not asked again at once: they
      // last minutes, and hammering an edge keeps it closed. The caller waits long (slowRetry.ts).
      const retryable =
        outcome.kind === "failed" || (outcome.error.class !== "not_retryable" && !isOutage(outcome.error.kind));
      if (!spec.idempotent || !retryable || ++failures >= this.retry.maxAttempts) throw outcome.error;
      this.counters.retries++;
      const delay = backoffDelay(this.retry, failures - 1);
      this.logger.debug({ endpoint, attempt: failures, delayMs: delay }, "retrying REST call");
      if (!(await sleep(delay, this.closing.signal))) throw closedError(endpoint);
    }
  }

  private reportApiError(error: MexcApiError, endpoint: string): void {
    try {
      this.onApiError?.(error, endpoint);
    } catch (hookError) {
      this.logger.warn({ err: (hookError as Error).message }, "onApiError hook threw");
    }
  }

  private async send(spec: RequestSpec, endpoint: string): Promise<Outcome> {
    if (this.closing.signal.aborted) throw closedError(endpoint);
    const { query, headers } = this.prepare(spec);
    const url = `${this.baseUrl}${spec.path}${query === "" ? "" : `?${query}`}`;
    const startedAt = this.now();
    spec.onSend?.(startedAt);
    this.counters.requests++;
    this.byEndpoint[endpoint] = (this.byEndpoint[endpoint] ?? 0) + 1;
    let response: Response;
    let text: string;
    try {
      const signal = AbortSignal.any([this.closing.signal, AbortSignal.timeout(this.requestTimeoutMs)]);
      response = await this.fetchFn(url, { method: spec.method, headers, signal });
      text = await response.text();
    } catch (error) {
      if (this.closing.signal.aborted) throw closedError(endpoint);
      this.counters.networkErrors++;
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      const cause = redactSecrets(error instanceof Error ? error.message : String(error), this.secrets());
      this.logger.warn({ endpoint, error: cause }, timedOut ? "REST call timed out" : "REST call failed");
      return {
        kind: "failed",
        error: new ClientError(
          timedOut ? "TIMEOUT" : "NETWORK",
          `${endpoint} ${timedOut ? `got no answer within ${this.requestTimeoutMs} ms` : `failed: ${cause}`}`,
          { class: spec.idempotent ? "retryable" : "unknown_outcome" },
        ),
      };
    }
    const ms = this.now() - startedAt;
    if (response.ok) {
      let body: unknown;
      try {
        body = text === "" ? {} : JSON.parse(text);
      } catch {
        return {
          kind: "failed",
          error: new ClientError(
            "BAD_RESPONSE",
            `${endpoint} answered HTTP ${response.status} with a body that is not JSON`,
            {
              class: spec.idempotent ? "retryable" : "unknown_outcome",
            },
          ),
        };
      }
      if (!isErrorBody(body)) {
        this.logger.debug({ endpoint, status: response.status, ms }, "REST call");
        return { kind: "ok", body };
      }
      const error = parseMexcErrorBody(body, response.status, {
        isWrite: !spec.idempotent,
        method: spec.method,
        path: spec.path,
      });
      this.logger.debug({ endpoint, status: response.status, code: error.mexcCode, ms }, "REST call refused in a 200");
      return { kind: "error", error };
    }
    const error = parseMexcErrorBody(text, response.status, {
      isWrite: !spec.idempotent,
      method: spec.method,
      path: spec.path,
      retryAfterHeader: response.headers.get("retry-after"),
    });
    const level = response.status >= 500 || response.status === 418 ? "warn" : "debug";
    this.logger[level]({ endpoint, status: response.status, code: error.mexcCode, ms }, "REST call refused");
    if (response.status === 429 || response.status === 418) {
      if (response.status === 429) this.counters.rateLimited429++;
      else this.counters.banned418++;
      const fallback = response.status === 429 ? RATE_LIMIT_DEFAULT_PAUSE_MS : BAN_DEFAULT_PAUSE_MS;
      return { kind: "refused", error, pauseMs: error.retryAfterMs ?? fallback };
    }
    if (response.status >= 500) this.counters.serverErrors++;
    return { kind: "error", error };
  }

  private prepare(spec: RequestSpec): { query: string; headers: Record<string, string> } {
    if (!spec.signed) return { query: toQueryString(spec.params ?? {}), headers: { ...JSON_HEADERS } };
    const signed = signRequest({
      secret: this.apiSecret!,
      query: spec.params ?? {},
      timestamp: this.serverNow(),
      recvWindow: this.recvWindow,
    });
    return { query: signed.query, headers: { ...JSON_HEADERS, "X-MEXC-APIKEY": this.apiKey! } };
  }

  private timeIsStale(): boolean {
    return this.clock.isStale(this.now(), this.timeSyncIntervalMs);
  }

  private async measureOffset(): Promise<{ offsetMs: number; at: number }> {
    const sentAt = this.now();
    const body = await this.request<{ serverTime?: unknown }>({
      method: "GET",
      path: TIME_PATH,
      signed: false,
      weight: { ip: 1 },
      idempotent: true,
      // Every signed call waits on it, the first listen key among them.
      urgent: true,
    });
    const receivedAt = this.now();
    if (typeof body.serverTime !== "number")
      throw new ClientError("BAD_RESPONSE", `GET ${TIME_PATH} has no serverTime`);
    const offsetMs = body.serverTime - (sentAt + receivedAt) / 2;
    this.counters.timeSyncs++;
    this.logger.debug({ offsetMs: Math.round(offsetMs), rttMs: receivedAt - sentAt }, "server time measured");
    return { offsetMs, at: receivedAt };
  }

  /** Keeps the previous offset; the next signed call tries again (the offset is still stale). */
  private warnSyncFailed(): void {
    this.logger.warn({ offsetMs: Math.round(this.clock.offsetMs) }, "server time sync failed; using the last offset");
  }

  private secrets(): (string | undefined)[] {
    return [this.apiKey, this.apiSecret];
  }
}

type Outcome =
  | { readonly kind: "ok"; readonly body: unknown }
  | { readonly kind: "refused"; readonly error: MexcApiError; readonly pauseMs: number }
  | { readonly kind: "error"; readonly error: MexcApiError }
  | { readonly kind: "failed"; readonly error: ClientError };

function closedError(endpoint: string): ClientError {
  return new ClientError("CLOSED", `${endpoint} abandoned: the client is closed`);
}
