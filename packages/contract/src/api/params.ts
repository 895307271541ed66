/**
 * The reads' and the exports' parameters (api/reads.ts), validated with zod, each declared once as a pair: `http`
 * (the query string of the route: text in, typed values out) and `wire` (the same values as JSON,
 * as a web instance sends them to its collector over Redis). A bad HTTP parameter is refused with
 * a message that starts with its name (`tz: must be "UTC" or an IANA time zone name ...`); a
 * parameter the route does not know is refused too, so a typo (`symbl=`) does not silently
 * return everything. `answer` is the loose check a web instance makes of its collector's answer
 * before it reaches a browser. The gateway imports this module (`@mexc-live/contract/api`), the
 * dashboard does not (it holds no zod).
 */

import { DAY_MS, HOUR_MS, MINUTE_MS } from "@mexc-live/protocol";
import { LEDGER_KINDS, TRANSFER_TYPES } from "@mexc-live/protocol/wallet";
import { z } from "zod";
import { ALERT_LOG_MAX, ALERT_LOG_PAGE } from "../alerts.js";
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from "../http.js";
import { MAX_STRATEGY_PREFIX_LENGTH, MAX_STRATEGY_PREFIXES } from "../journal.js";
import { ASSET_PATTERN, ASSET_TEXT_PATTERN, SYMBOL_PATTERN, SYMBOL_TEXT_PATTERN } from "../names.js";
import { COST_METHODS } from "../performance.js";
import { LONG_TERM_DAYS, TAX_CURRENCY_PATTERN, TAX_LOTS, TAX_METHODS } from "../taxReport.js";
import { type ExportName, type ParamKind, READ_NAMES, READS, type ReadName, type ReadRow } from "./reads.js";
import { canonicalZone, MAX_PERIODS, MAX_ZONE_NAME_LENGTH, PNL_PERIODS } from "./timeZone.js";

const ONCE = "must be given once";

/** `"day", "week" or "month"`: the words a message offers. */
const oneOf = (words: readonly string[]) =>
  words
    .map((word) => `"${word}"`)
    .join(", ")
    .replace(/, ([^,]*)$/, " or $1");

/** One query-string value (given twice, it arrives as an array: refused). */
export const text = () => z.string({ error: (issue) => (issue.input === undefined ? "required" : ONCE) });

/** A value as both ends hold it: in the query string, and on the Redis wire. */
interface Param<H extends z.ZodType, W extends z.ZodType> {
  readonly http: H;
  readonly wire: W;
}

export const symbolParam = text()
  .regex(SYMBOL_TEXT_PATTERN, { error: "must be 2-20 letters or digits, such as BTCUSDT" })
  .transform((symbol) => symbol.toUpperCase());

export const assetParam = text()
  .regex(ASSET_TEXT_PATTERN, { error: "must be 1-20 letters or digits, such as USDT" })
  .transform((asset) => asset.toUpperCase());

/** A whole number from `min` to `max`. */
export function intParam(min: number, max: number) {
  return text().transform((value, ctx) => {
    const n = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
    if (n >= min && n <= max) return n;
    ctx.addIssue({ code: "custom", message: `must be an integer from ${min} to ${max}` });
    return z.NEVER;
  });
}

/** Items per page of a list: DEFAULT_PAGE_LIMIT unless asked, at most MAX_PAGE_LIMIT. */
export const limitParam = intParam(1, MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT);

const CURSOR_PATTERN = /^[\x21-\x7e]{1,512}$/;
/** A page's nextCursor, passed back as it came (opaque: printable ASCII, at most 512 characters). */
export const cursorParam = text().regex(CURSOR_PATTERN, { error: "must be the nextCursor of a previous page" });

/** ms since the epoch, or an ISO 8601 date/time (`2025-01-31`, `2025-01-31T12:00:00Z`). */
function msOf(value: string): number {
  const ms = /^\d{1,15}$/.test(value)
    ? Number(value)
    : /^\d{4}-\d{2}-\d{2}/.test(value)
      ? Date.parse(value)
      : Number.NaN;
  return Number.isFinite(ms) && ms >= 0 ? ms : Number.NaN;
}

const TIME_MESSAGE = "must be ms since the epoch or an ISO date such as 2025-01-31";

/** ms since the epoch, or an ISO 8601 date/time (`2025-01-31`, `2025-01-31T12:00:00Z`). */
export const timeParam = text().transform((value, ctx) => {
  const ms = msOf(value);
  if (!Number.isNaN(ms)) return ms;
  ctx.addIssue({ code: "custom", message: TIME_MESSAGE });
  return z.NEVER;
});

const DATE_ALONE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A time as timeParam takes it, but a date alone (`2025-01-31`) is kept as that date: the read
 * takes it as midnight in its `tz` (the journal), not in UTC.
 */
const dayOrTimeParam = text().transform((value, ctx): number | string => {
  const ms = msOf(value);
  if (!Number.isNaN(ms)) return DATE_ALONE.test(value) ? value : ms;
  ctx.addIssue({ code: "custom", message: TIME_MESSAGE });
  return z.NEVER;
});

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS };
/** The finest equity step: one point a second (the store keeps no finer). */
const MIN_STEP_MS = 1000;
/** The coarsest equity step: a year and a day, the longest range a chart groups. */
const MAX_STEP_MS = 366 * DAY_MS;

/** A duration: ms, or a number with a unit (`30s`, `5m`, `1h`, `1d`), from 1 s to 366 d. */
const durationParam = text().transform((value, ctx) => {
  const match = /^(\d{1,12})(ms|s|m|h|d)?$/.exec(value);
  const ms = match ? Number(match[1]) * (DURATION_UNITS[match[2] ?? "ms"] as number) : Number.NaN;
  if (ms >= MIN_STEP_MS && ms <= MAX_STEP_MS) return ms;
  ctx.addIssue({ code: "custom", message: "must be a duration from 1s to 366d, such as 60000, 30s, 5m, 1h or 1d" });
  return z.NEVER;
});

/**
 * The one rule for a zone, both ends: "UTC" or an IANA name the runtime knows ("Europe/Berlin"),
 * at most MAX_ZONE_NAME_LENGTH characters, turned into the runtime's canonical spelling
 * ("europe/berlin" -> "Europe/Berlin") before it reaches any cache, so spellings cannot grow one.
 */
const zoneOf = (name: string, ctx: z.RefinementCtx): string => {
  const zone = canonicalZone(name);
  if (zone !== undefined) return zone;
  ctx.addIssue({
    code: "custom",
    message: `must be "UTC" or an IANA time zone name such as Europe/Berlin (at most ${MAX_ZONE_NAME_LENGTH} characters)`,
  });
  return z.NEVER;
};

export const tzParam = text().transform(zoneOf);

/** The cost-basis method: average cost or first in, first out. */
export const methodParam = z.enum(COST_METHODS, {
  error: `must be ${oneOf(COST_METHODS)}`,
});

const periodParam = z.enum(PNL_PERIODS, { error: `must be ${oneOf(PNL_PERIODS)}` });

const wireTime = z.number().int().nonnegative();
const wireDate = z
  .string()
  .regex(DATE_ALONE)
  .refine((date) => !Number.isNaN(Date.parse(date)), "not a date");

/** `strategyPrefix=grid-,dca-`: at most MAX_STRATEGY_PREFIXES prefixes of clientOrderId, each 1-32 printable characters but a comma. */
const STRATEGY_PREFIX = new RegExp(`^[\\x21-\\x2b\\x2d-\\x7e]{1,${MAX_STRATEGY_PREFIX_LENGTH}}$`);
const strategyPrefixParam = text().transform((value, ctx) => {
  const prefixes = value.split(",");
  if (prefixes.length <= MAX_STRATEGY_PREFIXES && prefixes.every((prefix) => STRATEGY_PREFIX.test(prefix)))
    return [...new Set(prefixes)];
  ctx.addIssue({
    code: "custom",
    message: `must be at most ${MAX_STRATEGY_PREFIXES} comma-separated prefixes of 1-${MAX_STRATEGY_PREFIX_LENGTH} printable characters`,
  });
  return z.NEVER;
});

const TIME: Param<typeof timeParam, typeof wireTime> = { http: timeParam, wire: wireTime };
const DAY_OR_TIME = { http: dayOrTimeParam, wire: z.union([wireTime, wireDate]) };
const METHOD = { http: methodParam, wire: methodParam };
const CURSOR = { http: cursorParam, wire: z.string().regex(CURSOR_PATTERN) };
const LIMIT = { http: limitParam, wire: z.number().int().min(1).max(MAX_PAGE_LIMIT) };
const transferType = z.enum(TRANSFER_TYPES, {
  error: `must be ${TRANSFER_TYPES.map((type) => `"${type}"`).join(", ")}`,
});
const ledgerKind = z.enum(LEDGER_KINDS, { error: `must be one of ${LEDGER_KINDS.join(", ")}` });

/** Each kind of parameter of the API table (api/reads.ts ParamKind), as the route and the wire check it. */
const KINDS = {
  time: TIME,
  dayOrTime: DAY_OR_TIME,
  zone: { http: tzParam, wire: z.string().transform(zoneOf) },
  method: METHOD,
  symbol: { http: symbolParam, wire: z.string().regex(SYMBOL_PATTERN) },
  asset: { http: assetParam, wire: z.string().regex(ASSET_PATTERN) },
  step: { http: durationParam, wire: z.number().int().min(MIN_STEP_MS).max(MAX_STEP_MS) },
  strategies: {
    http: strategyPrefixParam,
    wire: z.array(z.string().regex(STRATEGY_PREFIX)).min(1).max(MAX_STRATEGY_PREFIXES),
  },
  transferType: { http: transferType, wire: transferType },
  ledgerKind: { http: ledgerKind, wire: ledgerKind },
} satisfies Record<Exclude<ParamKind, "own">, Param<z.ZodType, z.ZodType>>;

type Kinds = Readonly<Record<string, ParamKind>>;
type PairsOf<P extends Kinds> = { -readonly [N in keyof P]: (typeof KINDS)[Exclude<P[N], "own">] };

/** A row's parameters as checks, by their kinds (never `own`: OWN_RULES holds those reads). */
function ofKinds<P extends Kinds>(kinds: P): PairsOf<P> {
  return Object.fromEntries(
    Object.entries(kinds).map(([name, kind]) => {
      if (kind === "own") throw new Error(`${name}: a parameter of the read's own, with no rule in OWN_RULES`);
      return [name, KINDS[kind]];
    }),
  ) as PairsOf<P>;
}

/** A strict object of parameters whose `to` may not be before its `from`. */
export function params<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape).superRefine((value, ctx) => {
    const { from, to } = value as { from?: number; to?: number };
    if (from !== undefined && to !== undefined && to < from) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
    }
  });
}

type Pairs = Record<string, Param<z.ZodType, z.ZodType>>;
type Optional<P extends Pairs, End extends "http" | "wire"> = { [K in keyof P]: z.ZodOptional<P[K][End]> };

/** A read's parameters, every one optional (but those of `also`): the route's schema and the wire's. */
function optionals<
  P extends Pairs,
  H extends z.ZodRawShape = Record<never, never>,
  W extends z.ZodRawShape = Record<never, never>,
>(pairs: P, also?: { readonly http: H; readonly wire: W }) {
  const pick = <End extends "http" | "wire">(end: End) =>
    Object.fromEntries(Object.entries(pairs).map(([name, pair]) => [name, pair[end].optional()])) as Optional<P, End>;
  return {
    http: params({ ...pick("http"), ...also?.http } as Optional<P, "http"> & H),
    wire: z.strictObject({ ...pick("wire"), ...also?.wire } as Optional<P, "wire"> & W),
  };
}

/** A list's filters, then its page: `limit` (with its default) and `cursor`. */
const paged = <
  P extends Pairs,
  H extends z.ZodRawShape = Record<never, never>,
  W extends z.ZodRawShape = Record<never, never>,
>(
  filters: P,
  also?: { readonly http: H; readonly wire: W },
) =>
  optionals(filters, {
    http: { ...also?.http, limit: limitParam, cursor: cursorParam.optional() } as H & {
      limit: typeof limitParam;
      cursor: z.ZodOptional<typeof cursorParam>;
    },
    wire: { ...also?.wire, limit: LIMIT.wire, cursor: CURSOR.wire.optional() } as W & {
      limit: typeof LIMIT.wire;
      cursor: z.ZodOptional<typeof CURSOR.wire>;
    },
  });

/** How far back /api/pnl/periods reaches when no `from` is given: 30 days, 12 weeks or a year. */
const DEFAULT_PERIODS_SPAN_MS = { day: 30 * DAY_MS, week: 12 * 7 * DAY_MS, month: 365 * DAY_MS } as const;
/** The shortest length of each period, for the MAX_PERIODS bound (a month is at least 28 days). */
const PERIOD_MS = { day: DAY_MS, week: 7 * DAY_MS, month: 28 * DAY_MS } as const;

/**
 * /api/pnl/periods: `from` and `to` default to the period's span up to now; a range of more than
 * MAX_PERIODS periods is refused (naming `from`), so no request makes the gateway walk for long.
 */
const pnlPeriodsHttp = params({
  period: periodParam.default("day"),
  from: timeParam.optional(),
  to: timeParam.optional(),
  method: methodParam.optional(),
  tz: tzParam.optional(),
}).transform((q, ctx) => {
  const to = q.to ?? Date.now();
  const from = q.from ?? to - DEFAULT_PERIODS_SPAN_MS[q.period];
  if ((to - from) / PERIOD_MS[q.period] > MAX_PERIODS) {
    ctx.addIssue({ code: "custom", path: ["from"], message: `at most ${MAX_PERIODS} periods at a time` });
    return z.NEVER;
  }
  return {
    period: q.period,
    from,
    to,
    ...(q.method === undefined ? {} : { method: q.method }),
    ...(q.tz === undefined ? {} : { tz: q.tz }),
  };
});

/**
 * The longest range of the realized PnL's causes: PnL by period's longest walk by day
 * (MAX_PERIODS days; the answer reads a series row of each day of it).
 */
const MAX_REALIZED_RANGE_MS = MAX_PERIODS * DAY_MS;

/**
 * /api/pnl/realized: the whole history, or a range from `from` to `to` (default now); `to` alone is
 * refused (naming `from`: the range would start at the history's start, unbounded), and so is a
 * range of more than MAX_PERIODS days.
 */
const realizedParams = optionals(ofKinds(READS.realized.params));
const realizedHttp = realizedParams.http.superRefine((q, ctx) => {
  if (q.from === undefined) {
    if (q.to !== undefined) ctx.addIssue({ code: "custom", path: ["from"], message: "must be given with to" });
    return;
  }
  if ((q.to ?? Date.now()) - q.from > MAX_REALIZED_RANGE_MS)
    ctx.addIssue({ code: "custom", path: ["from"], message: `at most ${MAX_PERIODS} days before to` });
});

export const statusParam = z.enum(["open", "all"], { error: 'must be "open" or "all"' });

/** The reads whose parameters have rules of their own (a default, a bound against another): every row with a parameter of kind `own`. */
type OwnRuleName = {
  [K in ReadName]: "own" extends (typeof READS)[K]["params"][keyof (typeof READS)[K]["params"]] ? K : never;
}[ReadName];

const OWN_RULES = {
  pnl: {
    http: params({
      symbol: symbolParam.optional(),
      method: methodParam.optional(),
      by: z.enum(["symbol", "asset"], { error: 'must be "symbol" or "asset"' }).default("symbol"),
    }),
    // The pair and `by` are the route's (routes/pnl.ts): the wire asks for every pair's.
    wire: z.strictObject({ method: METHOD.wire.optional() }),
  },
  realized: { http: realizedHttp, wire: realizedParams.wire },
  pnlPeriods: {
    http: pnlPeriodsHttp,
    wire: z.strictObject({
      period: periodParam,
      from: wireTime,
      to: wireTime,
      method: METHOD.wire.optional(),
      tz: KINDS.zone.wire.optional(),
    }),
  },
  orders: paged(ofKinds({ symbol: "symbol" } as const), {
    http: { status: statusParam.default("all") },
    wire: { status: statusParam },
  }),
  /** The latest deliveries: ALERT_LOG_PAGE unless `limit` says, at most ALERT_LOG_MAX. */
  alertDeliveries: {
    http: params({ limit: intParam(1, ALERT_LOG_MAX).default(ALERT_LOG_PAGE) }),
    wire: z.strictObject({ limit: z.number().int().min(1).max(ALERT_LOG_MAX) }),
  },
} satisfies Record<OwnRuleName, { http: z.ZodType; wire: z.ZodType }> &
  Partial<Record<ReadName, { http: z.ZodType; wire: z.ZodType }>>;
type OwnRules = typeof OWN_RULES;

/** A row's parameters by their kinds: every one optional, and a list's page (`limit`, `cursor`). */
type ByKinds<K extends ReadName> = (typeof READS)[K]["fold"] extends "pagesByTime"
  ? ReturnType<typeof paged<Extract<PairsOf<(typeof READS)[K]["params"]>, Pairs>>>
  : ReturnType<typeof optionals<Extract<PairsOf<(typeof READS)[K]["params"]>, Pairs>>>;

const time = z.number().int();
const page = <T extends z.ZodType>(item: T) =>
  z.looseObject({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int().nonnegative() });
/** The items of the lists, as a web instance checks them (each list's and the fills export's). */
export const ITEM_ANSWERS = {
  fill: z.looseObject({ tradeId: z.string(), symbol: z.string(), time }),
  order: z.looseObject({ orderId: z.string(), symbol: z.string(), time }),
  transfer: z.looseObject({ id: z.string(), type: z.string(), asset: z.string(), amount: z.string(), time }),
  ledger: z.looseObject({ id: z.string(), type: z.string(), asset: z.string(), change: z.string(), time }),
  opening: z.looseObject({ asset: z.string(), quantity: z.string(), time }),
  balance: z.looseObject({ asset: z.string(), free: z.string(), locked: z.string() }),
  alertRule: z.looseObject({ id: z.string(), on: z.string(), to: z.string(), muted: z.boolean() }),
  alertDelivery: z.looseObject({ id: z.string(), ruleId: z.string(), status: z.string(), createdAt: time }),
};

/**
 * The check a web instance makes of its collector's answer to a read with no check of its own:
 * the answer's shape by its row (a page, a list, an object) and, in a list that is merged
 * newest first, the fields it is merged by.
 */
export function answerShape(row: ReadRow): z.ZodType {
  if (row.fold === "instance") return z.unknown();
  const item = z.looseObject(
    Object.fromEntries((row.newestFirst ?? []).map((field) => [field, z.union([z.number(), z.string()])])),
  );
  if (row.fold === "pagesByTime") return page(item);
  return row.items ? z.array(item) : z.looseObject({});
}

/** The answers checked more closely than their shape: what their folds add up, and the lists' items. */
const ANSWERS: Partial<Record<ReadName, z.ZodType>> = {
  equity: z.array(z.looseObject({ time, equity: z.string() })),
  fees: z.looseObject({ quote: z.string(), totalValue: z.string() }),
  pnl: z.array(z.looseObject({ symbol: z.string(), realized: z.string() })),
  pnlPeriods: z.array(z.looseObject({ period: z.string(), realized: z.string(), fees: z.string() })),
  performance: z.looseObject({
    from: time,
    to: time,
    netFlows: z.string(),
    netDeposits: z.array(z.looseObject({ time })),
  }),
  moneyWeighted: z.looseObject({
    from: time,
    to: time,
    annual: z.string().nullable(),
    period: z.string().nullable(),
    flows: z.array(z.looseObject({ time, value: z.string() })),
  }),
  assetPnl: z.array(z.looseObject({ asset: z.string(), quantity: z.string(), realized: z.string() })),
  realized: z.looseObject({
    byAsset: z.string(),
    byPair: z.string(),
    causes: z.array(z.looseObject({ cause: z.string(), realized: z.string().nullable() })),
  }),
  feeDays: z.looseObject({
    quote: z.string(),
    total: z.string(),
    items: z.array(z.looseObject({ day: z.string(), fees: z.string(), cumulative: z.string() })),
  }),
  volume: z.array(z.looseObject({ day: z.string(), symbol: z.string(), quoteVolume: z.string() })),
  journalTrips: page(z.looseObject({ symbol: z.string(), closeTime: time, realized: z.string() })),
  journal: z.looseObject({
    stats: z.looseObject({ count: z.number().int().nonnegative(), realized: z.string() }),
    byStrategy: z.array(z.looseObject({ strategy: z.string(), count: z.number().int() })),
    againstHolding: z.looseObject({ unpriced: z.array(z.string()) }).nullable(),
    againstBenchmark: z.looseObject({ asset: z.string(), unpriced: z.array(z.string()) }).nullable(),
  }),
  orders: page(ITEM_ANSWERS.order),
  fills: page(ITEM_ANSWERS.fill),
  transfers: page(ITEM_ANSWERS.transfer),
  ledger: page(ITEM_ANSWERS.ledger),
  openingPositions: z.array(ITEM_ANSWERS.opening),
  balances: z.array(ITEM_ANSWERS.balance),
  precisions: z.looseObject({ assets: z.record(z.string(), z.number()), symbols: z.record(z.string(), z.unknown()) }),
  alertRules: z.array(ITEM_ANSWERS.alertRule),
  alertDeliveries: z.array(ITEM_ANSWERS.alertDelivery),
};

type ReadSchemas = {
  readonly [K in ReadName]: (K extends keyof OwnRules ? OwnRules[K] : ByKinds<K>) & { readonly answer: z.ZodType };
};

/**
 * Each read's parameters (http: the route's, wire: over Redis), from its row's kinds or its own
 * rules, and the check of its answer (its own, or its shape).
 */
export const READ_SCHEMAS = Object.fromEntries(
  READ_NAMES.map((name) => {
    const row: ReadRow = READS[name];
    const own = (OWN_RULES as Partial<Record<ReadName, { http: z.ZodType; wire: z.ZodType }>>)[name];
    const ends = own ?? (row.fold === "pagesByTime" ? paged : optionals)(ofKinds(row.params));
    return [name, { ...ends, answer: ANSWERS[name] ?? answerShape(row) }];
  }),
) as unknown as ReadSchemas;

/** What a read is asked with, once its parameters are checked: the same on both ends of the wire. */
export type ReadQuery<K extends ReadName> = z.output<ReadSchemas[K]["wire"]>;

const taxMethod = z.enum(TAX_METHODS, { error: `must be ${TAX_METHODS.map((m) => `"${m}"`).join(" or ")}` });
/** Tax years the report is asked for. */
const TAX_YEARS = { min: 2000, max: 2200 } as const;
const taxLots = z.enum(TAX_LOTS, { error: `must be ${oneOf(TAX_LOTS)}` });
/** `currency=`: three letters, or USDT (taxReport.ts). */
const taxCurrencyHttp = text()
  .transform((code) => code.toUpperCase())
  .refine((code) => TAX_CURRENCY_PATTERN.test(code), {
    error: "must be a currency's three-letter code (EUR, GBP, USD...) or USDT",
  });

/** The range of a file for another tool (docs/exports.md): the whole history when neither is given. */
const TOOL_EXPORT = optionals({ from: TIME, to: TIME });

/**
 * Each export's parameters: `http` its route's; `wire` where it travels over Redis as it is (the
 * fills, the tax report and the files for other tools; the others travel as their list's pages).
 */
export const EXPORT_SCHEMAS = {
  fills: optionals(ofKinds(READS.fills.params)),
  /**
   * `closed` is the Order history tab (every order not open), `from`/`to` bound the creation time
   * (the tables' "Created" column); the orders' pages are read and filtered.
   */
  orders: {
    http: params({
      status: z.enum(["open", "closed", "all"], { error: 'must be "open", "closed" or "all"' }).default("all"),
      symbol: symbolParam.optional(),
      side: z.enum(["BUY", "SELL"], { error: 'must be "BUY" or "SELL"' }).optional(),
      from: timeParam.optional(),
      to: timeParam.optional(),
    }),
  },
  transfers: { http: optionals(ofKinds(READS.transfers.params)).http },
  ledger: { http: optionals(ofKinds(READS.ledger.params)).http },
  tax: {
    http: params({
      year: intParam(TAX_YEARS.min, TAX_YEARS.max),
      method: taxMethod.optional(),
      lots: taxLots.optional(),
      longTermDays: intParam(LONG_TERM_DAYS.min, LONG_TERM_DAYS.max).optional(),
      currency: taxCurrencyHttp.optional(),
    }),
    wire: z.strictObject({
      year: z.number().int().min(TAX_YEARS.min).max(TAX_YEARS.max),
      method: taxMethod.optional(),
      lots: taxLots.optional(),
      longTermDays: z.number().int().min(LONG_TERM_DAYS.min).max(LONG_TERM_DAYS.max).optional(),
      currency: z.string().regex(TAX_CURRENCY_PATTERN).optional(),
    }),
  },
  rotkiTrades: TOOL_EXPORT,
  rotkiEvents: TOOL_EXPORT,
  koinly: TOOL_EXPORT,
  coinTracking: TOOL_EXPORT,
  ghostfolio: TOOL_EXPORT,
} satisfies Record<ExportName, { http: z.ZodType; wire?: z.ZodType }>;

/** What an export is asked with, once its parameters are checked. */
export type ExportQuery<K extends ExportName> = z.output<(typeof EXPORT_SCHEMAS)[K]["http"]>;
