/**
 * The contracts between the simulator's parts, so each can be built and tested alone:
 *   engine (accounts, books, matching, wallet) -> emits ExchangeEvent
 *   market (makers, flow, klines, tickers, demo trader) drives the engine
 *   ws     (sessions, channel publisher, listen-key sockets) reads engine + market
 *   rest   (fastify routes, signing, rate limits, admin) calls engine + market + listen keys
 * Decimals are strings everywhere in these types (big.js inside the engine).
 */
import type {
  AccountChangeType,
  CancelReason,
  KlineInterval,
  KlineValues,
  KnownOrderStatus,
  KnownOrderType,
  MiniTickerItem,
  Side,
  StpMode,
  TriggerStateCode,
  TriggerTypeCode,
} from "@mexc-live/protocol";
import type {
  DepositInput,
  InternalTransferInput,
  SimConversion,
  SimDeposit,
  SimInternalTransfer,
  SimTransfer,
  SimWithdrawal,
  TransferInput,
  WithdrawInput,
} from "./walletTypes.js";

// ---------------------------------------------------------------------------------- symbols

export interface SymbolConfig {
  /** Upper-case pair, e.g. BTCUSDT. */
  readonly symbol: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  /** 32-hex id MEXC puts in `symbolId` on some pushes. */
  readonly symbolId: string;
  /** Decimal places of price (tick = 10^-pricePrecision). */
  readonly pricePrecision: number;
  /** Decimal places of quantity (step = 10^-quantityPrecision). */
  readonly quantityPrecision: number;
  /** Minimum order quantity in base (exchangeInfo `baseSizePrecision`). */
  readonly minQuantity: string;
  /** Minimum order amount in quote (exchangeInfo `quoteAmountPrecision`). */
  readonly minNotional: string;
  readonly makerFee: string;
  readonly takerFee: string;
  /** Starting mid price of the random walk. */
  readonly initialPrice: string;
  /**
   * MEXC announces pairs whose API trading it disables (seed 000): listed in exchangeInfo,
   * trading in the market, API orders rejected with 30020.
   */
  readonly apiTradingDisabled?: boolean;
  /**
   * In MEXC's "Assessment Zone" (docs/mexc/undocumented.md#fills-and-keys item 11.29): hidden from unsigned public
   * answers and streams while the behaviour `assessmentZone` is on; signed requests see it.
   */
  readonly assessmentZone?: boolean;
}

// ---------------------------------------------------------------------------------- orders

export type SimOrderType = Exclude<KnownOrderType, "STOP_LIMIT">;

export interface PlaceOrderInput {
  readonly account: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: SimOrderType;
  readonly price?: string;
  readonly quantity?: string;
  /** MARKET only: spend (BUY) or receive (SELL) this much quote. */
  readonly quoteOrderQty?: string;
  readonly clientOrderId?: string;
  /**
   * Self-trade prevention against the account's own orders and its strategy group's (API orders
   * only, engine/selfTradePrevention.ts); "" or absent: none.
   */
  readonly stpMode?: StpMode;
  /** Set by the engine's internal callers (makers, flow); API orders go through REST checks. */
  readonly source?: "api" | "internal";
}

/** A stop-limit order's trigger (orders push fields 18-20, docs/mexc/undocumented.md#orders item 11.8; stopOrders.ts). */
export interface SimTrigger {
  /** Trigger price (decimal string). */
  readonly price: string;
  /** 1: last price rises to or above it, 2: falls to or below it (protocol's TRIGGER_TYPE_CODE). */
  readonly type: TriggerTypeCode;
  /** 1 untriggered, 2 canceled, 3 executed (triggered), 4 invalid, 5 execution failed (protocol's TRIGGER_STATE_CODE). */
  state: TriggerStateCode;
}

/** REST spellings (docs/mexc/rest.md#get-apiv3openorders-signed-weight-3-spot_deal_read): this object is what GET /api/v3/order returns, plus `account`. */
export interface SimOrder {
  readonly account: string;
  readonly symbol: string;
  /** e.g. C02__505979017439002624115 */
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly side: Side;
  /** An API type, or STOP_LIMIT for orders placed through the web (stopOrders.ts). */
  readonly type: SimOrderType | "STOP_LIMIT";
  status: KnownOrderStatus;
  readonly price: string;
  readonly origQty: string;
  executedQty: string;
  cummulativeQuoteQty: string;
  readonly origQuoteOrderQty: string;
  readonly time: number;
  updateTime: number;
  /** Stop-limit orders only. */
  trigger?: SimTrigger;
  /** Both legs of an OCO pair carry the pair's id (orders push field 21). */
  readonly ocoId?: string;
  /** As it was sent ("" none); REST answers echo it (engine/selfTradePrevention.ts). */
  readonly stpMode: StpMode;
  /** "stp_cancel" once self-trade prevention canceled it (REST answers only: the push has no field for it). */
  cancelReason?: CancelReason;
}

/** A stop-limit order as MEXC's web and app place it (there is no Spot V3 API for it, docs/mexc/undocumented.md#orders item 11.8). */
export interface PlaceStopOrderInput {
  readonly account: string;
  readonly symbol: string;
  readonly side: Side;
  /** Limit price once triggered, and quantity (decimal strings). */
  readonly price: string;
  readonly quantity: string;
  readonly triggerPrice: string;
  readonly clientOrderId?: string;
}

/** An OCO pair: a limit order (take profit) and a stop-limit order; one working cancels the other. */
export interface PlaceOcoOrderInput {
  readonly account: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: string;
  /** The limit leg's price. */
  readonly price: string;
  /** The stop-limit leg's trigger and limit price. */
  readonly triggerPrice: string;
  readonly stopLimitPrice: string;
}

/** One side of one match, as myTrades shows it (docs/mexc/rest.md#get-apiv3mytrades-signed-weight-10-spot_account_read), plus `account`. */
export interface SimTrade {
  readonly account: string;
  readonly symbol: string;
  /** e.g. 505979017439002624X1 */
  readonly id: string;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly price: string;
  readonly qty: string;
  readonly quoteQty: string;
  readonly commission: string;
  readonly commissionAsset: string;
  readonly isBuyer: boolean;
  readonly isMaker: boolean;
  readonly isSelfTrade: boolean;
  readonly time: number;
}

export interface Balance {
  readonly asset: string;
  readonly free: string;
  readonly locked: string;
}

// ---------------------------------------------------------------------------------- engine events

/** A private account change (-> spot@private.account.v3.api.pb). */
export interface BalanceEvent {
  readonly kind: "balance";
  readonly account: string;
  readonly asset: string;
  readonly free: string;
  readonly freeChange: string;
  readonly locked: string;
  readonly lockedChange: string;
  /** One of the protocol's account change types: the simulator pushes no name the client does not know. */
  readonly changeType: AccountChangeType;
  readonly time: number;
}

/**
 * An entry of an account's journal: a BalanceEvent, or at the head of a folded journal one
 * standing for the folded entries of an asset (engine/accounts.ts CARRIED_CHANGE; never pushed).
 */
export interface JournalEntry extends Omit<BalanceEvent, "changeType"> {
  readonly changeType: AccountChangeType | "CARRIED";
}

/** A private order state change (-> spot@private.orders.v3.api.pb). */
export interface OrderEvent {
  readonly kind: "order";
  readonly account: string;
  /** Snapshot of the order after the change. */
  readonly order: Readonly<SimOrder>;
  /** Quantity of the match that caused this update, if any. */
  readonly lastDealQuantity?: string;
  readonly isMaker: boolean;
  /** Average fill price so far ("0" before the first fill). */
  readonly avgPrice: string;
  readonly time: number;
}

/** A private fill (-> spot@private.deals.v3.api.pb). */
export interface FillEvent {
  readonly kind: "fill";
  readonly account: string;
  readonly trade: Readonly<SimTrade>;
  readonly side: Side;
}

/** A public trade (-> aggre.deals). The taker's side. */
export interface PublicTradeEvent {
  readonly kind: "publicTrade";
  readonly symbol: string;
  readonly tradeId: string;
  readonly price: string;
  readonly quantity: string;
  readonly takerSide: Side;
  readonly time: number;
}

/**
 * One version step of a symbol's book: every level change increments the symbol's depth
 * version by exactly 1 (the same counter as REST depth `lastUpdateId`).
 */
export interface DepthEvent {
  readonly kind: "depth";
  readonly symbol: string;
  readonly version: number;
  readonly side: "bid" | "ask";
  readonly price: string;
  /** Absolute size now at this price; "0" = level removed. */
  readonly quantity: string;
  readonly time: number;
}

export type ExchangeEvent = BalanceEvent | OrderEvent | FillEvent | PublicTradeEvent | DepthEvent;

export interface DepthSnapshot {
  readonly lastUpdateId: number;
  /** [price, quantity], best first. */
  readonly bids: [string, string][];
  readonly asks: [string, string][];
  readonly timestamp: number;
}

export interface ExchangeLedger {
  readonly balances: Balance[];
  readonly orders: SimOrder[];
  readonly trades: SimTrade[];
  /** The wallet's records, oldest first. */
  readonly deposits: SimDeposit[];
  readonly withdrawals: SimWithdrawal[];
  readonly transfers: SimTransfer[];
  readonly internalTransfers: SimInternalTransfer[];
  readonly conversions: SimConversion[];
}

/** The matching engine and accounts. Synchronous: every call completes and emits before it returns. */
export interface Exchange {
  readonly symbols: ReadonlyMap<string, SymbolConfig>;
  /** Subscribe to every event; returns an unsubscribe function. Listeners run synchronously. */
  onEvent(listener: (event: ExchangeEvent) => void): () => void;

  /**
   * `keepHistory` (default true) keeps the account's journal and every order and trade. The
   * simulated market's own accounts and the fee account turn it off so memory stays bounded on
   * long runs; their balances and open orders are tracked all the same.
   */
  createAccount(account: string, options?: { mxFeeDeduction?: boolean; keepHistory?: boolean }): void;
  hasAccount(account: string): boolean;
  /**
   * A main account's strategy group of these accounts (at least two): a new tradeGroupId each of
   * them now has, so self-trade prevention acts between their orders (engine/selfTradePrevention.ts).
   * Throws RangeError for an unknown account or fewer than two.
   */
  createTradeGroup(accounts: readonly string[]): number;
  /** The account's tradeGroupId; undefined when it is in no strategy group. */
  tradeGroupOf(account: string): number | undefined;
  /**
   * Funding without a wallet record (DEPOSIT change type): the market's own accounts, starting
   * balances; amount may be negative (WITHDRAW).
   */
  credit(account: string, asset: string, amount: string, changeType?: AccountChangeType): void;

  /**
   * The wallet (engine/wallet.ts): a deposit, a withdrawal (its amount includes the fee) or a
   * transfer between the account's spot and futures wallets, pushed and recorded as MEXC's wallet
   * history shows them. Throws SimError: 10001 unknown account, 10101 free balance short, 33333 a
   * malformed field.
   */
  deposit(account: string, input: DepositInput): SimDeposit;
  withdraw(account: string, input: WithdrawInput): SimWithdrawal;
  transfer(account: string, input: TransferInput): SimTransfer;
  /**
   * A transfer to or from another MEXC user, and a conversion of small balances to MX
   * (engine/walletExtras.ts). Throws SimError: 10001 unknown account, 10101 short, 33333 malformed.
   */
  internalTransfer(account: string, input: InternalTransferInput): SimInternalTransfer;
  convertDust(account: string, assets: readonly string[]): SimConversion;
  /** The wallet's records of the account, oldest first. */
  deposits(account: string): readonly SimDeposit[];
  withdrawals(account: string): readonly SimWithdrawal[];
  transfers(account: string): readonly SimTransfer[];
  internalTransfers(account: string): readonly SimInternalTransfer[];
  conversions(account: string): readonly SimConversion[];

  /**
   * Takes a pair offline (docs/mexc/undocumented.md#market-data item 11.18): it leaves exchangeInfo, is listed by GET /api/v3/symbol/offline,
   * API orders on it are refused (30000) and the accounts' open orders on it are canceled; its
   * history (myTrades, allOrders, GET order) is still served. The market's own makers and takers
   * go on behind it. Returns the offline time.
   */
  delist(symbol: string): number;
  /** Pairs taken offline, with when. */
  offlineSymbols(): ReadonlyMap<string, number>;

  /** Throws SimError: 30014 bad symbol, 10101/30004 insufficient balance, 30002 min qty, ... */
  placeOrder(input: PlaceOrderInput): SimOrder;
  /** A stop-limit order (held until the last price reaches its trigger, funds locked meanwhile). */
  placeStopOrder(input: PlaceStopOrderInput): SimOrder;
  /** An OCO pair: [limit leg, stop-limit leg]. */
  placeOcoOrder(input: PlaceOcoOrderInput): SimOrder[];
  /** Validation only (order/test): throws the same SimErrors as placeOrder, changes nothing. */
  testOrder(input: PlaceOrderInput): void;
  /** Throws SimError -2011 unknown order (or -2013 does not exist) when not open. */
  cancelOrder(account: string, symbol: string, ref: { orderId?: string; clientOrderId?: string }): SimOrder;
  cancelAllOrders(account: string, symbol: string): SimOrder[];
  /**
   * An edit as MEXC's web makes it (docs/mexc/undocumented.md#orders item 11.19): the open order
   * canceled, then a new LIMIT order with a new id at `price` (default: the old one's) for
   * `quantity` (default: what was left, origQty - executedQty). The new order is checked before the
   * cancel: a refused edit throws placeOrder's SimError and leaves the old order untouched.
   * Answers [canceled, new].
   */
  editOrder(
    account: string,
    symbol: string,
    ref: { orderId?: string; clientOrderId?: string },
    change: { price?: string; quantity?: string },
  ): [SimOrder, SimOrder];

  getOrder(account: string, symbol: string, ref: { orderId?: string; clientOrderId?: string }): SimOrder | undefined;
  openOrders(account: string, symbol?: string): SimOrder[];
  /** Every order of the account on that symbol, oldest first. */
  allOrders(account: string, symbol: string): SimOrder[];
  /** Every trade of the account on that symbol, oldest first. */
  myTrades(account: string, symbol: string): SimTrade[];
  balances(account: string): Balance[];
  /** Everything since start, for /_sim/ledger and the property tests. */
  ledger(account: string): ExchangeLedger;

  depthSnapshot(symbol: string, limit: number): DepthSnapshot;
  depthVersion(symbol: string): number;
  bestBidAsk(symbol: string): { bidPrice: string; bidQty: string; askPrice: string; askQty: string } | undefined;
  lastPrice(symbol: string): string | undefined;
  /** Recent public trades, newest last. */
  recentTrades(symbol: string, limit: number): PublicTradeEvent[];
  /**
   * A public trade against hidden liquidity at the touch: at the best ask for a BUY taker, the
   * best bid for a SELL (the last price when that side is empty). It prints like any trade
   * (recent trades, last price, klines, the deals streams) but no account takes part and the
   * visible book does not change. The firehose load mode's source (market/firehose.ts).
   */
  printTrade(symbol: string, takerSide: Side, quantity: string): PublicTradeEvent;
}

// ---------------------------------------------------------------------------------- market

/** A kline of the simulated market (protocol's values, as its pushes and REST answers carry them). */
export type KlineBar = KlineValues;

export interface Ticker24h {
  readonly symbol: string;
  readonly priceChange: string;
  readonly priceChangePercent: string;
  readonly prevClosePrice: string;
  readonly lastPrice: string;
  readonly bidPrice: string;
  readonly bidQty: string;
  readonly askPrice: string;
  readonly askQty: string;
  readonly openPrice: string;
  readonly highPrice: string;
  readonly lowPrice: string;
  readonly volume: string;
  readonly quoteVolume: string;
  readonly openTime: number;
  readonly closeTime: number;
  readonly count: number | null;
}

/** A miniTicker push's values: the item clients decode (protocol's MiniTickerItem), and the last close's. */
export interface MiniTickerValues extends MiniTickerItem {
  readonly lastCloseRate: string;
  readonly lastCloseZonedRate: string;
  readonly lastCloseHigh: string;
  readonly lastCloseLow: string;
}

/** One bar in whole ticks and lots. */
export interface TickBar {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Turnover in ticks x lots. */
  readonly amount: bigint;
}

/**
 * The market's past before the simulator started, one price path per symbol (market/pastPath.ts
 * builds it): past fills and past klines follow it.
 */
export interface PastPath {
  /** The earliest time the path covers (ms): before it, MEXC would have no candle either. */
  readonly from: number;
  /** The bar of the minute starting at `minute` (ms, on a minute); undefined outside the path. */
  minute(config: SymbolConfig, minute: number): TickBar | undefined;
  /** Where the path hands over to the live market: the end of the seeded minutes (held as made), else its anchor. */
  until(symbol: string): number;
  /**
   * Bars of `interval` whose windows start in [start, end) and end by `until(symbol)`, oldest
   * first; at most `limit`, the first ones (`fromEnd`: the last ones).
   */
  bars(
    config: SymbolConfig,
    interval: KlineInterval,
    range: { start: number; end: number; limit: number; fromEnd?: boolean },
  ): KlineBar[];
}

/** Simulated market activity on top of the engine, and the derived public statistics. */
export interface Market {
  /** Klines (WS interval name) in [startTime, endTime], oldest first, at most `limit`. */
  klines(
    symbol: string,
    interval: string,
    options: { startTime?: number; endTime?: number; limit: number },
  ): KlineBar[];
  /** The current (open) bar of every interval of a symbol. */
  currentKline(symbol: string, interval: string): KlineBar | undefined;
  /** The market's past before the start (market/pastPath.ts), which past fills and past klines follow. */
  readonly past: PastPath;
  ticker24h(symbol: string): Ticker24h;
  /** Mini-ticker values for a time zone such as "UTC+8", "UTC+5:30" or "24H". */
  miniTicker(symbol: string, timezone: string): MiniTickerValues;
  /** Demo trader on/off, on every funded account together (admin route, --no-demo-trader). */
  setDemoTraderRunning(running: boolean): void;
  demoTraderRunning(): boolean;
  stop(): void;
}

// ---------------------------------------------------------------------------------- listen keys

export type ListenKeyInvalidation = "deleted" | "expired";

export interface ListenKeyStore {
  /** 64 lower-case hex; SimError when the account already has 60 valid keys. */
  create(account: string): string;
  /** Extends to 60 min from now; SimError 730708 for an unknown/expired key of this account. */
  extend(account: string, key: string): void;
  /** Invalidates and closes its sockets; SimError 730708 when unknown. */
  delete(account: string, key: string): void;
  /** Valid keys of an account. */
  list(account: string): string[];
  /** Valid keys an account may hold at once (GET userDataStream's `total`). */
  readonly cap: number;
  /** The account a valid key belongs to, or undefined. */
  resolve(key: string): string | undefined;
  /** Fault `expire-listen-keys`: kill a key now as if its TTL ran out. */
  expireNow(key: string): void;
  /** Called when a key is deleted or expires (the WS layer closes its sockets). */
  onInvalidated(listener: (key: string, account: string, why: ListenKeyInvalidation) => void): () => void;
  stop(): void;
}

// ---------------------------------------------------------------------------------- faults

export type FaultName =
  | "drop"
  | "stall"
  | "expire-listen-keys"
  | "refuse"
  | "http429"
  | "http5xx"
  | "malformed"
  | "depth-gap"
  | "unknown-enum"
  | "maintenance";

/**
 * Active faults and their rates, swappable at run time (POST /_sim/faults). Rate semantics per
 * fault are documented in faults.ts; `roll(name)` draws from the seeded PRNG.
 */
export interface FaultPlan {
  rate(name: FaultName): number;
  roll(name: FaultName): boolean;
  set(spec: string): void;
  /** The current spec, normalized, e.g. "drop=0.05,stall=0.01". */
  spec(): string;
  /** Counts of faults injected so far, by name (admin/debug and tests). */
  injected(): Record<FaultName, number>;
  /** Record that a fault was injected (callers that act on a roll call this). */
  count(name: FaultName): void;
}
