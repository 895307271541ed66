/**
 * Private pushes of a listen-key connection in the shapes of docs/mexc/protocol.md#the-official-example-values: balance
 * changes (createTime + sendTime, no symbol), fills and order updates (symbol + sendTime).
 * Amounts derive from price and quantity with big.js, so they read like real ones
 * (`"3.6962"`, fees like `"0.0003998377369698171"`).
 */
import {
  Decimal as Big,
  MINUTE_MS,
  ORDER_STATUS_CODE,
  ORDER_TYPE_CODE,
  type KnownOrderStatus as OrderStatus,
  type KnownOrderType as OrderType,
} from "@mexc-live/protocol";
import type { PrivateAccount, PushWrapper } from "@mexc-live/protocol/wire";
import type { Rng } from "../lib/prng.js";
import { digits, type FrameContext, type MarketState, priceString, toDecimal } from "./markets.js";

/** The symbols this account trades; their quote is USDT. */
const TRADED_SYMBOLS = ["BTCUSDT", "ETHUSDT", "MXUSDT", "SOLUSDT"];

/** Internal coin ids (32 hex); the USDT one is MEXC's, from the docs/mexc/protocol.md#the-official-example-values example. */
const COIN_IDS: Record<string, string> = {
  USDT: "128f589271cb4951b03e71e6323eb7be",
  BTC: "febc9973be4d4d53bb374476239eb219",
  ETH: "93c38b0169214f8689763ce9a63a73ff",
  MX: "4cc6a3dd6c6c4d0a9b4b2b7c5e4c3a41",
  SOL: "0d6f0b5e6e5b4a6ba7c1c5a3b9f1e2d7",
};

const ORDER_STATUS_WEIGHTS: readonly [OrderStatus, number][] = [
  ["NEW", 40],
  ["FILLED", 30],
  ["PARTIALLY_FILLED", 15],
  ["CANCELED", 15],
];
const ORDER_TYPE_WEIGHTS: readonly [OrderType, number][] = [
  ["LIMIT", 70],
  ["LIMIT_MAKER", 10],
  ["MARKET", 15],
  ["IMMEDIATE_OR_CANCEL", 5],
];
const ACCOUNT_CHANGE_WEIGHTS: readonly [string, number][] = [
  ["ENTRUST_PLACE", 30],
  ["ENTRUST", 25],
  ["TRADE_FEE", 20],
  ["ENTRUST_CANCEL", 15],
  ["DEPOSIT", 5],
  ["WITHDRAW", 5],
];

export function balanceFrame(ctx: FrameContext): PushWrapper {
  const { rng } = ctx;
  const asset = rng.weighted(Object.keys(COIN_IDS), (a) => (a === "USDT" ? 5 : 1));
  const type = weighted(rng, ACCOUNT_CHANGE_WEIGHTS);
  const change = randomAmount(rng, 2_000);
  const balance = randomAmount(rng, 50_000);
  const frozen = rng.chance(0.5) ? "0" : randomAmount(rng, 5_000);
  const [balanceChange, frozenChange] = accountChanges(rng, type, change);
  const body: PrivateAccount = {
    vcoinName: asset,
    coinId: COIN_IDS[asset]!,
    balanceAmount: balance,
    balanceAmountChange: balanceChange,
    frozenAmount: frozen,
    frozenAmountChange: frozenChange,
    type,
    time: ctx.now - rng.int(0, 5),
  };
  return {
    channel: "spot@private.account.v3.api.pb",
    createTime: ctx.now - 2,
    sendTime: ctx.now,
    privateAccount: body,
  };
}

export function fillFrame(ctx: FrameContext): PushWrapper {
  const { rng } = ctx;
  const m = tradedMarket(ctx);
  const price = priceString(m, m.midTicks + rng.int(-2, 2));
  const quantity = toDecimal(rng.logInt(m.spec.minUnits * 10, m.spec.maxUnits / 10), m.spec.quantityDecimals);
  const amount = new Big(price).times(quantity);
  const feeInMx = rng.chance(0.4);
  // An MX fee at 19 places, as MEXC's example has it ("0.0003998377369698171"); unrounded, the
  // division's 40 places would pass the 40 digits MEXC's values are bounded to (valueBounds.ts).
  const fee = feeInMx ? amount.times("0.0004").div("3.6962").round(19, 0) : amount.times("0.0005");
  const orderNumber = digits(rng, 18);
  return {
    channel: "spot@private.deals.v3.api.pb",
    symbol: m.spec.symbol,
    sendTime: ctx.now,
    privateDeals: {
      price,
      quantity,
      amount: amount.toFixed(),
      tradeType: rng.int(1, 2),
      ...(rng.chance(0.6) ? { isMaker: true } : {}),
      tradeId: `${orderNumber}X${rng.int(1, 3)}`,
      ...(rng.chance(0.5) ? { clientOrderId: `mx-live-${digits(rng, 10)}` } : {}),
      orderId: `C02__${orderNumber}${digits(rng, 3)}`,
      feeAmount: fee.toFixed(),
      feeCurrency: feeInMx ? "MX" : "USDT",
      time: ctx.now - rng.int(1, 50),
    },
  };
}

export function orderFrame(ctx: FrameContext): PushWrapper {
  const { rng } = ctx;
  const m = tradedMarket(ctx);
  const orderType = weighted(rng, ORDER_TYPE_WEIGHTS);
  let status = weighted(rng, ORDER_STATUS_WEIGHTS);
  const decimals = m.spec.quantityDecimals;
  const units = rng.logInt(Math.max(2, m.spec.minUnits * 10), m.spec.maxUnits / 10);
  let filledUnits = status === "FILLED" ? units : status === "PARTIALLY_FILLED" ? rng.int(1, units - 1) : 0;
  if (status === "CANCELED" && rng.chance(0.3)) {
    status = "PARTIALLY_CANCELED";
    filledUnits = rng.int(1, units - 1);
  }
  const price = priceString(m, m.midTicks + rng.int(-50, 50));
  const market = orderType === "MARKET";
  const quantity = toDecimal(units, decimals);
  const filled = toDecimal(filledUnits, decimals);
  const remaining = toDecimal(units - filledUnits, decimals);
  const avgPrice = filledUnits > 0 ? price : "0";
  const lastDeal = filledUnits > 0 && (status === "FILLED" || status === "PARTIALLY_FILLED");
  return {
    channel: "spot@private.orders.v3.api.pb",
    symbol: m.spec.symbol,
    sendTime: ctx.now,
    privateOrders: {
      id: `C02__${digits(rng, 18)}${digits(rng, 3)}`,
      ...(rng.chance(0.5) ? { clientId: `mx-live-${digits(rng, 10)}` } : {}),
      price,
      quantity,
      amount: market ? "0" : new Big(price).times(quantity).toFixed(),
      avgPrice,
      orderType: ORDER_TYPE_CODE[orderType],
      tradeType: rng.int(1, 2),
      ...(orderType === "LIMIT_MAKER" || (orderType === "LIMIT" && rng.chance(0.5)) ? { isMaker: true } : {}),
      remainAmount: market ? "0" : new Big(price).times(remaining).toFixed(),
      remainQuantity: remaining,
      ...(lastDeal ? { lastDealQuantity: toDecimal(rng.int(1, filledUnits), decimals) } : {}),
      cumulativeQuantity: filled,
      cumulativeAmount: new Big(avgPrice).times(filled).toFixed(),
      status: ORDER_STATUS_CODE[status],
      createTime: ctx.now - rng.int(20, MINUTE_MS),
    },
  };
}

function tradedMarket(ctx: FrameContext): MarketState {
  const symbol = ctx.rng.pick(TRADED_SYMBOLS);
  return ctx.markets.find((m) => m.spec.symbol === symbol)!;
}

/** Balance and frozen deltas of one account change of `amount` (docs/mexc/protocol.md#what-the-pushes-mean-for-a-simulator). */
function accountChanges(rng: Rng, type: string, amount: string): [string, string] {
  const minus = `-${amount}`;
  switch (type) {
    case "ENTRUST_PLACE":
      return [minus, amount];
    case "ENTRUST_CANCEL":
      return [amount, minus];
    case "ENTRUST":
      return rng.chance(0.5) ? [amount, "0"] : ["0", minus];
    case "TRADE_FEE":
    case "WITHDRAW":
      return [minus, "0"];
    default:
      return [amount, "0"];
  }
}

/** A positive trimmed decimal below `max` with 0-12 fraction digits, e.g. "21.94210356". */
function randomAmount(rng: Rng, max: number): string {
  const whole = rng.logInt(1, max) - 1;
  const fraction = rng.int(0, 12);
  const text = fraction > 0 ? `${whole}.${digits(rng, fraction)}` : `${whole + 1}`;
  return new Big(text).toFixed();
}

function weighted<T>(rng: Rng, table: readonly [T, number][]): T {
  return rng.weighted(table, ([, w]) => w)[0];
}
