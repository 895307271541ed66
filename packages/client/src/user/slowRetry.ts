/**
 * When MEXC refuses the API key or is out of reach for a while, the user stream stops asking at
 * its usual pace and asks slowly instead, so a fixed key (or the end of a maintenance) brings it
 * back by itself without hammering signed endpoints meanwhile:
 *
 * - refused: the key itself (a wrong secret, a key MEXC expired after 90 days or revoked, an IP not
 *   on its whitelist, a missing permission, a restricted account: protocol's `refusesKey`) or an
 *   edge in front of MEXC blocking this machine (an HTML 403, docs/mexc/undocumented.md#requests-and-answers item 11.23);
 * - maintenance: MEXC's 11444, its "Under maintenance" answer, an HTTP 503 (docs/mexc/undocumented.md#requests-and-answers item 11.15).
 *
 * Which one an error is comes from protocol's error table (its `kind`), nothing else.
 */
import { isMexcApiError, type MexcApiError } from "@mexc-live/protocol";
import { refusesKey } from "@mexc-live/protocol/error-codes";
import { type BackoffPolicy, backoffDelay, sleep } from "../backoff.js";
import { MAINTENANCE_RETRY, REFUSED_RETRY } from "../constants.js";
import type { Logger } from "../redact.js";

export type HaltState = "refused" | "maintenance";

/** How slowly to ask again in each state. */
export interface SlowRetry {
  readonly refused: BackoffPolicy;
  readonly maintenance: BackoffPolicy;
}

export const DEFAULT_SLOW_RETRY: SlowRetry = { refused: REFUSED_RETRY, maintenance: MAINTENANCE_RETRY };

/** The state `error` puts the user stream in; undefined for anything the usual back-off handles. */
export function haltStateOf(error: unknown): { state: HaltState; error: MexcApiError } | undefined {
  if (!isMexcApiError(error)) return undefined;
  if (refusesKey(error.kind) || error.kind === "blocked") return { state: "refused", error };
  if (error.kind === "maintenance") return { state: "maintenance", error };
  return undefined;
}

/** The wait before asking again, attempt 0 first. */
export function slowRetryDelay(retry: SlowRetry, state: HaltState, attempt: number): number {
  return backoffDelay(retry[state], attempt);
}

/** The user stream's notice of a halt: MEXC's error and when it asks again. */
export interface HaltedNotice {
  readonly type: "state";
  /** refused: MEXC refuses the API key (or its edge blocks us); maintenance: MEXC is under maintenance. */
  readonly state: HaltState;
  readonly at: number;
  readonly message: string;
  /** MEXC's error: its `code`, `kind` (bad_signature, ip_not_allowed, maintenance...) and message. */
  readonly error: MexcApiError;
  /** When the stream asks MEXC again, ms from `at`. */
  readonly retryInMs: number;
}

/** What a halt or its end is told as (the user stream's notices). */
export type HaltNotice =
  | HaltedNotice
  | { readonly type: "state"; readonly state: "live" | "reconnecting" | "connecting"; readonly at: number };

/**
 * The user stream's side of it: whether it is halted, the slow waits, and the notices that say
 * so (one per try) and that it is over.
 */
export class SlowRetryGate {
  private halted: HaltState | undefined;

  constructor(
    private readonly deps: {
      readonly retry: SlowRetry;
      readonly logger: Logger;
      readonly notice: (notice: HaltNotice) => void;
      /** Where the stream stands once MEXC answers again. */
      readonly stateNow: () => "live" | "reconnecting" | "connecting";
      readonly signal: AbortSignal;
    },
  ) {}

  /**
   * `get()` until it succeeds; while it fails because MEXC refuses the key or is under maintenance,
   * say so and wait slowly between tries. Any other failure is thrown at once.
   */
  async until<T>(get: () => Promise<T>, where: string): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        const value = await get();
        this.resume();
        return value;
      } catch (error) {
        const halt = haltStateOf(error);
        if (halt === undefined || this.deps.signal.aborted) throw error;
        const delay = slowRetryDelay(this.deps.retry, halt.state, attempt);
        this.halt(halt.state, halt.error, where, delay);
        if (!(await sleep(delay, this.deps.signal))) throw error;
      }
    }
  }

  /** The wait before another try of something that failed `failures` times (from 1) with `error`; undefined: the usual back-off. */
  delayAfter(error: unknown, failures: number): number | undefined {
    const halt = haltStateOf(error);
    return halt && slowRetryDelay(this.deps.retry, halt.state, failures - 1);
  }

  /** MEXC refuses the key or is under maintenance: say so, with its error and when we ask again. */
  halt(state: HaltState, error: MexcApiError, where: string, retryInMs: number): void {
    this.halted = state;
    this.deps.logger.warn(
      { code: error.mexcCode, kind: error.kind, status: error.status, retryInMs },
      `${where}: ${state === "refused" ? "MEXC refuses the API key" : "MEXC is under maintenance"}; asking again slowly`,
    );
    this.deps.notice({ type: "state", state, at: Date.now(), message: error.message, error, retryInMs });
  }

  /** MEXC answered again after a halt: say where the stream stands now. */
  resume(): void {
    if (this.halted === undefined) return;
    this.halted = undefined;
    this.deps.logger.info({}, "MEXC answers signed calls again");
    this.deps.notice({ type: "state", state: this.deps.stateNow(), at: Date.now() });
  }
}
