/**
 * Opening positions: what the account held at the start of its known history, which no fill or
 * deposit explains. For each asset, the balance now minus every known change since (fills: the
 * base and quote legs and the fee; completed deposits, withdrawals and transfers) is what was
 * held before. Nobody knows what that cost: the user may say (a cost per unit in the quote
 * asset); otherwise it is valued at the first price known for the asset (its first fill against
 * the quote, else today's price) and marked "first_price" wherever it is used.
 */
import type { OpeningPosition, TransferItem } from "@mexc-live/contract";
import { type Decimal, dec, exact, fmt, ZERO } from "@mexc-live/protocol";
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
  readonly book: Pick<PriceSource, "quote" | "marketOf" | "priceOf"> & {
    symbolFor(base: string, quote: string): string | undefined;
  };
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
  const firstPrice = new Map<string, string>();
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
    if (market.quoteAsset === quote && !firstPrice.has(market.baseAsset)) firstPrice.set(market.baseAsset, fill.price);
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
    if (asset === quote || quantity.lte(0)) continue;
    const given = input.costs.get(asset);
    const first = firstPrice.get(asset) ?? book.priceOf(asset, quote)?.toFixed() ?? null;
    positions.push({
      asset,
      quantity: exact(quantity),
      time: start,
      costPrice: given ?? (first === null ? null : fmt(dec(first))),
      source: given !== undefined ? "user" : "first_price",
      quote,
    });
  }
  return positions.sort((a, b) => a.asset.localeCompare(b.asset));
}
