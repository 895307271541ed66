/**
 * The worked example of docs/exports.md, stored in a real store: a deposit, fills (a fee in the
 * base asset, one in the quote, one in MX, a BTC-quoted pair), a withdrawal with its fee, a dust
 * conversion of two assets and one of a single asset, an internal transfer in, a transfer to
 * futures, and a withdrawal still pending. `balanceChanges` is what each asset's balance moved by,
 * worked out from these inputs alone (not from any export), for the read-back tests.
 */
import { dec, exact } from "@mexc-live/protocol";
import type { WalletTransfer } from "@mexc-live/protocol/wallet";
import type { Market } from "../src/exports/exportHistory.js";
import type { FillValuation, GatewayStore } from "../src/store/index.js";
import { fillEvent, transferEvent } from "./storeEvents.js";

/** 2025-03-03 09:00:00 UTC. */
export const EXAMPLE_T0 = Date.UTC(2025, 2, 3, 9, 0, 0);
const HOUR = 3_600_000;

export const EXAMPLE_MARKETS: Readonly<Record<string, Market>> = {
  BTCUSDT: { base: "BTC", quote: "USDT" },
  ETHUSDT: { base: "ETH", quote: "USDT" },
  ETHBTC: { base: "ETH", quote: "BTC" },
};

export const exampleMarketOf = (symbol: string): Market | undefined => EXAMPLE_MARKETS[symbol];

type FillInput = ReturnType<typeof fillEvent>;

export const EXAMPLE_FILLS: readonly { readonly fill: FillInput; readonly valuation: FillValuation }[] = [
  {
    // A buy whose fee is taken from the BTC bought (MEXC's usual).
    fill: fillEvent({
      timestamp: EXAMPLE_T0 + HOUR,
      symbol: "BTCUSDT",
      tradeId: "741000000000000001",
      orderId: "C02__741000000000000001",
      side: "BUY",
      price: "90000",
      quantity: "0.01",
      amount: "900",
      fee: "0.00001",
      feeCurrency: "BTC",
      source: "rest",
    }),
    valuation: { feeValue: "0.9", feePairValue: "0.9", amountValue: "900" },
  },
  {
    // A sell whose fee is taken from the USDT got.
    fill: fillEvent({
      timestamp: EXAMPLE_T0 + 2 * HOUR,
      symbol: "BTCUSDT",
      tradeId: "741000000000000002",
      orderId: "C02__741000000000000002",
      side: "SELL",
      price: "91000",
      quantity: "0.004",
      amount: "364",
      fee: "0.364",
      feeCurrency: "USDT",
      source: "rest",
    }),
    valuation: { feeValue: "0.364", feePairValue: "0.364", amountValue: "364" },
  },
  {
    // A buy whose fee is paid in MX, a third asset (MEXC's MX deduction).
    fill: fillEvent({
      timestamp: EXAMPLE_T0 + 3 * HOUR,
      symbol: "ETHUSDT",
      tradeId: "741000000000000003",
      orderId: "C02__741000000000000003",
      side: "BUY",
      price: "2000",
      quantity: "0.2",
      amount: "400",
      fee: "0.05",
      feeCurrency: "MX",
      source: "stream",
    }),
    valuation: { feeValue: "0.15", feePairValue: "0.15", amountValue: "400" },
  },
  {
    // A pair quoted in BTC: its fee in BTC.
    fill: fillEvent({
      timestamp: EXAMPLE_T0 + 4 * HOUR,
      symbol: "ETHBTC",
      tradeId: "741000000000000004",
      orderId: "C02__741000000000000004",
      side: "SELL",
      price: "0.022",
      quantity: "0.1",
      amount: "0.0022",
      fee: "0.0000022",
      feeCurrency: "BTC",
      source: "stream",
    }),
    valuation: { feeValue: "0.2", feePairValue: "0.0000022", amountValue: "200" },
  },
];

const CONVERSION_A = "MX:902001";
const CONVERSION_B = "MX:902010";

export const EXAMPLE_TRANSFERS: readonly WalletTransfer[] = [
  transferEvent({
    id: "0x5e1f00000000000000000000000000000000000000000000000000000000aa01:0",
    txId: "0x5e1f00000000000000000000000000000000000000000000000000000000aa01",
    asset: "USDT",
    amount: "1000",
    network: "TRX",
    time: EXAMPLE_T0,
    updateTime: EXAMPLE_T0,
  }),
  transferEvent({
    type: "withdrawal",
    id: "8a1c44b7e2f04a0c9d55e1b2c3d4e5f6",
    direction: "out",
    asset: "BTC",
    amount: "0.005",
    fee: "0.0001",
    network: "BTC",
    status: "7",
    txId: "b7c1000000000000000000000000000000000000000000000000000000000002",
    address: "bc1qexampleexampleexampleexampleexample0",
    time: EXAMPLE_T0 + 5 * HOUR,
    updateTime: EXAMPLE_T0 + 5 * HOUR + 600_000,
  }),
  // A dust conversion of two assets: one MX sum for both.
  conversionLeg({ id: "902001", direction: "out", asset: "DOGE", amount: "3.2", network: "MX", txId: CONVERSION_A }, 6),
  conversionLeg(
    { id: "902002", direction: "out", asset: "SHIB", amount: "150000", network: "MX", txId: CONVERSION_A },
    6,
  ),
  conversionLeg(
    { id: CONVERSION_A, direction: "in", asset: "MX", amount: "0.04", fee: "0.0008", txId: CONVERSION_A },
    6,
  ),
  // A dust conversion of a single asset: a trade of it for MX.
  conversionLeg(
    { id: "902010", direction: "out", asset: "PEPE", amount: "100000", network: "MX", txId: CONVERSION_B },
    7,
  ),
  conversionLeg(
    { id: CONVERSION_B, direction: "in", asset: "MX", amount: "0.01", fee: "0.0002", txId: CONVERSION_B },
    7,
  ),
  transferEvent({
    type: "internal_transfer",
    id: "it-66120001",
    asset: "USDT",
    amount: "50",
    network: "MEXC",
    status: "SUCCESS",
    txId: "",
    address: "uid 12345678",
    time: EXAMPLE_T0 + 8 * HOUR,
    updateTime: EXAMPLE_T0 + 8 * HOUR,
  }),
  transferEvent({
    type: "transfer",
    id: "tr-77001",
    direction: "out",
    asset: "USDT",
    amount: "100",
    network: "FUTURES",
    status: "SUCCESS",
    txId: "",
    address: "",
    time: EXAMPLE_T0 + 9 * HOUR,
    updateTime: EXAMPLE_T0 + 9 * HOUR,
  }),
  // Not done: moved nothing for good, in no export.
  transferEvent({
    type: "withdrawal",
    id: "9b00aa",
    direction: "out",
    asset: "USDT",
    amount: "20",
    fee: "1",
    network: "TRX",
    state: "pending",
    status: "4",
    txId: "",
    time: EXAMPLE_T0 + 10 * HOUR,
    updateTime: EXAMPLE_T0 + 10 * HOUR,
  }),
];

function conversionLeg(leg: Partial<WalletTransfer>, hours: number): WalletTransfer {
  return transferEvent({
    type: "conversion",
    fee: "0",
    network: "",
    status: "SUCCESS",
    address: "",
    time: EXAMPLE_T0 + hours * HOUR,
    updateTime: EXAMPLE_T0 + hours * HOUR,
    ...leg,
  });
}

/** Stores the example in `store`. */
export function storeExample(store: GatewayStore): void {
  for (const { fill, valuation } of EXAMPLE_FILLS) store.upsertFill(fill, valuation);
  for (const transfer of EXAMPLE_TRANSFERS) store.upsertTransfer(transfer);
}

/**
 * What each asset's balance moved by over the example, from its inputs: a fill adds what it bought
 * and takes what it sold and its fee; a completed transfer in adds its amount, one out takes its
 * amount and fee; a pending one moves nothing. Only the fills of `symbols` (all by default), and
 * the transfers unless `movements` is false.
 */
export function balanceChanges({
  symbols = Object.keys(EXAMPLE_MARKETS),
  movements = true,
}: {
  symbols?: readonly string[];
  movements?: boolean;
} = {}): Map<string, string> {
  const sums = new Map<string, ReturnType<typeof dec>>();
  const add = (asset: string, amount: string, sign: 1 | -1) => {
    const delta = dec(amount).times(sign);
    sums.set(asset, (sums.get(asset) ?? dec("0")).plus(delta));
  };
  for (const { fill } of EXAMPLE_FILLS) {
    if (!symbols.includes(fill.symbol)) continue;
    const market = EXAMPLE_MARKETS[fill.symbol] as Market;
    const buy = fill.side === "BUY";
    add(market.base, fill.quantity, buy ? 1 : -1);
    add(market.quote, fill.amount, buy ? -1 : 1);
    add(fill.feeCurrency, fill.fee, -1);
  }
  for (const transfer of EXAMPLE_TRANSFERS) {
    if (!movements || transfer.state !== "completed") continue;
    if (transfer.direction === "in") add(transfer.asset, transfer.amount, 1);
    else {
      add(transfer.asset, transfer.amount, -1);
      add(transfer.asset, transfer.fee, -1);
    }
  }
  return new Map([...sums].filter(([, sum]) => !sum.eq(0)).map(([asset, sum]) => [asset, exact(sum)]));
}
