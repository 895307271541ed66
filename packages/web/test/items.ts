/** Contract items for tests: real-shaped, with only what a test cares about given. */
import type { BalanceItem, EquityPoint, FillItem, Health, OrderItem } from "@mexc-live/contract";

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

export function equityPoint(time: number, equity: string): EquityPoint {
  return { time, equity, byAsset: { USDT: equity } };
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
