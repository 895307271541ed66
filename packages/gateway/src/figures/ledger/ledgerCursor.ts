/**
 * The one cursor of the ledger (legs.ts): the account's history from the store, in the ledger's
 * order, the only way anything reaches a figure (keeper.ts feeds every read model from it; the
 * tax report walks it): what was held before the known history (openings), every completed
 * deposit, withdrawal and transfer, every conversion of small balances, every fill. Each is
 * valued at the market prices of its time: a fill by its stored valuation (made at its time,
 * fees.ts), the rest by MEXC's candles (pastPrices.ts). A price still being fetched makes the leg
 * unpriced for now and is reported in `pendingFrom`, so the keeper resumes from there once it
 * arrives. A fill is split into base and quote by `marketOf` (the keeper's FillPairs: listed,
 * remembered, or by its spelling); one it cannot split is an unplaced leg, counted per pair.
 */
import type { OpeningPosition, TransferItem } from "@mexc-live/contract";
import type { FiguresRow, GatewayStore } from "../../store/index.js";
import type { PastPrices } from "../pastPrices.js";
import { BUCKET_MS } from "../portfolio/portfolioModel.js";
import type { MarketInfo } from "../priceBook.js";
import {
  type ConversionLeg,
  compareLegs,
  type FlowCategory,
  type FlowLeg,
  type Leg,
  type OpeningLeg,
  type TradeLeg,
  type UnplacedLeg,
} from "./legs.js";

export interface LedgerCursor {
  /** Every leg at or after `from` (all of them: -Infinity), in the ledger's order; up to `until` when given. */
  legs(from: number, until?: HistoryBound): Generator<Leg>;
  /** A stored fill as its leg (a fill stored after the last one the models hold). */
  legOf(fill: FiguresRow): TradeLeg | UnplacedLeg;
  /** The earliest time whose valuation waits on a candle not fetched yet (after `legs` ran). */
  readonly pendingFrom: number | undefined;
  /** Per pair that could not be split into base and quote (its unplaced legs), its fills the last walk saw. */
  readonly unplaced: ReadonlyMap<string, number>;
}

/** A walk's consistent view (the tax export spans turns of the loop): events up to `to`, fills stored up to `upToRow`. */
export interface HistoryBound {
  readonly to: number;
  /** The store's fillsMark() when the walk began. */
  readonly upToRow: number;
}

export interface LedgerCursorDeps {
  readonly store: GatewayStore;
  readonly prices: Pick<PastPrices, "lookup" | "quote">;
  readonly marketOf: (symbol: string) => Pick<MarketInfo, "baseAsset" | "quoteAsset"> | undefined;
  readonly openings: readonly OpeningPosition[];
  /** When the known history starts. */
  readonly start: number | undefined;
  /** The transfers to read (a pass from scratch reads those its openings were worked out with); default the store's now. */
  readonly transfers?: readonly TransferItem[];
}

/** When the openings sit: just before the bucket holding the start of the history (its start is the history's first mark). */
function openingTime(start: number | undefined): number | undefined {
  return start === undefined ? undefined : Math.floor(start / BUCKET_MS) * BUCKET_MS - 1;
}

export function ledgerCursor(deps: LedgerCursorDeps): LedgerCursor {
  const state = { pendingFrom: undefined as number | undefined, unplaced: new Map<string, number>() };
  const pending = (time: number) => {
    if (state.pendingFrom === undefined || time < state.pendingFrom) state.pendingFrom = time;
  };
  const priceAt = (asset: string, time: number): string | null => {
    const found = deps.prices.lookup(asset, time);
    if (found.kind === "pending") pending(time);
    return found.kind === "price" ? found.price.toFixed() : null;
  };

  /** A walk's events besides the fills (openings, transfers, conversions), oldest first, and how far it has yielded them. */
  interface Walk {
    readonly others: readonly Leg[];
    next: number;
  }

  function begin(from: number, until?: HistoryBound): Walk {
    state.pendingFrom = undefined;
    state.unplaced = new Map();
    const others: Leg[] = [];
    const at = openingTime(deps.start);
    if (at !== undefined && at >= from) {
      for (const opening of deps.openings) {
        others.push({
          kind: "opening",
          time: at,
          asset: opening.asset,
          quantity: opening.quantity,
          costPrice: opening.costPrice,
        } satisfies OpeningLeg);
      }
    }
    const conversions = new Map<string, TransferItem[]>();
    for (const transfer of deps.transfers ?? deps.store.allTransfers()) {
      if (transfer.status !== "completed" || transfer.time < from) continue;
      if (until !== undefined && transfer.time > until.to) continue;
      if (transfer.type === "conversion") {
        // One conversion's legs share a txId (the client's conversionFromRest); without one, its time.
        const key = transfer.txId === "" ? `time:${transfer.time}` : transfer.txId;
        conversions.set(key, [...(conversions.get(key) ?? []), transfer]);
        continue;
      }
      others.push(flowOf(transfer, priceAt(transfer.asset, transfer.time)));
    }
    for (const legs of conversions.values()) others.push(...conversionOf(legs, priceAt));
    others.sort(compareLegs);
    return { others, next: 0 };
  }

  /** Pushes onto `out` the walk's other legs before `fill`, then its own. */
  function pushFill(fill: FiguresRow, walk: Walk, out: Leg[]): void {
    const leg = legOf(fill);
    if (leg.kind === "unplaced") state.unplaced.set(fill.symbol, (state.unplaced.get(fill.symbol) ?? 0) + 1);
    while (walk.next < walk.others.length && compareLegs(walk.others[walk.next] as Leg, leg) < 0)
      out.push(walk.others[walk.next++] as Leg);
    out.push(leg);
  }

  function* legs(from: number, until?: HistoryBound): Generator<Leg> {
    const walk = begin(from, until);
    const fills = deps.store.figuresHistoryUpTo(
      until?.to ?? Number.MAX_SAFE_INTEGER,
      until?.upToRow ?? Number.MAX_SAFE_INTEGER,
      Number.isFinite(from) ? from : undefined,
    );
    const out: Leg[] = [];
    for (const fill of fills) {
      pushFill(fill, walk, out);
      for (const event of out) yield event;
      out.length = 0;
    }
    while (walk.next < walk.others.length) yield walk.others[walk.next++] as Leg;
  }

  function legOf(fill: FiguresRow): TradeLeg | UnplacedLeg {
    const market = deps.marketOf(fill.symbol);
    if (market === undefined) return { kind: "unplaced", time: fill.time, id: fill.tradeId, fill };
    const quote = deps.prices.quote;
    // A pair against the quote currency needs no other price: its amount is its value.
    const value = market.quoteAsset === quote ? fill.amount : fill.amountValue;
    const feeValue = fill.feeCurrency === quote ? fill.fee : fill.feeValue;
    // A value still null is being made (figures/fillValuer.ts says when), or no candle has it.
    return {
      kind: "trade",
      time: fill.time,
      id: fill.tradeId,
      base: market.baseAsset,
      quote: market.quoteAsset,
      side: fill.side,
      quantity: fill.quantity,
      amount: fill.amount,
      fee: fill.fee,
      feeCurrency: fill.feeCurrency,
      value,
      feeValue: fill.fee === "0" ? "0" : feeValue,
      fill,
    };
  }

  return {
    legs,
    legOf,
    get pendingFrom() {
      return state.pendingFrom;
    },
    get unplaced() {
      return state.unplaced;
    },
  };
}

/** Which line of the bridge a wallet movement is. */
function categoryOf(transfer: TransferItem): FlowCategory {
  if (transfer.type === "deposit") return "deposits";
  if (transfer.type === "withdrawal") return "withdrawals";
  return "transfers";
}

function flowOf(transfer: TransferItem, price: string | null): FlowLeg {
  return {
    kind: "flow",
    time: transfer.time,
    id: `${transfer.type}:${transfer.id}`,
    category: categoryOf(transfer),
    asset: transfer.asset,
    direction: transfer.direction,
    amount: transfer.amount,
    fee: transfer.fee,
    price,
  };
}

/**
 * One conversion's rows (same time and transaction id): the small balances given, the asset got.
 * Rows without the asset got are money leaving, as transfers, so nothing is invented.
 */
function conversionOf(legs: readonly TransferItem[], priceAt: (asset: string, time: number) => string | null): Leg[] {
  const first = legs[0] as TransferItem;
  const got = legs.find((leg) => leg.direction === "in");
  if (got === undefined) return legs.map((leg) => flowOf({ ...leg, type: "transfer" }, priceAt(leg.asset, leg.time)));
  const event: ConversionLeg = {
    kind: "conversion",
    time: first.time,
    id: `conversion:${got.id}`,
    gave: legs
      .filter((leg) => leg.direction === "out")
      .map((leg) => ({ asset: leg.asset, amount: leg.amount, price: priceAt(leg.asset, leg.time) })),
    got: { asset: got.asset, amount: got.amount },
  };
  return [event];
}
