/**
 * The ledger's legs: what changes what the account holds, in the one order every figure reads
 * it (ledgerCursor.ts): trades, money moved in or out, conversions of small balances, and what
 * was held before the known history. Each carries the quote-currency value of its time that the
 * cost basis needs; a value that could not be priced is null (never a price of another time).
 * Decimal strings throughout. A trade carries its stored fill too: the figures by pair and the
 * journal read the fill as stored (its pair's own quote asset, its order), the portfolio its legs.
 */
import type { FiguresRow } from "../../store/index.js";

/** How money that crossed the account's edge is counted in the bridge (contract's PerformanceBridge). */
export type FlowCategory = "deposits" | "withdrawals" | "transfers";

/** A fill: the base asset against the pair's quote asset, and its fee. */
export interface TradeLeg {
  readonly kind: "trade";
  readonly time: number;
  /** Unique among trades (the trade id). */
  readonly id: string;
  readonly base: string;
  /** The pair's quote asset. */
  readonly quote: string;
  readonly side: "BUY" | "SELL";
  readonly quantity: string;
  /** In the pair's quote asset. */
  readonly amount: string;
  readonly fee: string;
  readonly feeCurrency: string;
  /** `amount` in the gateway's quote currency at the fill's time; null when unpriced. */
  readonly value: string | null;
  /** `fee` in the gateway's quote currency at the fill's time; null when unpriced. */
  readonly feeValue: string | null;
  /** The fill as stored. */
  readonly fill: FiguresRow;
}

/**
 * A fill whose pair cannot be split into base and quote (not in the symbol list, nor by the
 * spelling rule): the figures by pair read it as their pair's own; nothing moves by asset.
 */
export interface UnplacedLeg {
  readonly kind: "unplaced";
  readonly time: number;
  /** The trade id. */
  readonly id: string;
  readonly fill: FiguresRow;
}

/**
 * A deposit, withdrawal or transfer: `amount` reached (in) or left (out) the account, and `fee`
 * left with it (a withdrawal's network fee). The money moved is their sum at `price`.
 */
export interface FlowLeg {
  readonly kind: "flow";
  readonly time: number;
  readonly id: string;
  readonly category: FlowCategory;
  readonly asset: string;
  readonly direction: "in" | "out";
  readonly amount: string;
  readonly fee: string;
  /** One unit of `asset` in the quote currency at `time`; null when unpriced. */
  readonly price: string | null;
}

/**
 * Small balances converted into one asset (MEXC's dust to MX): each small balance is disposed of,
 * and the asset received costs what was given for it. Not money crossing the edge: never a flow.
 */
export interface ConversionLeg {
  readonly kind: "conversion";
  readonly time: number;
  readonly id: string;
  readonly gave: readonly { readonly asset: string; readonly amount: string; readonly price: string | null }[];
  readonly got: { readonly asset: string; readonly amount: string };
}

/** What was held before the known history starts, at the cost given by the user or its market value then. */
export interface OpeningLeg {
  readonly kind: "opening";
  readonly time: number;
  readonly asset: string;
  readonly quantity: string;
  /** Cost per unit in the quote currency; null when unknown. */
  readonly costPrice: string | null;
}

export type Leg = TradeLeg | UnplacedLeg | FlowLeg | ConversionLeg | OpeningLeg;

/** Fills, placed or not, sort among themselves by trade id (the store's order). */
const KIND_ORDER: Record<Leg["kind"], number> = { opening: 0, flow: 1, conversion: 2, trade: 3, unplaced: 3 };

/** The ledger's order: by time; at one time openings, then flows, conversions, fills; then id. */
export function compareLegs(a: Leg, b: Leg): number {
  if (a.time !== b.time) return a.time - b.time;
  const kinds = KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  if (kinds !== 0) return kinds;
  const left = a.kind === "opening" ? a.asset : a.id;
  const right = b.kind === "opening" ? b.asset : b.id;
  return left < right ? -1 : left > right ? 1 : 0;
}
