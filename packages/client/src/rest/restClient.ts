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
 * | the caller's deadline passed (RequestSpec.signal) | thrown at once (TIMEOUT) | same, unknown outcome: the caller (a write's deadline, endpoints.ts) says what to do |
 * | no connection made (ECONNREFUSED, ENOTFOUND: fetchFailure.ts) | thrown at once (NETWORK, retryable): the caller's back-off retries | same: not sent, so not of unknown outcome |
 * | a redirect (3XX)              | never followed: thrown (REDIRECT_REFUSED, refusedAnswers.ts) | same                     |
 * | an answer over maxAnswerBytes | cut off, thrown (ANSWER_TOO_LARGE, answerBody.ts) | thrown as unknown outcome  |
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
 * Every attempt has its own deadline (requestTimeoutMs) over the whole exchange, the answer's
 * body included: protocol's startDeadline, a timer the runtime holds, never
 * `AbortSignal.any([..., AbortSignal.timeout()])`, which Node collects before it fires
 * (nodejs/node#57736, issue 54). A server that accepts the connection and says nothing, or sends
 * its headers and stops, ends the attempt on time on every Node the client supports.
 *
 * Logs carry method, path, status and duration: never the query (signature, listen key) nor a key.
 * The base URL is checked when the client is made (serverUrls.ts): an http(s) URL with a host; a
 * trailing `/api/v3` is dropped (the paths carry it).
 */
import { createHash, randomUUID } from "node:crypto";
import { isMexcApiError, type MexcApiError, startDeadline } from "@mexc-live/protocol";
import { isOutage } from "@mexc-live/protocol/error-codes";
import { DEFAULT_RECV_WINDOW_MS, MEXC_REST_URL, REST_CONTENT_TYPE } from "@mexc-live/protocol/limits";
import { chargedWeight, type Params, REST_PATHS, signRequest, toQueryString } from "@mexc-live/protocol/rest";
import { backoffDelay, sleep } from "../backoff.js";
import {
  REST_MAX_ANSWER_BYTES,
  REST_MAX_ATTEMPTS,
  REST_MAX_RATE_LIMITED_RETRIES,
  REST_REQUEST_TIMEOUT_MS,
  REST_RETRY_INITIAL_MS,
  REST_RETRY_MAX_MS,
  TIME_SYNC_INTERVAL_MS,
  TIME_SYNC_RETRY_MS,
} from "../constants.js";
import { ClientError } from "../errors.js";
import { type Logger, SILENT_LOGGER } from "../redact.js";
import { restBaseUrl } from "../serverUrls.js";
import { readAnswerBody } from "./answerBody.js";
import { type Answer, answerOutcome, type Outcome } from "./answerOutcome.js";
import { describeFetchFailure, hostAndPort } from "./fetchFailure.js";
import { answerTooLarge, isRedirect, redirectRefused } from "./refusedAnswers.js";
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
  /**
   * The caller's deadline (a write's, endpoints.ts): when it aborts, every wait of the call ends
   * (the clock read, the rate budget, the back-off, the attempt under way) and the call rejects
   * with TIMEOUT (unknown_outcome for a write: it may have been sent).
   */
  readonly signal?: AbortSignal;
}

export interface RestClientOptions {
  /**
   * Default https://api.mexc.com. An http(s) URL with a host (BAD_OPTION at once otherwise); a
   * trailing `/api/v3` is dropped, so `http://127.0.0.1:8900/api/v3` works as `http://127.0.0.1:8900`.
   */
  readonly baseUrl?: string;
  readonly apiKey?: string;
  readonly apiSecret?: string;
  /** ms, default 5000 (docs/mexc/rest.md#signed-endpoints-hmac-sha256; MEXC's maximum is 60000). */
  readonly recvWindow?: number;
  readonly rateLimit?: WeightBudgetOptions;
  /**
   * A budget shared by several clients on one machine (MEXC counts its IP limits per machine):
   * used instead of one of the client's own; the client does not close it. Its signed calls are
   * counted for its key's account: clients of one key share that account's count.
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
  /** Bytes an answer may have after decoding (REST_MAX_ANSWER_BYTES, 8 MiB); more is ANSWER_TOO_LARGE. */
  readonly maxAnswerBytes?: number;
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
  /**
   * Local ms of the last signed call MEXC answered with success: the key was accepted then (a key
   * still accepted after the date it was to expire has been renewed). Undefined before the first.
   */
  readonly lastSignedOkAt: number | undefined;
  /** The last call MEXC refused or did not answer (its message names the endpoint, host and cause), and when. */
  readonly lastFailure: { readonly at: number; readonly message: string } | undefined;
}

/** On every request, bodiless ones included (docs/mexc/undocumented.md#requests-and-answers item 11.1; the official SDK always sends it). */
const JSON_HEADERS = { "Content-Type": REST_CONTENT_TYPE } as const;
const TIME_PATH = REST_PATHS.time;
/** MEXC's keys are 18 characters (mx0v and 14 more); the gateway's setting takes at most 256, and so does the client. */
const API_KEY_MAX_CHARS = 256;
/** Visible ASCII, what a header value carries as it is ("" is no key: a signed call is NO_CREDENTIALS). */
const API_KEY_FORM = new RegExp(`^[\\x21-\\x7e]{0,${API_KEY_MAX_CHARS}}$`);

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
  private readonly maxAnswerBytes: number;
  /** host:port of the base URL, named in network errors. */
  private readonly hostPort: string;
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
  private lastSignedOkAt: number | undefined;
  private lastFailure: { at: number; message: string } | undefined;

  constructor(options: RestClientOptions = {}) {
    this.baseUrl = restBaseUrl(options.baseUrl ?? MEXC_REST_URL, "baseUrl");
    this.hostPort = hostAndPort(this.baseUrl);
    this.maxAnswerBytes = options.maxAnswerBytes ?? REST_MAX_ANSWER_BYTES;
    if (!Number.isSafeInteger(this.maxAnswerBytes) || this.maxAnswerBytes < 1) {
      throw new ClientError(
        "BAD_OPTION",
        `maxAnswerBytes must be a whole number of bytes, at least 1, got ${this.maxAnswerBytes}`,
      );
    }
    this.apiKey = checkedApiKey(options.apiKey);
    this.apiSecret = options.apiSecret;
    this.recvWindow = options.recvWindow ?? DEFAULT_RECV_WINDOW_MS;
    this.now = options.now ?? Date.now;
    this.budget = options.budget ?? new WeightBudget({ now: this.now, ...options.rateLimit });
    this.ownsBudget = options.budget === undefined;
    // In a shared budget, this client's account: its UID-family weight is counted apart. MEXC
    // counts a signed call per account, so clients of one key count as one (the key's digest:
    // never the key itself in the budget's keys); a client without a key signs nothing.
    this.budgetOwner = this.ownsBudget ? "" : this.apiKey === undefined ? randomUUID() : keyOwner(this.apiKey);
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
    return this.clock.measure(
      () => this.measureOffset(),
      () => this.now(),
    );
  }

  stats(): RestStats {
    return {
      ...this.counters,
      byEndpoint: { ...this.byEndpoint },
      serverTimeOffsetMs: this.clock.offsetMs,
      lastSignedOkAt: this.lastSignedOkAt,
      lastFailure: this.lastFailure,
    };
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
    if (spec.signal === undefined) return this.attempts<T>(spec, endpoint, this.closing.signal);
    // The caller's deadline and the client's close, followed by every wait of the call.
    const scope = startDeadline(undefined, [this.closing.signal, spec.signal]);
    try {
      return await this.attempts<T>(spec, endpoint, scope.signal);
    } catch (error) {
      if (!spec.signal.aborted || this.closing.signal.aborted || isMexcApiError(error)) throw error;
      throw new ClientError("TIMEOUT", `${endpoint} abandoned: its caller's deadline passed`, {
        cause: spec.signal.reason,
        class: spec.idempotent ? "retryable" : "unknown_outcome",
      });
    } finally {
      scope.clear();
    }
  }

  /** The attempts of one call, until an answer, a failure that is not retried, or `signal`. */
  private async attempts<T>(spec: RequestSpec, endpoint: string, signal: AbortSignal): Promise<T> {
    let failures = 0;
    let refusals = 0;
    let resynced = false;
    // Where MEXC counts it: a signed call to this client's account, any other to the machine.
    const weight = chargedWeight(spec.weight, spec.signed);
    for (;;) {
      if (spec.signed && this.timeIsStale()) {
        await untilAborted(this.syncTime(), signal).catch(() => this.warnSyncFailed());
      }
      let outcome: Outcome;
      const release = await this.budget.acquire(endpoint, weight, signal, this.budgetOwner, spec.urgent === true);
      try {
        outcome = await this.send(spec, endpoint, signal);
      } finally {
        release();
      }
      if (outcome.kind === "ok") {
        if (spec.signed) this.lastSignedOkAt = this.now();
        return outcome.body as T;
      }
      if (outcome.kind !== "failed") this.reportApiError(outcome.error, endpoint);
      this.lastFailure = { at: this.now(), message: outcome.error.message };

      if (outcome.kind === "refused") {
        // 429/418: the request did not run. Pause the family, then send again (writes too).
        this.budget.pause(weight, this.now() + outcome.pauseMs, this.budgetOwner);
        if (++refusals > REST_MAX_RATE_LIMITED_RETRIES) throw outcome.error;
        this.counters.retries++;
        continue;
      }
      // A clock code (protocol's error table, kind "clock"): the request was refused, not run.
      if (outcome.kind === "error" && spec.signed && !resynced && outcome.error.kind === "clock") {
        resynced = true;
        await untilAborted(this.syncTime(), signal).catch(() => this.warnSyncFailed());
        this.counters.retries++;
        continue;
      }
      // Maintenance (docs/mexc/undocumented.md#requests-and-answers item 11.15) and an edge's block page (docs/mexc/undocumented.md#requests-and-answers item 11.23) are not asked again at once: they
      // last minutes, and hammering an edge keeps it closed. The caller waits long (slowRetry.ts).
      const retryable =
        outcome.kind === "failed"
          ? outcome.retryNow
          : outcome.error.class !== "not_retryable" && !isOutage(outcome.error.kind);
      if (!spec.idempotent || !retryable || ++failures >= this.retry.maxAttempts) throw outcome.error;
      this.counters.retries++;
      const delay = backoffDelay(this.retry, failures - 1);
      this.logger.debug({ endpoint, attempt: failures, delayMs: delay }, "retrying REST call");
      if (!(await sleep(delay, signal))) throw closedError(endpoint);
    }
  }

  private reportApiError(error: MexcApiError, endpoint: string): void {
    try {
      this.onApiError?.(error, endpoint);
    } catch (hookError) {
      this.logger.warn({ err: (hookError as Error).message }, "onApiError hook threw");
    }
  }

  /** One attempt, within requestTimeoutMs from the request to the answer's last byte; `signal` ends it sooner. */
  private async send(spec: RequestSpec, endpoint: string, signal: AbortSignal): Promise<Outcome> {
    if (signal.aborted) throw closedError(endpoint);
    const { query, headers } = this.prepare(spec);
    const url = `${this.baseUrl}${spec.path}${query === "" ? "" : `?${query}`}`;
    const startedAt = this.now();
    spec.onSend?.(startedAt);
    this.counters.requests++;
    this.byEndpoint[endpoint] = (this.byEndpoint[endpoint] ?? 0) + 1;
    const isWrite = !spec.idempotent;
    let answer: Answer;
    const attempt = startDeadline(this.requestTimeoutMs, [signal]);
    /** The status line, once it came: a timeout after it is a body that stalled. */
    let answered: number | undefined;
    try {
      // Never followed (refusedAnswers.ts): the key header and the signed query stay with this host.
      // Raced against the deadline as well as given it, so a `fetch` option that ignores its
      // signal cannot hold the call either.
      const init = { method: spec.method, headers, signal: attempt.signal, redirect: "manual" } as const;
      const response = await untilAborted(this.fetchFn(url, init), attempt.signal);
      const { status } = response;
      answered = status;
      if (isRedirect(status)) {
        await response.body?.cancel().catch(() => {});
        const error = redirectRefused(endpoint, status, response.headers.get("location"), this.baseUrl);
        this.logger.warn({ endpoint, status }, "REST call redirected: not followed");
        return { kind: "failed", error, retryNow: false };
      }
      const body = await untilAborted(readAnswerBody(response, this.maxAnswerBytes), attempt.signal);
      if (body.kind === "too_large") {
        this.logger.warn({ endpoint, status, ...body }, "REST answer over the byte cap: cut off");
        return { kind: "failed", error: answerTooLarge(endpoint, body, this.maxAnswerBytes, isWrite), retryNow: false };
      }
      answer = { status, retryAfter: response.headers.get("retry-after"), text: body.text };
    } catch (error) {
      if (signal.aborted) throw closedError(endpoint);
      this.counters.networkErrors++;
      const timedOut = attempt.expired ? { answered } : undefined;
      return { kind: "failed", ...this.fetchFailed(error, endpoint, isWrite, timedOut) };
    } finally {
      attempt.clear();
    }
    const outcome = answerOutcome(answer, { method: spec.method, path: spec.path, isWrite, baseUrl: this.baseUrl });
    this.noteAnswer(endpoint, answer.status, outcome, this.now() - startedAt);
    return outcome;
  }

  /** The answer's log line and counters. */
  private noteAnswer(endpoint: string, status: number, outcome: Outcome, ms: number): void {
    if (outcome.kind === "failed") return;
    if (outcome.kind === "ok") {
      this.logger.debug({ endpoint, status, ms }, "REST call");
      return;
    }
    const fields = { endpoint, status, code: outcome.error.mexcCode, ms };
    if (status >= 200 && status <= 299) {
      this.logger.debug(fields, "REST call refused in a 200");
      return;
    }
    this.logger[status >= 500 || status === 418 ? "warn" : "debug"](fields, "REST call refused");
    if (status === 429) this.counters.rateLimited429++;
    else if (status === 418) this.counters.banned418++;
    else if (status >= 500) this.counters.serverErrors++;
  }

  /**
   * A fetch that threw: the attempt's deadline (`timedOut`: with the status when one came before
   * the body stalled), or a network failure named by host:port and system error code
   * (fetchFailure.ts), fetch's error kept as `cause`. No connection made: not sent again now.
   */
  private fetchFailed(
    error: unknown,
    endpoint: string,
    isWrite: boolean,
    timedOut: { answered: number | undefined } | undefined,
  ): { error: ClientError; retryNow: boolean } {
    const mayHaveRun = isWrite ? "unknown_outcome" : "retryable";
    if (timedOut !== undefined) {
      this.logger.warn({ endpoint, host: this.hostPort, status: timedOut.answered }, "REST call timed out");
      const within = `within ${this.requestTimeoutMs} ms`;
      const message =
        timedOut.answered === undefined
          ? `${endpoint} got no answer from ${this.hostPort} ${within}`
          : `${endpoint} got HTTP ${timedOut.answered} from ${this.hostPort} but not the rest of its answer ${within}`;
      return { error: new ClientError("TIMEOUT", message, { class: mayHaveRun }), retryNow: true };
    }
    const failure = describeFetchFailure(error, this.hostPort, this.secrets());
    this.logger.warn({ endpoint, error: failure.reason }, "REST call failed");
    // Never sent, a write did not run: retryable, and there is no order to look for.
    const message = `${endpoint} failed: ${failure.reason}${failure.notSent && isWrite ? " (not sent)" : ""}`;
    const options = { cause: failure.cause, class: failure.notSent ? "retryable" : mayHaveRun } as const;
    return { error: new ClientError("NETWORK", message, options), retryNow: !failure.notSent };
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
    return this.clock.isStale(this.now(), this.timeSyncIntervalMs, TIME_SYNC_RETRY_MS);
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

/**
 * The key travels in a header: fetch refuses one with a space, a line break or a character past
 * ASCII (and quotes it in its error), so such a key is refused here without being quoted.
 */
function checkedApiKey(apiKey: string | undefined): string | undefined {
  if (apiKey === undefined || API_KEY_FORM.test(apiKey)) return apiKey;
  throw new ClientError(
    "BAD_OPTION",
    `apiKey must be 1-${API_KEY_MAX_CHARS} visible ASCII characters (it is sent in the X-MEXC-APIKEY header), got ${apiKey.length} characters that are not`,
  );
}

/**
 * `promise`, or the signal's reason as soon as it aborts: the wait ends on time even when what is
 * waited on does not heed the signal (a clock read other calls share goes on for them).
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function closedError(endpoint: string): ClientError {
  return new ClientError("CLOSED", `${endpoint} abandoned: the client is closed`);
}

/** Who a key's signed calls are counted for in a shared budget: the key's digest (one account per key). */
function keyOwner(apiKey: string): string {
  return `key ${createHash("sha256").update(apiKey).digest("hex").slice(0, 16)}`;
}
