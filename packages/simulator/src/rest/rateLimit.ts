/**
 * MEXC's REST rate limits (docs/mexc/errors.md, docs/mexc/rest.md#rate-limits): every endpoint has its own budget of
 * 500 weight per 10 s, counted apart for the IP family (by client IP) and the UID family (by
 * account). A signed call is charged to its account, a public one to the IP (protocol's
 * chargedWeight: MEXC counts an endpoint that carries a key per account). Going over answers 429 with `Retry-After` (seconds until the window resets).
 * Going over *again* on the same endpoint before that window ends is "keeping going while
 * limited": the client is banned, 418 with `Retry-After` = the ban. Bans escalate 2 min, 4 min,
 * 8 min ... up to 3 days; a client that stays clean for BAN_FORGIVE_MS after a ban starts again
 * at 2 min. A banned client gets 418 on every endpoint of that family until the ban ends.
 *
 * Windows are fixed (they start with the first request after the previous one ended).
 * Durations are simulated ms: with --speed 60 a 2-minute ban lasts 2 real seconds, and the
 * `Retry-After` header says so (real seconds, rounded up, at least 1).
 */

import {
  BAN_FORGIVE_MS,
  BAN_MAX_MS,
  BAN_MIN_MS,
  ENDPOINT_REQUEST_RATES,
  ENDPOINT_REQUESTS_PER_SECOND,
  MAX_REQUESTS_PER_SECOND,
  RATE_LIMIT_WEIGHT_PER_WINDOW,
  RATE_LIMIT_WINDOW_MS,
} from "@mexc-live/protocol/limits";
import type { SimClock } from "../clock.js";

export interface RateLimitOptions {
  /** Weight per window per endpoint and family. Default 500 (docs/mexc/rest.md#rate-limits). */
  readonly weightPerWindow?: number;
  /** Window length, simulated ms. Default 10 000 (docs/mexc/rest.md#rate-limits). */
  readonly windowMs?: number;
  /** First ban, simulated ms. Default 2 min (docs/mexc/errors.md). */
  readonly banMinMs?: number;
  /** Longest ban, simulated ms. Default 3 days (docs/mexc/errors.md). */
  readonly banMaxMs?: number;
  /** false turns rate limiting off. Default true. */
  readonly enabled?: boolean;
  /** Requests per real second per client IP in all (behaviour `requestRate`). Default 20 (docs/mexc/undocumented.md#requests-and-answers item 11.5). */
  readonly requestsPerSecond?: number;
}

type RateLimitFamily = "ip" | "uid";

export type RateLimitVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly status: 429 | 418; readonly retryAfterSeconds: number };

export interface RateLimiter {
  /** Charges `weight` to (family, client, endpoint), or says why not. Refused requests cost nothing. */
  charge(family: RateLimitFamily, client: string, endpoint: string, weight: number): RateLimitVerdict;
}

interface Window {
  /** Wall-clock ms the window ends at. */
  endsAt: number;
  used: number;
  /** A 429 was answered in this window. */
  limited: boolean;
}

interface Offender {
  bannedUntil: number;
  /** Bans so far in this run of offences. */
  level: number;
}

const OK: RateLimitVerdict = { ok: true };
/** Past this many tracked windows, ended ones are forgotten before a new one is added. */
const MAX_TRACKED_WINDOWS = 10_000;
/** The per-endpoint request rate is counted over this much wall-clock time. */
const REQUEST_RATE_WINDOW_WALL_MS = 1_000;
/** The longest window a request rate is counted over: a list older than it is forgotten. */
const LONGEST_RATE_WINDOW_WALL_MS = Math.max(
  REQUEST_RATE_WINDOW_WALL_MS,
  ...Object.values(ENDPOINT_REQUEST_RATES).map((rate) => rate.windowMs),
);

export function createRateLimiter(clock: SimClock, options: RateLimitOptions = {}): RateLimiter {
  const budget = options.weightPerWindow ?? RATE_LIMIT_WEIGHT_PER_WINDOW;
  const windowMs = options.windowMs ?? RATE_LIMIT_WINDOW_MS;
  const banMinMs = options.banMinMs ?? BAN_MIN_MS;
  const banMaxMs = options.banMaxMs ?? BAN_MAX_MS;
  if (options.enabled === false) return { charge: () => OK };

  const windows = new Map<string, Window>();
  const offenders = new Map<string, Offender>();
  const retryAfter = (until: number, now: number) => Math.max(1, Math.ceil((until - now) / 1000));

  return {
    charge(family, client, endpoint, weight) {
      const now = clock.now();
      const who = `${family}|${client}`;
      let offender = offenders.get(who);
      if (offender && now < offender.bannedUntil) {
        return { ok: false, status: 418, retryAfterSeconds: retryAfter(offender.bannedUntil, now) };
      }
      if (offender && now >= offender.bannedUntil + clock.real(BAN_FORGIVE_MS)) {
        offenders.delete(who);
        offender = undefined;
      }

      const key = `${who}|${endpoint}`;
      let window = windows.get(key);
      if (!window || now >= window.endsAt) {
        if (windows.size >= MAX_TRACKED_WINDOWS) sweep(windows, offenders, now, clock.real(BAN_FORGIVE_MS));
        window = { endsAt: now + clock.real(windowMs), used: 0, limited: false };
        windows.set(key, window);
      }
      if (window.used + weight <= budget) {
        window.used += weight;
        return OK;
      }
      if (!window.limited) {
        window.limited = true;
        return { ok: false, status: 429, retryAfterSeconds: retryAfter(window.endsAt, now) };
      }
      const level = (offender?.level ?? 0) + 1;
      const banMs = Math.min(banMinMs * 2 ** (level - 1), banMaxMs);
      const bannedUntil = now + clock.real(banMs);
      offenders.set(who, { bannedUntil, level });
      sweep(windows, offenders, now, clock.real(BAN_FORGIVE_MS));
      return { ok: false, status: 418, retryAfterSeconds: retryAfter(bannedUntil, now) };
    },
  };
}

/**
 * Besides weights, MEXC support's words to a library author (docs/mexc/undocumented.md#requests-and-answers item 11.5, JKorf/Mexc.Net#42): all
 * requests together at most 20 per second, orders at most 12; and the docs' 2/s of GET account
 * (docs/mexc/rest.md#rate-limits), and the rates documented over a longer window (ENDPOINT_REQUEST_RATES:
 * GET announcements 5 per 2 s, docs/mexc/rest.md#get-apiv3announcements-public). What MEXC answers past them is not documented: we answer 429 with `Retry-After: 1` and
 * do not count it toward a ban [UNCONFIRMED]. Counted where the weights are (protocol's
 * chargedWeight, limits.ts): a public call per client IP, a signed one per account; over a sliding
 * second of wall-clock time (the client's pace is real time whatever --speed is).
 */
export interface RequestRateLimiter {
  /** `client`: "ip <address>" for a public call, "uid <account>" for a signed one (limits.ts). */
  hit(client: string, endpoint: string): RateLimitVerdict;
}

export function createRequestRateLimiter(clock: SimClock, options: RateLimitOptions = {}): RequestRateLimiter {
  const perSecond = options.requestsPerSecond ?? MAX_REQUESTS_PER_SECOND;
  const recent = new Map<string, number[]>();
  /** True when one more request under `key` fits `limit` in any `windowMs` (a second unless said). */
  const fits = (key: string, limit: number, now: number, windowMs = REQUEST_RATE_WINDOW_WALL_MS): boolean => {
    const times = (recent.get(key) ?? []).filter((at) => at > now - windowMs);
    recent.set(key, times);
    return times.length < limit;
  };
  return {
    hit(client: string, endpoint: string): RateLimitVerdict {
      if (options.enabled === false) return OK;
      const now = clock.now();
      const own = ENDPOINT_REQUESTS_PER_SECOND[endpoint];
      const allKey = `${client}|*`;
      const endpointKey = `${client}|${endpoint}`;
      const windowed = ENDPOINT_REQUEST_RATES[endpoint];
      const windowKey = `${client}|${endpoint}|window`;
      if (!fits(allKey, perSecond, now) || (own !== undefined && !fits(endpointKey, own, now))) {
        return { ok: false, status: 429, retryAfterSeconds: 1 };
      }
      if (windowed !== undefined && !fits(windowKey, windowed.requests, now, windowed.windowMs)) {
        return { ok: false, status: 429, retryAfterSeconds: Math.ceil(windowed.windowMs / 1_000) };
      }
      recent.get(allKey)!.push(now);
      if (own !== undefined) recent.get(endpointKey)!.push(now);
      if (windowed !== undefined) recent.get(windowKey)!.push(now);
      if (recent.size > MAX_TRACKED_WINDOWS) {
        for (const [other, list] of recent)
          if ((list[list.length - 1] ?? 0) <= now - LONGEST_RATE_WINDOW_WALL_MS) recent.delete(other);
      }
      return OK;
    },
  };
}

/** Forgets windows that ended and offenders long forgiven (run on each new ban: rare). */
function sweep(windows: Map<string, Window>, offenders: Map<string, Offender>, now: number, forgiveMs: number): void {
  for (const [key, window] of windows) if (now >= window.endsAt) windows.delete(key);
  for (const [key, offender] of offenders) if (now >= offender.bannedUntil + forgiveMs) offenders.delete(key);
}
