/**
 * Equity for the days before the gateway ran, worked out from the history: the balances now,
 * walked back through every fill (base and quote legs, the fee) and every completed deposit,
 * withdrawal and transfer, give what was held at the end of each UTC day; each asset is valued at
 * the price the account traded it at nearest that day's end (else today's). The points are marked
 * estimated.
 */
import type { EquityPoint, TransferItem } from "@mexc-live/contract";
import { type Decimal, dec, fmt, ZERO } from "@mexc-live/protocol";
import type { PriceSource } from "./priceBook.js";

const DAY_MS = 86_400_000;

export interface EquityHistoryInput {
  readonly balances: readonly { readonly asset: string; readonly free: string; readonly locked: string }[];
  /** Every fill, newest first. */
  readonly fillsNewestFirst: Iterable<{
    readonly symbol: string;
    readonly side: "BUY" | "SELL";
    readonly quantity: string;
    readonly amount: string;
    readonly fee: string;
    readonly feeCurrency: string;
    readonly time: number;
  }>;
  readonly transfers: readonly TransferItem[];
  readonly markets: Pick<PriceSource, "marketOf">;
  /** The first day whose end is worked out (ms). */
  readonly from: number;
  /** Points end before this (the first equity measured live). */
  readonly until: number;
  /** One unit of `asset` in the quote currency near `time`; undefined when unknown (the asset is left out). */
  readonly priceAt: (asset: string, time: number) => Decimal | undefined;
}

export function equityHistory(input: EquityHistoryInput): EquityPoint[] {
  const held = new Map<string, Decimal>();
  const add = (asset: string, amount: Decimal) => held.set(asset, (held.get(asset) ?? ZERO).plus(amount));
  for (const b of input.balances) add(b.asset, dec(b.free, "free").plus(dec(b.locked, "locked")));
  // Undo, newest first, what each event did to the balances.
  const transfers = input.transfers.filter((t) => t.status === "completed").sort((a, b) => b.time - a.time);
  const fills = input.fillsNewestFirst[Symbol.iterator]();
  let nextFill = fills.next();
  let transferIndex = 0;
  const undoUntil = (time: number) => {
    while (!nextFill.done && nextFill.value.time > time) {
      const fill = nextFill.value;
      const market = input.markets.marketOf(fill.symbol);
      if (market !== undefined) {
        const sign = fill.side === "BUY" ? -1 : 1;
        add(market.baseAsset, dec(fill.quantity, "quantity").times(sign));
        add(market.quoteAsset, dec(fill.amount, "amount").times(-sign));
        if (fill.feeCurrency !== "") add(fill.feeCurrency, dec(fill.fee, "fee"));
      }
      nextFill = fills.next();
    }
    while (transferIndex < transfers.length && (transfers[transferIndex] as TransferItem).time > time) {
      const t = transfers[transferIndex] as TransferItem;
      const amount = dec(t.amount, "amount");
      if (t.direction === "in") add(t.asset, amount.times(-1));
      else add(t.asset, amount.plus(dec(t.fee, "fee")));
      transferIndex++;
    }
  };
  const points: EquityPoint[] = [];
  const firstEnd = Math.floor(input.from / DAY_MS) * DAY_MS + DAY_MS - 1;
  let end = Math.floor((input.until - 1) / DAY_MS) * DAY_MS - 1;
  for (; end >= firstEnd; end -= DAY_MS) {
    undoUntil(end);
    let equity = ZERO;
    const byAsset: Record<string, string> = {};
    for (const [asset, amount] of held) {
      if (amount.lte(0)) continue;
      const price = input.priceAt(asset, end);
      if (price === undefined) continue;
      const value = amount.times(price);
      byAsset[asset] = fmt(value);
      equity = equity.plus(value);
    }
    points.push({ time: end, equity: fmt(equity), byAsset, estimated: true });
  }
  return points.reverse();
}
