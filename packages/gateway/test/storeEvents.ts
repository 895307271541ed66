/**
 * Real-shaped user-stream events for the store's tests: the protocol's Fill, OrderUpdate and
 * BalanceUpdate with their source, as the client delivers them (see client/rest/toEvents.ts).
 */

import type { Source } from "@mexc-live/contract";
import type { BalanceUpdate, Fill, OrderUpdate } from "@mexc-live/protocol";
import type { WalletTransfer } from "@mexc-live/protocol/wallet";

type Sourced<E> = E & { readonly source: Source };

export function fillEvent(overrides: Partial<Sourced<Fill>> = {}): Sourced<Fill> {
  return {
    type: "fill",
    channel: "spot@private.deals.v3.api.pb",
    timestamp: 1_736_417_034_280,
    localTimestamp: 1_736_417_034_290,
    symbol: "BTCUSDT",
    tradeId: "505979017439002624X1",
    orderId: "C02__505979017439002624115",
    clientOrderId: "",
    side: "BUY",
    price: "93950.39",
    quantity: "0.0001",
    amount: "9.395039",
    fee: "0.0000001",
    feeCurrency: "BTC",
    isMaker: false,
    isSelfTrade: false,
    source: "stream",
    ...overrides,
  };
}

export function orderEvent(overrides: Partial<Sourced<OrderUpdate>> = {}): Sourced<OrderUpdate> {
  return {
    type: "order",
    channel: "spot@private.orders.v3.api.pb",
    timestamp: 1_736_417_034_000,
    localTimestamp: 1_736_417_034_010,
    symbol: "BTCUSDT",
    orderId: "C02__505979017439002624115",
    clientOrderId: "web_1",
    side: "BUY",
    orderType: "LIMIT",
    status: "NEW",
    price: "93950.39",
    quantity: "0.0002",
    amount: "18.790078",
    avgPrice: "0",
    remainQuantity: "0.0002",
    remainAmount: "18.790078",
    cumulativeQuantity: "0",
    cumulativeAmount: "0",
    lastDealQuantity: undefined,
    isMaker: true,
    createTime: 1_736_417_033_000,
    source: "stream",
    ...overrides,
  };
}

export function balanceEvent(overrides: Partial<Sourced<BalanceUpdate>> = {}): Sourced<BalanceUpdate> {
  return {
    type: "balance",
    channel: "spot@private.account.v3.api.pb",
    timestamp: 1_736_417_034_100,
    localTimestamp: 1_736_417_034_110,
    asset: "USDT",
    coinId: "128f589271cb4951b03e71e6323eb7be",
    free: "990.604961",
    freeChange: "-9.395039",
    locked: "0",
    lockedChange: "0",
    changeType: "ENTRUST",
    source: "stream",
    ...overrides,
  };
}

export function transferEvent(overrides: Partial<WalletTransfer> = {}): WalletTransfer {
  return {
    type: "deposit",
    id: "0x9b2f4c5a1e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1:0",
    direction: "in",
    asset: "USDT",
    amount: "1000",
    fee: "0",
    network: "TRX",
    state: "completed",
    status: "5",
    txId: "9b2f4c5a1e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1",
    address: "TSMcEDDvkqY9dz8RkFnrS86U59GwEZjfvh",
    time: 1_736_400_000_000,
    updateTime: 1_736_400_600_000,
    ...overrides,
  };
}
