/**
 * What changes what the account holds, as the portfolio (portfolio.ts) reads it: trades, money
 * moved in or out, conversions of small balances, and what was held before the known history.
 * Each carries the quote-currency value of its time that the cost basis needs; a value that could
 * not be priced is null (never a price of another time). Decimal strings throughout.
 */

/** How money that crossed the account's edge is counted in the bridge (contract's PerformanceBridge). */
export type FlowCategory = "deposits" | "withdrawals" | "transfers";

/** A fill: the base asset against the pair's quote asset, and its fee. */
export interface TradeEvent {
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
}

/**
 * A deposit, withdrawal or transfer: `amount` reached (in) or left (out) the account, and `fee`
 * left with it (a withdrawal's network fee). The money moved is their sum at `price`.
 */
export interface FlowEvent {
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
export interface ConversionEvent {
  readonly kind: "conversion";
  readonly time: number;
  readonly id: string;
  readonly gave: readonly { readonly asset: string; readonly amount: string; readonly price: string | null }[];
  readonly got: { readonly asset: string; readonly amount: string };
}

/** What was held before the known history starts, at the cost given by the user or its market value then. */
export interface OpeningEvent {
  readonly kind: "opening";
  readonly time: number;
  readonly asset: string;
  readonly quantity: string;
  /** Cost per unit in the quote currency; null when unknown. */
  readonly costPrice: string | null;
}

export type PortfolioEvent = TradeEvent | FlowEvent | ConversionEvent | OpeningEvent;

const KIND_ORDER: Record<PortfolioEvent["kind"], number> = { opening: 0, flow: 1, conversion: 2, trade: 3 };

/** The order events are applied in: by time; at one time openings, then flows, conversions, trades; then id. */
export function compareEvents(a: PortfolioEvent, b: PortfolioEvent): number {
  if (a.time !== b.time) return a.time - b.time;
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  const left = a.kind === "opening" ? a.asset : a.id;
  const right = b.kind === "opening" ? b.asset : b.id;
  return left < right ? -1 : left > right ? 1 : 0;
}
