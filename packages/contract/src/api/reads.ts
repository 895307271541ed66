/**
 * The API's reads, one row each: where it is served, what it answers, and how the answers of
 * several accounts fold into one (a read without `?account=` on a gateway with several). The
 * figures (from the account's read models), the lists of its history (from its store), its alerts,
 * the market's facts and the instance's own (its health, its accounts, its metrics) alike: every
 * GET of the gateway but the CSV downloads (EXPORTS, below), the live topics and the dashboard's
 * files; the writes and the login in API_PATHS (api/paths.ts). The
 * gateway registers its routes, asks its collector over Redis, answers from memory and folds
 * accounts by this table; the dashboard's client builds its URLs from it. Each row names its
 * parameters by kind (ParamKind); api/params.ts turns the kinds into checks (zod), apart, so the
 * dashboard's bundle holds no zod, and holds the few rules a read has of its own.
 *
 * A new figure is a row here (and its answer's type in ReadAnswers) and its answer's file in the
 * gateway's figures/, which declares its read (figures/figureRead.ts); api/params.ts only for a rule of its own,
 * and http/queries/accountFolds.ts only for a new kind of fold: the compiler asks for each
 * (docs/development.md, "A new figure").
 */

import type { AlertDeliveryItem, AlertRuleItem } from "../alerts.js";
import type { LedgerItem, OpeningPosition, TransferItem } from "../history.js";
import type { DisplayPrecisions, Page } from "../http.js";
import type {
  AccountsAnswer,
  BalanceItem,
  EquityPoint,
  FeeSummary,
  FillItem,
  Health,
  OrderItem,
  PnlItem,
  VolumeItem,
} from "../items.js";
import type { HoldingTimeItem, JournalSummary, JournalTrip } from "../journal.js";
import type {
  AssetPnlItem,
  FeeDaysAnswer,
  MoneyWeightedAnswer,
  PerformanceSummary,
  PnlPeriodItem,
} from "../performance.js";
import type { RealizedCauses } from "../realized.js";

/**
 * How the answers of several accounts become one:
 *   sumByTime       at each time, every account's latest point at or before it, summed (equity)
 *   sumByCurrency   per currency and in total, summed (fees)
 *   sumByDay        per day, fees and cumulative summed (the fee series)
 *   rowsWithAccount each account's rows, each with its `account` (PnL by pair)
 *   sumByAsset      per asset, quantities, costs, PnL and values summed (PnL by asset)
 *   sumByPeriod     per period, realized, unrealized and fees summed (PnL by period)
 *   sumCauses       the realized PnL by asset, the pairs' total and each cause, summed (realized)
 *   sumBridges      every account's bridge over the range, part by part; the TWR of the sum (performance)
 *   irrOfAllFlows   the money-weighted return of the sum: the start and end equity summed, every
 *                   account's flows together (an account whose range starts later brings its
 *                   start equity in as a flow then) (the money-weighted return)
 *   sumHeld         per asset, free, locked and value summed; a value unknown in one account is
 *                   unknown in the sum (balances)
 *   latestWithAccount every account's rows, each with its `account`, newest first by the row's
 *                   `newestFirst` fields, at most the query's `limit` (the alerts' delivery log)
 *   defaultAccount  the default account's answer (volume, opening positions, precisions)
 *   pagesByTime     every account's page merged newest first by the row's `newestFirst` fields,
 *                   each item with its `account`; the cursor holds each account's own, `total` is
 *                   every account's summed (the journal's trips, fills, orders, transfers, ledger)
 *   journalOfAllTrips  the statistics worked out again over every account's trips merged by close
 *                   time (never summed: a streak or a best trip is not a sum), the drawdown of the
 *                   summed PnL curve, against holding and against a benchmark summed (journal)
 */
export type AccountsFold =
  | "sumByTime"
  | "sumByCurrency"
  | "sumByDay"
  | "rowsWithAccount"
  | "sumByAsset"
  | "sumByPeriod"
  | "sumCauses"
  | "sumBridges"
  | "irrOfAllFlows"
  | "sumHeld"
  | "latestWithAccount"
  | "defaultAccount"
  | "pagesByTime"
  | "journalOfAllTrips";

/**
 * What a parameter takes, checked the same at both ends (api/params.ts; a refusal starts with the
 * parameter's name):
 *   time        ms since the epoch or an ISO date/time (2025-01-31, 2025-01-31T12:00:00Z)
 *   dayOrTime   a time, but a date alone is midnight in the read's `tz`, not in UTC
 *   zone        "UTC" or an IANA zone name: the read works in its days (the dashboard names its own)
 *   method      a cost-basis method (COST_METHODS)
 *   symbol      a pair (BTCUSDT), in any case
 *   asset       an asset (USDT), in any case
 *   step        a duration from 1 s to 366 d (60000, 30s, 5m, 1h, 1d)
 *   strategies  comma-separated prefixes of clientOrderId (grid-,dca-)
 *   transferType, ledgerKind  one of the wallet's kinds of transfer, of ledger row
 *   own         the read's own rule, in api/params.ts (a default, a bound against another parameter)
 */
export type ParamKind =
  | "time"
  | "dayOrTime"
  | "zone"
  | "method"
  | "symbol"
  | "asset"
  | "step"
  | "strategies"
  | "transferType"
  | "ledgerKind"
  | "own";

export interface ReadRow {
  /** Where it is served (GET). */
  readonly path: string;
  /** Parameters that pick this read among those of one path (`by=asset` of /api/pnl). */
  readonly select?: Readonly<Record<string, string>>;
  /** The answer is `{items: ...}` around the read's list, not the read's answer itself. */
  readonly items: boolean;
  /** The answer carries the figures version header (FIGURES_VERSION_HEADER, http.ts). */
  readonly figures: boolean;
  /**
   * Its parameters by kind: no other is taken (a typo is refused). A paged read (fold
   * `pagesByTime`) takes `limit` and `cursor` too. One of kind `zone` makes the read zoned (isZoned).
   */
  readonly params: Readonly<Record<string, ParamKind>>;
  /**
   * What it answers from: the account's read models (`figures`: each row's figure read, figures/figureRead.ts of the
   * gateway), its store (`history`: the store's lists, ids masked as configured, and the
   * balances the store holds), its alert service (`alerts`: its rules and its delivery log, on
   * its store's tables, channel URLs masked) or the market's facts, the same for every account
   * (`market`: the places of MEXC's pairs, from the gateway's one exchangeInfo), or the instance
   * asked itself (`instance`: its health, the accounts it serves, its Prometheus metrics; a web
   * instance answers them from what it mirrors, never from its collector).
   */
  readonly of: "figures" | "history" | "alerts" | "market" | "instance";
  /** How several accounts' answers become one; `instance`: the instance asked answers, never folded nor asked over Redis. */
  readonly fold: AccountsFold | "instance";
  /** Folds pagesByTime and latestWithAccount: the item's fields a list is newest first by (a number first, then text). */
  readonly newestFirst?: readonly string[];
}

/** A figure's row: from the read models. */
const FIGURE = { of: "figures", items: false, figures: true } as const;
/** A list of the history's: from the store, paged unless it says `items`, no figures version. */
const HISTORY = { of: "history", items: false, figures: false } as const;
/** The account's alerts: its alert service's lists (the collector's, where its database is). */
const ALERTS = { of: "alerts", items: true, figures: false } as const;
/** A fact of the market's, the same for every account: no figures version, no parameter. */
const MARKET = { of: "market", items: false, figures: false, params: {} } as const;
/** The instance's own: answered where it is asked (http/routes/instance.ts of the gateway); no parameter (but health's `account`, read apart). */
const INSTANCE = { of: "instance", items: false, figures: false, fold: "instance", params: {} } as const;

const NONE = {} as const;
const RANGE = { from: "time", to: "time" } as const;
/** The journal's range (its reads and holding times): a date alone is midnight in `tz`. */
const DAYS = { from: "dayOrTime", to: "dayOrTime", tz: "zone" } as const;
const JOURNAL = { ...DAYS, method: "method", strategyPrefix: "strategies" } as const;

export const READS = {
  equity: {
    ...FIGURE,
    path: "/api/equity",
    items: true,
    figures: false,
    fold: "sumByTime",
    params: { ...RANGE, step: "step" },
  },
  fees: { ...FIGURE, path: "/api/fees", fold: "sumByCurrency", params: NONE },
  feeDays: { ...FIGURE, path: "/api/fees/days", fold: "sumByDay", params: { ...RANGE, tz: "zone" } },
  pnl: {
    ...FIGURE,
    path: "/api/pnl",
    items: true,
    fold: "rowsWithAccount",
    params: { symbol: "symbol", method: "method", by: "own" },
  },
  assetPnl: {
    ...FIGURE,
    path: "/api/pnl",
    select: { by: "asset" },
    items: true,
    fold: "sumByAsset",
    params: { method: "method" },
  },
  pnlPeriods: {
    ...FIGURE,
    path: "/api/pnl/periods",
    items: true,
    fold: "sumByPeriod",
    params: { period: "own", ...RANGE, method: "method", tz: "zone" },
  },
  realized: { ...FIGURE, path: "/api/pnl/realized", fold: "sumCauses", params: { method: "method", ...RANGE } },
  performance: { ...FIGURE, path: "/api/performance", fold: "sumBridges", params: { ...RANGE, method: "method" } },
  moneyWeighted: { ...FIGURE, path: "/api/performance/money-weighted", fold: "irrOfAllFlows", params: RANGE },
  volume: {
    ...FIGURE,
    path: "/api/volume",
    items: true,
    figures: false,
    fold: "defaultAccount",
    params: { symbol: "symbol", ...RANGE, tz: "zone" },
  },
  journalTrips: {
    ...FIGURE,
    path: "/api/journal/trips",
    fold: "pagesByTime",
    newestFirst: ["closeTime"],
    params: { ...JOURNAL, symbol: "symbol" },
  },
  journal: { ...FIGURE, path: "/api/journal", fold: "journalOfAllTrips", params: { ...JOURNAL, benchmark: "asset" } },
  /** The journal's range but its method and strategies (the days held are neither's), and a pair. */
  holdingTimes: {
    ...FIGURE,
    path: "/api/journal/holding-times",
    items: true,
    fold: "rowsWithAccount",
    params: { ...DAYS, symbol: "symbol" },
  },
  orders: {
    ...HISTORY,
    path: "/api/orders",
    fold: "pagesByTime",
    newestFirst: ["updateTime", "orderId"],
    params: { symbol: "symbol", status: "own" },
  },
  fills: {
    ...HISTORY,
    path: "/api/fills",
    fold: "pagesByTime",
    newestFirst: ["time", "tradeId"],
    params: { symbol: "symbol", ...RANGE },
  },
  transfers: {
    ...HISTORY,
    path: "/api/transfers",
    fold: "pagesByTime",
    newestFirst: ["time", "id"],
    params: { type: "transferType", asset: "asset", ...RANGE },
  },
  ledger: {
    ...HISTORY,
    path: "/api/ledger",
    fold: "pagesByTime",
    newestFirst: ["time", "id"],
    params: { asset: "asset", type: "ledgerKind", ...RANGE },
  },
  openingPositions: { ...HISTORY, path: "/api/opening-positions", items: true, fold: "defaultAccount", params: NONE },
  balances: { ...HISTORY, path: "/api/balances", items: true, fold: "sumHeld", params: NONE },
  precisions: { ...MARKET, path: "/api/precisions", fold: "defaultAccount" },
  alertRules: { ...ALERTS, path: "/api/alerts/rules", fold: "rowsWithAccount", params: NONE },
  /** The latest deliveries: `limit` of its own (ALERT_LOG_PAGE unless asked, at most ALERT_LOG_MAX). */
  alertDeliveries: {
    ...ALERTS,
    path: "/api/alerts/deliveries",
    fold: "latestWithAccount",
    newestFirst: ["createdAt"],
    params: { limit: "own" },
  },
  /** Demo or live, and the MEXC connection's state: the default account's, or `?account=NAME`'s. */
  health: { ...INSTANCE, path: "/api/health" },
  /** Every account served, with its health and latest equity, and all of them together (read beside the figures). */
  accounts: { ...INSTANCE, path: "/api/accounts", figures: true },
  /** The instance's Prometheus metrics, as text. */
  metrics: { ...INSTANCE, path: "/metrics" },
} as const satisfies Record<string, ReadRow>;

export type ReadName = keyof typeof READS;
/** The instance's own reads (health, accounts, metrics): never an account's, never over Redis. */
export type InstanceReadName = { [K in ReadName]: (typeof READS)[K]["of"] extends "instance" ? K : never }[ReadName];
/** The reads of one account (or of all accounts folded): every read but the instance's own. */
export type AccountReadName = Exclude<ReadName, InstanceReadName>;
/** The reads of the read models (each a figure read of the gateway's, figures/figureRead.ts); the others read the stored history. */
export type FigureReadName = { [K in ReadName]: (typeof READS)[K]["of"] extends "figures" ? K : never }[ReadName];
/** The reads answered in pages (`{items, nextCursor, total}`, `cursor=` and `limit=`). */
export type PagedReadName = { [K in ReadName]: (typeof READS)[K]["fold"] extends "pagesByTime" ? K : never }[ReadName];

/** The parameters a read takes, by name: its row's, and a list's page (`limit`, `cursor`). */
export type ReadParamName<K extends ReadName> =
  | keyof (typeof READS)[K]["params"]
  | ((typeof READS)[K]["fold"] extends "pagesByTime" ? "limit" | "cursor" : never);

/** What each read answers (inside `{items}` where the row says `items`). */
export interface ReadAnswers {
  equity: readonly EquityPoint[];
  fees: FeeSummary;
  feeDays: FeeDaysAnswer;
  pnl: readonly PnlItem[];
  assetPnl: readonly AssetPnlItem[];
  pnlPeriods: readonly PnlPeriodItem[];
  /** Why the realized PnL by asset and the pairs' total differ, by cause (realized.ts). */
  realized: RealizedCauses;
  performance: PerformanceSummary;
  /** The money-weighted return (IRR) over the range, beside performance's time-weighted one. */
  moneyWeighted: MoneyWeightedAnswer;
  volume: readonly VolumeItem[];
  /** A page of round trips, newest close first (its own `{items, nextCursor, total}`). */
  journalTrips: Page<JournalTrip>;
  journal: JournalSummary;
  /** Per pair, how long its round trips closed in the range held what they sold. */
  holdingTimes: readonly HoldingTimeItem[];
  /** Newest first, as every page. */
  orders: Page<OrderItem>;
  fills: Page<FillItem>;
  /** Deposits, withdrawals and transfers. */
  transfers: Page<TransferItem>;
  /** Every balance change, what it was and what caused it. */
  ledger: Page<LedgerItem>;
  /** Assets held before the known history, with their cost (given or first-known). */
  openingPositions: readonly OpeningPosition[];
  /** Every asset held, valued in the quote currency: the balances topic's state, by asset. */
  balances: readonly BalanceItem[];
  /** The places each pair's prices and quantities and each asset's amounts are shown in (empty maps until exchangeInfo is read). */
  precisions: DisplayPrecisions;
  /** The alert rules, the config file's first, channel URLs masked. */
  alertRules: readonly AlertRuleItem[];
  /** The latest deliveries of alerts, newest first, at most `limit`. */
  alertDeliveries: readonly AlertDeliveryItem[];
  health: Health;
  accounts: AccountsAnswer;
  /** Prometheus' text format. */
  metrics: string;
}

/** The HTTP answer of a read: its answer, or `{items}` around it. */
export type HttpAnswer<K extends ReadName> = (typeof READS)[K]["items"] extends true
  ? { readonly items: ReadAnswers[K] }
  : ReadAnswers[K];

/**
 * Reads days in `tz=` (groups by them, or takes a date alone as midnight there): it takes a
 * parameter of kind `zone`. The dashboard names its zone on every read of it.
 */
export function isZoned(row: ReadRow): boolean {
  return Object.values(row.params).includes("zone");
}

/** The names of the reads, in the table's order. */
export const READ_NAMES = Object.keys(READS) as readonly ReadName[];
/** The reads of an account, in the table's order. */
export const ACCOUNT_READ_NAMES = READ_NAMES.filter(
  (name): name is AccountReadName => READS[name].of !== "instance",
) as readonly AccountReadName[];
/** The instance's own reads. */
export const INSTANCE_READ_NAMES = READ_NAMES.filter(
  (name): name is InstanceReadName => READS[name].of === "instance",
) as readonly InstanceReadName[];

/**
 * The downloads, one row each: where it is served. The orders, transfers and ledger are their
 * list's pages written out, newest first (folded for all accounts as that read is); the fills and
 * the tax report a stream of the default account's, oldest first; the files for other tools
 * (docs/exports.md: rotki's two, Koinly's, CoinTracking's CSV and Ghostfolio's JSON) the named
 * account's whole history oldest first, the default account's when none is named (a tool imports
 * one account's file). Parameters: EXPORT_SCHEMAS of api/params.ts; how each is written: the
 * gateway's http/routes/exports.ts.
 */
export interface ExportRow {
  readonly path: string;
}

export const EXPORTS = {
  fills: { path: "/api/export/fills.csv" },
  orders: { path: "/api/export/orders.csv" },
  transfers: { path: "/api/export/transfers.csv" },
  ledger: { path: "/api/export/ledger.csv" },
  tax: { path: "/api/export/tax.csv" },
  rotkiTrades: { path: "/api/export/rotki-trades.csv" },
  rotkiEvents: { path: "/api/export/rotki-events.csv" },
  koinly: { path: "/api/export/koinly.csv" },
  coinTracking: { path: "/api/export/cointracking.csv" },
  ghostfolio: { path: "/api/export/ghostfolio.json" },
} as const satisfies Record<string, ExportRow>;

export type ExportName = keyof typeof EXPORTS;
