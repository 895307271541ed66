/**
 * Query parameters of the API, validated with zod. A bad one answers 400 with a message that
 * starts with the parameter's name (`limit: must be an integer from 1 to 1000`); a parameter the
 * route does not know is refused too, so a typo (`symbl=`) does not silently return everything.
 */

import { ASSET_TEXT_PATTERN, COST_METHODS, SYMBOL_TEXT_PATTERN } from "@mexc-live/contract";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@mexc-live/protocol";
import { z } from "zod";
import { POSITION_METHODS } from "../derive/portfolio/lotSelection.js";
import { canonicalZone, MAX_ZONE_NAME_LENGTH } from "../derive/timeZones.js";
import { HttpError } from "../errors.js";
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from "../store/cursor.js";

const ONCE = "must be given once";

const text = () => z.string({ error: (issue) => (issue.input === undefined ? "required" : ONCE) });

export const symbolParam = text()
  .regex(SYMBOL_TEXT_PATTERN, { error: "must be 2-20 letters or digits, such as BTCUSDT" })
  .transform((symbol) => symbol.toUpperCase());

export const assetParam = text()
  .regex(ASSET_TEXT_PATTERN, { error: "must be 1-20 letters or digits, such as USDT" })
  .transform((asset) => asset.toUpperCase());

/** ms since the epoch, or an ISO 8601 date/time (`2025-01-31`, `2025-01-31T12:00:00Z`). */
export const timeParam = text().transform((value, ctx) => {
  const ms = /^\d{1,15}$/.test(value)
    ? Number(value)
    : /^\d{4}-\d{2}-\d{2}/.test(value)
      ? Date.parse(value)
      : Number.NaN;
  if (Number.isFinite(ms) && ms >= 0) return ms;
  ctx.addIssue({ code: "custom", message: "must be ms since the epoch or an ISO date such as 2025-01-31" });
  return z.NEVER;
});

export function intParam(min: number, max: number) {
  return text().transform((value, ctx) => {
    const n = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
    if (n >= min && n <= max) return n;
    ctx.addIssue({ code: "custom", message: `must be an integer from ${min} to ${max}` });
    return z.NEVER;
  });
}

export const limitParam = intParam(1, MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT);

export const cursorParam = text().regex(/^[\x21-\x7e]{1,512}$/, {
  error: "must be the nextCursor of a previous page",
});

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS };
const MIN_STEP_MS = 1000;
const MAX_STEP_MS = 366 * DAY_MS;

/** A duration: ms, or a number with a unit (`30s`, `5m`, `1h`, `1d`), from 1 s to 366 d. */
export const durationParam = text().transform((value, ctx) => {
  const match = /^(\d{1,12})(ms|s|m|h|d)?$/.exec(value);
  const ms = match ? Number(match[1]) * (DURATION_UNITS[match[2] ?? "ms"] as number) : Number.NaN;
  if (ms >= MIN_STEP_MS && ms <= MAX_STEP_MS) return ms;
  ctx.addIssue({ code: "custom", message: "must be a duration from 1s to 366d, such as 60000, 30s, 5m, 1h or 1d" });
  return z.NEVER;
});

/** A comma-separated list, such as `balances,fills,market.BTCUSDT.ticker`. */
export const listParam = text().transform((value) => value.split(",").filter((item) => item !== ""));

/**
 * A time zone for day boundaries: "UTC" or an IANA name the runtime knows ("Europe/Berlin"), at
 * most MAX_ZONE_NAME_LENGTH characters, turned into the runtime's canonical spelling
 * ("europe/berlin" -> "Europe/Berlin") before it reaches any cache, so spellings cannot grow one.
 */
export const tzParam = text().transform((name, ctx) => {
  const zone = canonicalZone(name);
  if (zone !== undefined) return zone;
  ctx.addIssue({
    code: "custom",
    message: `must be "UTC" or an IANA time zone name such as Europe/Berlin (at most ${MAX_ZONE_NAME_LENGTH} characters)`,
  });
  return z.NEVER;
});

/** The cost-basis method: average cost or first in, first out. */
export const methodParam = z.enum(COST_METHODS, {
  error: `must be ${COST_METHODS.map((method) => `"${method}"`).join(" or ")}`,
});

/** The tax report's method: the four the position engine has (derive/portfolio/lotSelection.ts). */
export const taxMethodParam = z.enum(POSITION_METHODS, {
  error: `must be ${POSITION_METHODS.map((method) => `"${method}"`).join(" or ")}`,
});

export const statusParam = z.enum(["open", "all"], { error: 'must be "open" or "all"' });

/** A strict object of parameters whose `to` may not be before its `from`. */
export function params<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape).superRefine((value, ctx) => {
    const { from, to } = value as { from?: number; to?: number };
    if (from !== undefined && to !== undefined && to < from) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
    }
  });
}

/** Parses a route's query or throws a BAD_REQUEST that names the parameter. */
export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  // `account` (accountScope.ts) is every route's parameter, read apart.
  const { account: _account, ...own } = (query ?? {}) as Record<string, unknown>;
  const result = schema.safeParse(own);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new HttpError("BAD_REQUEST", "query: invalid");
  if (issue.code === "unrecognized_keys") {
    throw new HttpError("BAD_REQUEST", `${issue.keys[0]}: not a parameter of this route`);
  }
  const name = issue.path[0] === undefined ? "query" : String(issue.path[0]);
  throw new HttpError("BAD_REQUEST", `${name}: ${issue.message}`);
}
