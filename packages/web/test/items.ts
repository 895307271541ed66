/** Contract items for tests: real-shaped, with only what a test cares about given. */
import type {
  AccountItem,
  AccountsAnswer,
  AlertDeliveryItem,
  AlertNotice,
  AlertRuleItem,
  AssetPnlItem,
  BalanceItem,
  DepthView,
  EquityPoint,
  FillItem,
  Health,
  HistoryProgress,
  KlineItem,
  LedgerItem,
  OpeningPosition,
  OrderItem,
  PnlItem,
  TickerItem,
  TradeTick,
  TransferItem,
  VolumeItem,
} from "@mexc-live/contract";

export const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

export function fill(tradeId: string, time: number, extra: Partial<FillItem> = {}): FillItem {
  return {
    tradeId,
    orderId: `o${tradeId}`,
    symbol: "BTCUSDT",
    side: "BUY",
    price: "65000.10",
    quantity: "0.0100",
    amount: "650.001",
    fee: "0.65",
    feeCurrency: "USDT",
    feeValue: "0.65",
    isMaker: false,
    time,
    source: "stream",
    ...extra,
  };
}

export function order(orderId: string, updateTime: number, extra: Partial<OrderItem> = {}): OrderItem {
  return {
    orderId,
    clientOrderId: `c${orderId}`,
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    status: "NEW",
    price: "64000",
    quantity: "0.01",
    executedQuantity: "0",
    cumulativeQuoteQuantity: "0",
    avgPrice: "0",
    time: updateTime,
    updateTime,
    apiTradingDisabled: false,
    ...extra,
  };
}

export function balance(asset: string, free: string, extra: Partial<BalanceItem> = {}): BalanceItem {
  return { asset, free, locked: "0", value: free, price: "1", apiTradingDisabled: false, ...extra };
}

/** A balance of 1 unit worth `value` in the quote (null: not valued). */
export function valuedBalance(asset: string, value: string | null, extra: Partial<BalanceItem> = {}): BalanceItem {
  return balance(asset, "1", { value, price: value, ...extra });
}

export function equityPoint(time: number, equity: string, byAsset: Record<string, string> = {}): EquityPoint {
  return { time, equity, byAsset };
}

export function health(extra: Partial<Health["upstream"]> = {}, mode: Health["mode"] = "demo"): Health {
  return {
    mode,
    quote: "USDT",
    upstream: {
      state: "live",
      lastEventAgeMs: 1_000,
      listenKeyAgeMs: 600_000,
      reconnects: 0,
      gaps: 0,
      reconciliations: 0,
      clockSkewMs: 12,
      ...extra,
    },
  };
}

/** An account as GET /api/accounts lists it; the default one's topics are the plain names; no equity point yet. */
export function accountItem(
  name: string,
  isDefault = false,
  state: Health["upstream"]["state"] = "live",
  equity: EquityPoint | null = null,
): AccountItem {
  return {
    name,
    mode: "demo",
    default: isDefault,
    topicPrefix: isDefault ? "" : `account.${name}.`,
    health: health({ state }),
    equity,
  };
}

/** GET /api/accounts: the accounts and their total as the gateway adds it up (given here, not summed). */
export function accountsAnswer(
  items: readonly AccountItem[],
  total: AccountsAnswer["total"] = { equity: "0", byAsset: {} },
): AccountsAnswer {
  return { items, total };
}

export function volume(day: string, symbol: string, value: string | null): VolumeItem {
  return { day, symbol, quoteVolume: value ?? "10", value, fills: 1 };
}

export function ticker(symbol: string, extra: Partial<TickerItem> = {}): TickerItem {
  return {
    symbol,
    last: "65000.10",
    bidPrice: "65000.00",
    bidQuantity: "0.512",
    askPrice: "65000.20",
    askQuantity: "1.5",
    ...extra,
  };
}

export function trade(symbol: string, time: number, side: "BUY" | "SELL", price = "65000.1"): TradeTick {
  return { symbol, price, quantity: "0.010", side, time };
}

export function kline(symbol: string, openTime: number, close: string, interval = "Min1"): KlineItem {
  return {
    symbol,
    interval,
    openTime,
    closeTime: openTime + 59_999,
    open: "100.0",
    high: "101.5",
    low: "99.5",
    close,
    volume: "12.5",
  };
}

/** A book with `levels` levels per side around 100, step 0.1, sizes 1, 2, 3, ... */
export function book(symbol: string, levels: number): DepthView {
  const bids: [string, string][] = [];
  const asks: [string, string][] = [];
  for (let i = 0; i < levels; i++) {
    bids.push([(100 - 0.1 * (i + 1)).toFixed(1), String(i + 1)]);
    asks.push([(100 + 0.1 * i).toFixed(1), String(i + 1)]);
  }
  return { symbol, version: "1", bids, asks, resyncs: 0 };
}

/** The backfill's progress in health: 18 of 30 days, 6 of 10 symbols by default. */
export function historyProgress(extra: Partial<HistoryProgress> = {}): HistoryProgress {
  return {
    state: "backfilling",
    days: { done: 18, total: 30 },
    symbols: { done: 6, total: 10 },
    counts: { fills: 1_200, orders: 300, deposits: 4, withdrawals: 1, transfers: 0 },
    from: T0 - 30 * 86_400_000,
    plannedAt: T0,
    completedAt: null,
    ...extra,
  };
}

/** A ledger entry: by default the BTC a fill bought. */
export function ledgerItem(id: string, time: number, extra: Partial<LedgerItem> = {}): LedgerItem {
  return {
    id,
    time,
    asset: "BTC",
    type: "trade",
    rawType: "ENTRUST",
    change: "0.01",
    freeChange: "0.01",
    lockedChange: "0",
    balance: "0.51",
    ref: { kind: "fill", id: `5059790181356912${id}X1` },
    ...extra,
  };
}

/** A completed USDT deposit on TRC20. */
export function transferItem(id: string, time: number, extra: Partial<TransferItem> = {}): TransferItem {
  return {
    id,
    type: "deposit",
    direction: "in",
    asset: "USDT",
    amount: "1000",
    fee: "0",
    network: "TRC20",
    status: "completed",
    rawStatus: "5",
    txId: `0x9f3c2a77e1d04b5f8c6a${id}d2b1e0f4a3c5b7d9e1f2a4c6b8d0e2f4a6b8c0d2e4`,
    time,
    updateTime: time,
    source: "rest",
    ...extra,
  };
}

/** 0.3 BTC held before the known history, at the first known price. */
export function openingPosition(asset: string, extra: Partial<OpeningPosition> = {}): OpeningPosition {
  return {
    asset,
    quantity: "0.3",
    time: T0 - 30 * 86_400_000,
    costPrice: "42000.5",
    source: "market_price",
    quote: "USDT",
    ...extra,
  };
}

export function pnlItem(symbol: string, extra: Partial<PnlItem> = {}): PnlItem {
  return { symbol, realized: "12.5", unrealized: "-3.25", position: "0.31", averageCost: "42100", ...extra };
}

/** One asset of GET /api/pnl?by=asset: 0.314 BTC deposited at 65,000, worth 87,000 now. */
export function assetPnlItem(asset: string, extra: Partial<AssetPnlItem> = {}): AssetPnlItem {
  return {
    asset,
    quantity: "0.314",
    costBasis: "20410",
    averageCost: "65000",
    realized: "120.5",
    unrealized: "6908",
    fees: "1.25",
    value: "27318",
    price: "87000",
    method: "fifo",
    ...extra,
  };
}

/** A fill's alert, as the gateway raises it. */
export function alertNotice(id: string, time: number, extra: Partial<AlertNotice> = {}): AlertNotice {
  return {
    id: `fill:BTCUSDT:${id}`,
    event: "fill",
    time,
    title: `BTCUSDT BUY 0.01 @ 65,000.10 (#${id})`,
    text: "Fee 0.65 USDT\nOrder o1",
    fields: { tradeId: id, symbol: "BTCUSDT", side: "BUY", price: "65000.10", quantity: "0.01" },
    ...extra,
  };
}

export function alertRule(id: string, extra: Partial<AlertRuleItem> = {}): AlertRuleItem {
  return {
    id,
    source: "dashboard",
    on: "fill",
    to: "tgram://12…89/…/-100123",
    channel: "telegram",
    conditions: {},
    muted: false,
    createdAt: T0,
    ...extra,
  };
}

export function alertDelivery(id: string, extra: Partial<AlertDeliveryItem> = {}): AlertDeliveryItem {
  return {
    id,
    ruleId: "1",
    to: "tgram://12…89/…/-100123",
    channel: "telegram",
    status: "sent",
    alerts: 1,
    events: ["fill"],
    title: "BTCUSDT BUY 0.01 @ 65,000.10",
    attempts: 1,
    createdAt: T0,
    sentAt: T0 + 400,
    lastError: null,
    ...extra,
  };
}
