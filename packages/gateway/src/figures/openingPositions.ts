/**
 * Opening positions: what the account held at the start of its known history, which no fill or
 * deposit explains. For each asset, the balance now minus every known change since (fills: the
 * base and quote legs and the fee; completed deposits, withdrawals and transfers) is what was
 * held before. Nobody knows what that cost: the user may say (a cost per unit in the quote
 * asset); otherwise it is its market price when the history starts (MEXC's candles,
 * pastPrices.ts), marked "market_price" wherever it is used, and unknown (null) without one:
 * never a price of another time.
 */
import type { OpeningPosition, TransferItem } from "@mexc-live/contract";
import { type Decimal, dec, exact, fmt, ONE, ZERO } from "@mexc-live/protocol";
import type { PairsOf } from "./fillPairs.js";
import type { PriceSource } from "./priceBook.js";

export interface OpeningInput {
  /** Balances now (free + locked per asset). */
  readonly balances: readonly { readonly asset: string; readonly free: string; readonly locked: string }[];
  /** Every known fill, oldest first. */
  readonly fills: Iterable<{
    readonly symbol: string;
    readonly side: "BUY" | "SELL";
    readonly price: string;
    readonly quantity: string;
    readonly amount: string;
    readonly fee: string;
    readonly feeCurrency: string;
    readonly time: number;
  }>;
  readonly transfers: readonly TransferItem[];
  /** When the fetched history starts (the backfill's reach); earlier known events move it back. */
  readonly historyFrom: number | undefined;
  /** Costs the user gave, per asset. */
  readonly costs: ReadonlyMap<string, string>;
  /** The quote currency, and each fill's pair as its two assets (fillPairs.ts). */
  readonly book: Pick<PriceSource, "quote"> & PairsOf;
  /**
   * "held" (default): the positions to show, the quote asset and shortfalls left out; "all": every
   * asset whose known history does not explain its balance, the quote currency and negative
   * quantities (a shortfall: history missing an inflow) included, for the portfolio to start from.
   */
  readonly keep?: "held" | "all";
  /** The market price of one unit of `asset` at `time` (pastPrices.ts); null when unknown. Default: unknown. */
  readonly priceAt?: (asset: string, time: number) => Decimal | null;
}

/** Positions held before the known history, by asset; the quote asset itself is left out. */
export function openingPositions(input: OpeningInput): OpeningPosition[] {
  const { book } = input;
  const quote = book.quote;
  const held = new Map<string, Decimal>();
  const add = (asset: string, amount: Decimal) => held.set(asset, (held.get(asset) ?? ZERO).plus(amount));
  for (const balance of input.balances)
    add(balance.asset, dec(balance.free, "free").plus(dec(balance.locked, "locked")));
  let start = input.historyFrom ?? Number.POSITIVE_INFINITY;
  for (const fill of input.fills) {
    start = Math.min(start, fill.time);
    const market = book.marketOf(fill.symbol);
    if (market === undefined) continue;
    const quantity = dec(fill.quantity, "quantity");
    const amount = dec(fill.amount, "amount");
    const sign = fill.side === "BUY" ? 1 : -1;
    add(market.baseAsset, quantity.times(-sign));
    add(market.quoteAsset, amount.times(sign));
    if (fill.feeCurrency !== "") add(fill.feeCurrency, dec(fill.fee, "fee"));
  }
  for (const transfer of input.transfers) {
    if (transfer.status !== "completed") continue;
    start = Math.min(start, transfer.time);
    const amount = dec(transfer.amount, "amount");
    if (transfer.direction === "in") add(transfer.asset, amount.times(-1));
    else add(transfer.asset, amount.plus(dec(transfer.fee, "fee")));
  }
  if (!Number.isFinite(start)) return [];
  const positions: OpeningPosition[] = [];
  for (const [asset, quantity] of held) {
    if (input.keep === "all" ? quantity.eq(0) : asset === quote || quantity.lte(0)) continue;
    const given = input.costs.get(asset);
    const market = given !== undefined ? null : asset === quote ? ONE : (input.priceAt?.(asset, start) ?? null);
    positions.push({
      asset,
      quantity: exact(quantity),
      time: start,
      costPrice: given ?? (market === null ? null : fmt(market)),
      source: given !== undefined ? "user" : "market_price",
      quote,
    });
  }
  return positions.sort((a, b) => a.asset.localeCompare(b.asset));
}
