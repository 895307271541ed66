/**
 * Real-shaped contract items for tests of the HTTP and stream layers (what the ingest would
 * produce from MEXC's private deals, orders and account pushes).
 */
import type { BalanceItem, FillItem, Health, OrderItem } from "@mexc-live/contract";

/** 2025-01-02T00:00:00Z */
export const T0 = Date.UTC(2025, 0, 2);

export function sampleFill(n: number, overrides: Partial<FillItem> = {}): FillItem {
  return {
    tradeId: `5044${String(n).padStart(6, "0")}`,
    orderId: `C02__${400000000000 + n}`,
    symbol: "BTCUSDT",
    side: n % 2 === 0 ? "BUY" : "SELL",
    price: "97000.01",
    quantity: "0.00010300",
    amount: "9.99100103",
    fee: "0.00999100",
    feeCurrency: "USDT",
    feeValue: "0.00999100",
    isMaker: n % 3 === 0,
    time: T0 + n * 1000,
    source: "stream",
    ...overrides,
  };
}

export function sampleOrder(n: number, overrides: Partial<OrderItem> = {}): OrderItem {
  return {
    orderId: `C02__${400000000000 + n}`,
    clientOrderId: `web_${n}`,
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    status: "NEW",
    price: "96000",
    quantity: "0.001",
    executedQuantity: "0",
    cumulativeQuoteQuantity: "0",
    avgPrice: "0",
    time: T0 + n * 1000,
    updateTime: T0 + n * 1000,
    apiTradingDisabled: false,
    ...overrides,
  };
}

export function sampleBalance(asset: string, free: string, overrides: Partial<BalanceItem> = {}): BalanceItem {
  return {
    asset,
    free,
    locked: "0",
    value: null,
    price: null,
    apiTradingDisabled: false,
    ...overrides,
  };
}

export function sampleHealth(mode: "demo" | "live" = "demo"): Health {
  return {
    mode,
    quote: "USDT",
    upstream: {
      state: "live",
      lastEventAgeMs: 120,
      listenKeyAgeMs: 60_000,
      reconnects: 0,
      gaps: 0,
      reconciliations: 1,
      clockSkewMs: 3,
    },
  };
}
