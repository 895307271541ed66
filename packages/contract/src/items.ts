/**
 * What each topic carries, as the gateway sends it and the dashboard reads it. Money and
 * quantities are decimal strings; times are ms since epoch.
 */
import type {
  FillTerms,
  KlineValues,
  OrderStatus,
  OrderTrigger,
  OrderType,
  RawValues,
  Side,
} from "@mexc-live/protocol";
import type { HistoryProgress } from "./history.js";
import type { CostMethodName, FeeDaysAnswer } from "./performance.js";
import type { MarketTopicKind } from "./topics.js";

/** Where a fill came from: the live stream, MEXC's REST (reconciliation, backfill), or an imported file. */
export type Source = "stream" | "rest" | "import";

export interface BalanceItem {
  readonly asset: string;
  readonly free: string;
  readonly locked: string;
  /** free + locked, in the quote currency; null when no price is known. */
  readonly value: string | null;
  /** Price of one unit in the quote currency; null when unknown. */
  readonly price: string | null;
  /** The asset's only market(s) against the quote have API trading disabled by MEXC. */
  readonly apiTradingDisabled: boolean;
}

export interface OrderItem {
  /** The account it belongs to: set in answers for all accounts together (no `?account=` with several). */
  readonly account?: string;

  readonly orderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly status: OrderStatus;
  /**
   * The limit price. A MARKET order has none: MEXC writes its protective limit here (about 5 %
   * beyond the market when placed, docs/mexc/undocumented.md#fills-and-keys item 11.28), or "0";
   * never a price it traded at (`avgPrice` is).
   */
  readonly price: string;
  readonly quantity: string;
  readonly executedQuantity: string;
  readonly cumulativeQuoteQuantity: string;
  readonly avgPrice: string;
  readonly time: number;
  readonly updateTime: number;
  /** MEXC has disabled API trading on this pair. */
  readonly apiTradingDisabled: boolean;
  /** Stop-limit orders (docs/mexc/undocumented.md#orders item 11.8): trigger price, direction (GTE: price rises to it, LTE: falls to it) and state. */
  readonly trigger?: OrderTrigger;
  /** Both legs of an OCO pair carry its id. */
  readonly ocoId?: string;
  /**
   * Why MEXC canceled it, as MEXC spells it: "stp_cancel" is self-trade prevention (the order would
   * have traded with the account's own, or with one of its strategy group's); another word passes
   * through. Only MEXC's REST answers say it: an order the live stream canceled has none until a
   * REST read of it (a reconciliation, the history) tells.
   */
  readonly cancelReason?: string;
  /** Where status or type says UNKNOWN: the value MEXC sent. */
  readonly rawValues?: RawValues;
}

/** A fill as the gateway sends it: its terms (protocol's FillTerms), its ids, its fee valued and its source. */
export interface FillItem extends FillTerms {
  /** The account it belongs to: set in answers for all accounts together (no `?account=` with several). */
  readonly account?: string;

  readonly tradeId: string;
  readonly orderId: string;
  /** The fee valued in the gateway's quote currency at fill time; null when no price was known. */
  readonly feeValue: string | null;
  readonly isMaker: boolean;
  readonly time: number;
  readonly source: Source;
}

export interface EquityPoint {
  /** The account it belongs to: set on the topic for all accounts together (`accounts.equity`). */
  readonly account?: string;
  /** Worked out from the history for a time the gateway was not running (balances walked back, prices traded then). */
  readonly estimated?: boolean;
  readonly time: number;
  /** Total value of all balances in the quote currency. */
  readonly equity: string;
  /** Value per asset in the quote currency (assets without a price are left out). */
  readonly byAsset: Readonly<Record<string, string>>;
  /**
   * The unrealized PnL of what is held, at the same moment and prices as `equity` (value minus
   * cost basis, by the gateway's cost-basis method; what GET /api/pnl/periods says of the period
   * ending now). null: something held has no price or no known cost. Absent: not measured with
   * this point (a stored point, the figures were being worked out, or past prices they value
   * something held with were still being fetched).
   */
  readonly unrealized?: string | null;
  /**
   * The figures version (FiguresVersion) this point moved the account's figures to, on the live
   * topics: a figures answer of this version or later holds it (its end equity is this point or a
   * newer one), so the dashboard shows an end equity beside this point only from such an answer.
   * Absent on stored points and from an older gateway.
   */
  readonly version?: number;
}

export interface PnlItem {
  /** The account it belongs to: set in answers for all accounts together (no `?account=` with several). */
  readonly account?: string;

  readonly symbol: string;
  /** Realized PnL in the pair's quote asset, average-cost method. */
  readonly realized: string;
  /** Unrealized PnL of the open position at the last price; null without a price. */
  readonly unrealized: string | null;
  /** Position size (base) and its average cost (quote per base). */
  readonly position: string;
  readonly averageCost: string;
  /** The cost-basis method these figures follow: average cost or first in, first out. */
  readonly method?: "avg" | "fifo";
  /** Fees of this symbol's fills, valued in the gateway's quote currency at fill time. */
  readonly fees?: string;
  /** The last price known for the symbol; null when none. */
  readonly lastPrice?: string | null;
  /**
   * Part of the position was held before the known history: its quantity and the cost it was
   * given, by the user or, when none was given, its market price when the history starts ("market_price").
   */
  readonly opening?: {
    readonly quantity: string;
    readonly costPrice: string | null;
    readonly source: "user" | "market_price";
  };
}

export interface FeeSummary {
  readonly quote: string;
  /** Cumulative fees per fee currency, in that currency. */
  readonly byCurrency: Readonly<Record<string, string>>;
  /** Cumulative fees per fee currency, valued in the quote currency at fill time. */
  readonly valueByCurrency: Readonly<Record<string, string>>;
  /** All fees valued in the quote currency at fill time. */
  readonly totalValue: string;
}

export interface VolumeItem {
  /** UTC day, YYYY-MM-DD. */
  readonly day: string;
  readonly symbol: string;
  /** Quote volume in the pair's quote asset. */
  readonly quoteVolume: string;
  /** Quote volume valued in the gateway's quote currency. */
  readonly value: string | null;
  readonly fills: number;
}

export interface TickerItem {
  readonly symbol: string;
  readonly last: string;
  readonly bidPrice: string;
  readonly bidQuantity: string;
  readonly askPrice: string;
  readonly askQuantity: string;
}

export interface TradeTick {
  readonly symbol: string;
  readonly price: string;
  readonly quantity: string;
  readonly side: Side;
  readonly time: number;
}

export interface DepthView {
  readonly symbol: string;
  readonly version: string;
  /** Top levels, best first: [price, quantity]. */
  readonly bids: readonly (readonly [string, string])[];
  readonly asks: readonly (readonly [string, string])[];
  readonly resyncs: number;
}

/** A kline as the market topics carry it: its symbol and values, without the quote amount. */
export interface KlineItem extends Omit<KlineValues, "amount"> {
  readonly symbol: string;
}

/**
 * Where the account's link to MEXC stands. `refused`: MEXC refuses the API key (wrong secret,
 * expired or revoked key, IP not on the key's whitelist, missing permission): nothing comes until
 * the key is fixed, `upstream.reason` says what and what to do. `maintenance`: MEXC answers that
 * it is under maintenance; it comes back by itself.
 */
export type UpstreamState = "connecting" | "live" | "reconnecting" | "stale" | "down" | "refused" | "maintenance";

/** What a refusal or an outage means for the user (the header's words follow it). */
export type UpstreamReasonKind =
  | "bad_signature"
  | "invalid_key"
  | "ip_not_allowed"
  | "no_permission"
  | "account_restricted"
  | "maintenance"
  | "blocked";

/**
 * A maintenance MEXC announced (GET /api/v3/announcements, read by the gateway every 10 minutes
 * for all its accounts; docs/mexc/rest.md#get-apiv3announcements-public): the notice's title and
 * link, when MEXC posted it, and the window its title gives. The words are the page's: upcoming
 * before `startsAt`, ongoing from it; without a window, "announced". The gateway drops it once
 * the window is over. `upstream.state` "maintenance" is MEXC answering that it is under
 * maintenance now; both are shown as one maintenance (the header's words).
 */
export interface MaintenanceNotice {
  /** MEXC's title, at most 300 characters. */
  readonly title: string;
  /** The notice on MEXC's site (an https:// link), or null. */
  readonly url: string | null;
  /** ms: when MEXC first posted it. */
  readonly postedAt: number;
  /** ms: when it starts, as the title says; null when the title gives no time with its zone. */
  readonly startsAt: number | null;
  /** ms: when it ends, as the title says; null when it gives no end. */
  readonly endsAt: number | null;
}

/** Why the account is not live, in words: MEXC's own code and message, and what to do. */
export interface UpstreamReason {
  readonly kind: UpstreamReasonKind;
  /** MEXC's error code (700002, 11444...), or the HTTP status when the answer had none. */
  readonly code: number;
  /** MEXC's message, short (at most 200 characters), never a secret. */
  readonly message: string;
  /** What the user should do, one sentence. */
  readonly advice: string;
  /** ms: when it was first seen (it stays while the same reason repeats). */
  readonly since: number;
}

/**
 * The version of one account's figures (performance, PnL, PnL by period, fees, the summary's):
 * a counter the gateway moves whenever something they read changes (a fill, a balance, an
 * equity point, a rebuild, an import). Each figures answer carries the version it was computed
 * at (FIGURES_VERSION_HEADER, http.ts); panels show answers of one version together.
 */
export interface FiguresVersion {
  readonly account: string;
  /** Starts at 0 when the gateway starts; only ever increases. */
  readonly version: number;
  /** When it last moved, ms since the epoch. */
  readonly at: number;
  /** The answers that moved with it, so a dashboard need not read them again; absent from older gateways. */
  readonly answers?: PushedFigures;
}

/** The reads (contract api/reads.ts rows) whose answers the `figures` topic carries. */
/**
 * Not `volume`: its answer is the whole history's days by pair (735 KB of JSON, 1.2 s to work out,
 * for the bench's 100,000 fills), over any push's bound and too slow for every push; a dashboard
 * reads it over HTTP when the figures move (a difference of days would carry it: not built). Not
 * `assetPnl` either: the dashboard shows it beside PnL by period only at one version (issue 40),
 * and reads the two together (web api/readSchedule.ts); pushed alone it was of another version
 * than the periods' most of the time ("updating", figuresOneMoment.e2e).
 */
export const PUSHED_READS = ["fees", "feeDays", "pnl"] as const;
export type PushedReadName = (typeof PUSHED_READS)[number];

/**
 * The figures of one account a dashboard shows beside its fills, at the gateway's defaults, as
 * the `figures` topic carries them (the walk of a fill, ARCHITECTURE.md): the answers that changed
 * with this version, and for every read the version its answer last changed at, so a dashboard
 * that holds an older answer and was not sent the new one (too large, or conflated away behind a
 * later push) reads that one over HTTP, and only that one. A dashboard asking another query
 * (another cost basis, days in another zone) reads over HTTP as before.
 */
export interface PushedFigures {
  /** The cost basis of `pnl` (the gateway's --cost-basis). */
  readonly method: CostMethodName;
  /** The zone `feeDays` groups days in. */
  readonly tz: "UTC";
  /** Per read, the figures version its answer last changed at. */
  readonly changedAt: { readonly [K in PushedReadName]?: number };
  /** The answers that changed at this version; one over the gateway's size bound is left out (read it over HTTP). */
  readonly answers: {
    readonly fees?: FeeSummary;
    readonly feeDays?: FeeDaysAnswer;
    readonly pnl?: readonly PnlItem[];
  };
}

export interface Health {
  /** The account it belongs to: set on the topic for all accounts together (`accounts.health`). */
  readonly account?: string;
  readonly mode: "demo" | "live";
  readonly quote: string;
  readonly upstream: {
    readonly state: UpstreamState;
    /** ms since the last event from MEXC; null before the first. */
    readonly lastEventAgeMs: number | null;
    /** ms since the current listen key was created; null without one. */
    readonly listenKeyAgeMs: number | null;
    readonly reconnects: number;
    readonly gaps: number;
    readonly reconciliations: number;
    /** Server time minus local time, ms. */
    readonly clockSkewMs: number | null;
    /** Why the account is refused or waiting on MEXC; null when nothing stands in the way. Absent from older gateways. */
    readonly reason?: UpstreamReason | null;
    /** A maintenance MEXC announced, upcoming or ongoing; null when none. Absent from older gateways. */
    readonly maintenance?: MaintenanceNotice | null;
    /**
     * Stream events held back during a reconciliation with REST (issue 31; docs/accounts.md,
     * "Events during a reconciliation"): how many, of which kind (only balance pushes wait, for
     * the reconciliation's account read; fills and orders go on at once), why (which
     * reconciliation: "start", "reconnect", "keyReplaced"...) and for how long, ms. null when
     * nothing waits; absent from older gateways (which held every kind: no `kind`).
     */
    readonly waiting?: {
      readonly events: number;
      readonly kind?: "balance";
      readonly reason: string;
      readonly forMs: number;
    } | null;
    /** A reconciliation with REST running or due: why and for how long, ms; null when none. Absent from older gateways. */
    readonly reconciling?: { readonly reason: string; readonly forMs: number } | null;
  };
  /** The backfill of MEXC's history; absent before it is planned. */
  readonly history?: HistoryProgress;
  /**
   * What the account's figures are still taking in, in words ("valuing 120 fills at the prices of
   * their time", "working out PnL by asset again"): empty when they hold everything stored. Said
   * once it has gone on for a couple of seconds (a live fill's few milliseconds are not news).
   * The figures on screen move until it is empty. Absent from older gateways and web instances.
   */
  readonly figures?: {
    readonly updating: readonly string[];
    /**
     * The pairs whose fills are left out of the figures by asset (PnL by asset, performance, the
     * journal's comparisons) and the tax report because nothing says which of their parts is the
     * base and which the quote (not in MEXC's symbol list, never remembered from it nor named by
     * an import, no known quote at their end): each with its fills and the reason. Empty when
     * every fill is placed; absent from older gateways and web instances.
     */
    readonly unplaced?: readonly UnplacedPair[];
  };
  /**
   * What a read told of the account's API key's permissions (docs/mexc/undocumented.md#fills-and-keys
   * item 11.32): a sub-account's key, read with its main account's key; absent before the first
   * check, and on an instance that does not check (a web instance).
   */
  readonly key?: KeyPermissionsHealth;
  /**
   * Who may reach the gateway, in words (GET /api/health only, not the health topic), e.g.
   * "listening on 0.0.0.0:8787, beyond this machine; every client needs the token". Absent from older gateways.
   */
  readonly access?: string;
  /**
   * What the market topics open now cannot show, in words (the market panel says it over the part
   * it concerns): the same for every account of a gateway. Said once it has gone on for a couple
   * of seconds; empty when every open market topic is streaming. Absent from older gateways and
   * from web instances.
   */
  readonly market?: readonly MarketNote[];
  /**
   * The European Central Bank's euro reference rates the tax report converts USD with (issue 56):
   * the same for every account of a gateway. Absent from older gateways and from web instances.
   */
  readonly rates?: ExchangeRatesHealth;
}

/** A pair whose fills the figures by asset leave out (Health.figures.unplaced, the tax file's end). */
export interface UnplacedPair {
  readonly symbol: string;
  /** Its fills left out. */
  readonly fills: number;
  /** Why it cannot be placed, in words. */
  readonly reason: string;
}

/** The ECB's reference rates a gateway holds (Health.rates). */
export interface ExchangeRatesHealth {
  /** The newest day stored (YYYY-MM-DD); null before any import or fetch. */
  readonly newestDay: string | null;
  /** The daily fetch from the ECB (live mode, when turned on); null when off. */
  readonly fetch: {
    /** When the last fetch succeeded (ms); null before one has. */
    readonly lastOkAt: number | null;
    /** The last fetch's failure, in our words, with the host asked; null when it succeeded. */
    readonly failure: { readonly host: string; readonly cause: string; readonly at: number } | null;
  } | null;
}

/**
 * Why one part of a symbol's market is not as MEXC has it (Health.market):
 *   streamDown          its stream to MEXC is connecting or reconnecting: what is shown stopped
 *   streamRefused       MEXC refused its stream's subscription
 *   pastCandlesUnread   the chart's past candles were not read: it starts from the next one streamed
 *   latestTradesUnread  the trades list's latest trades (or those missed in a gap) were not read
 *   bookUnsynced        the order book's snapshot was not read: the book waits for it
 *   notListed           MEXC does not list the symbol: nothing is opened for it
 *   tooManyTopics       the gateway has as many market topics open as it may: this one waits
 */
export type MarketNoteKind =
  | "streamDown"
  | "streamRefused"
  | "pastCandlesUnread"
  | "latestTradesUnread"
  | "bookUnsynced"
  | "notListed"
  | "tooManyTopics";

export interface MarketNote {
  readonly symbol: string;
  /** The market topic's part it concerns. */
  readonly part: MarketTopicKind;
  readonly kind: MarketNoteKind;
  /** What is wrong and what happens next, one or two sentences; never a secret nor MEXC's raw answer. */
  readonly words: string;
  /** ms: when it began. */
  readonly since: number;
}

/** What mexc-live knows of an API key's permissions (Health.key). */
export interface KeyPermissionsHealth {
  /**
   * MEXC's names of the key's permissions ("SPOT_ACCOUNT_READ", "SPOT_DEAL_WRITE"), as its main
   * account's key read them; null when no read tells: MEXC has none for a main account's own key,
   * and reads a sub-account's keys only with its main account's key.
   */
  readonly permissions: readonly string[] | null;
  /** The key can do more than read (trade, move funds out, change the account): a monitor needs read only. */
  readonly writes: boolean;
  /** In words: what the key can do beyond reading and what to do about it, or why nothing can be known. */
  readonly note: string;
  /** When it was last read (ms); null when nothing could be read. */
  readonly checkedAt: number | null;
}

/** One account a gateway watches (GET /api/accounts). */
export interface AccountItem {
  readonly name: string;
  readonly mode: "demo" | "live";
  /** Routes without `?account=` answer for this one; its topics are the plain names. */
  readonly default: boolean;
  /** What its account topics' names start with: "" for the default account, `account.NAME.` for another. */
  readonly topicPrefix: string;
  readonly health: Health;
  /** Its latest equity point (total and by asset, in the quote currency); null before the first. */
  readonly equity: EquityPoint | null;
}

/** Accounts' equity added up (sumEquityPoints): the total, and by asset. */
export interface AccountsTotal {
  /** null while no account has an equity point yet (not known, not 0). */
  readonly equity: string | null;
  readonly byAsset: Readonly<Record<string, string>>;
}

/** GET /api/accounts: every account, and all of them together. */
export interface AccountsAnswer {
  readonly items: readonly AccountItem[];
  /** The accounts' latest equity points added up: total equity and allocation by asset across accounts. */
  readonly total: AccountsTotal;
}
