/** Contract items for the chart and market tests: real-shaped, with only what a test cares about given. */
import type {
  BalanceItem,
  DepthView,
  EquityPoint,
  FillItem,
  KlineItem,
  TickerItem,
  TradeTick,
  VolumeItem,
} from "@mexc-live/contract";

export const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

export function equityPoint(time: number, equity: string, byAsset: Record<string, string> = {}): EquityPoint {
  return { time, equity, byAsset };
}

export function balance(asset: string, value: string | null, extra: Partial<BalanceItem> = {}): BalanceItem {
  return { asset, free: "1", locked: "0", value, price: value, apiTradingDisabled: false, ...extra };
}

export function fill(tradeId: string, time: number, feeValue: string | null, extra: Partial<FillItem> = {}): FillItem {
  return {
    tradeId,
    orderId: `o${tradeId}`,
    symbol: "BTCUSDT",
    side: "BUY",
    price: "65000.10",
    quantity: "0.0100",
    amount: "650.001",
    fee: feeValue ?? "0.01",
    feeCurrency: feeValue === null ? "MX" : "USDT",
    feeValue,
    isMaker: false,
    time,
    source: "stream",
    ...extra,
  };
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
