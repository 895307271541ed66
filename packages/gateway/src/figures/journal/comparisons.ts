/**
 * The journal's two comparisons over a range (docs/figures.md "Journal"), from the readings
 * GET /api/performance measures the range with (portfolio/bridge.ts Reading: the holdings at a
 * moment and the prices then) and the range's flows:
 *
 *   againstHolding    the holdings at the start plus each flow in kind (a deposit of 1 BTC adds
 *                     1 BTC, a withdrawal takes it away), no trade: valued at the end,
 *                     holdingPnl = that value - start equity - net flows;
 *   againstBenchmark  the start equity and each flow put into one asset at its price then:
 *                     units = start equity / price(start) + sum of flow / price(flow's time),
 *                     benchmarkPnl = units x price(end) - start equity - net flows.
 *
 * `pnl` is Performance's own (end equity - start equity - net flows), and difference = pnl - the
 * comparison's: what the trades made against it. Assets Performance leaves out for want of a price
 * are left out here too (their flows with them), and named; a value the comparison needs that has
 * no price makes it null, naming the asset, never a guess. An asset withdrawn beyond what holding
 * still would hold is owed: a negative quantity at the end price. Values are rounded as the
 * bridge rounds them (decimalValueAt: once, where made); benchmark units are kept unrounded. Pure: no I/O.
 */
import type { JournalAgainstBenchmark, JournalAgainstHolding } from "@mexc-live/contract";
import { type Decimal, fixedDecimal, fmt, ZERO } from "@mexc-live/protocol";
import { decimalValueAt, type Reading } from "../portfolio/bridge.js";

/** A completed deposit, withdrawal or transfer of the range, of an asset Performance values. */
export interface RangeFlow {
  readonly time: number;
  readonly asset: string;
  /** Signed: + in, - out (a withdrawal with its network fee). */
  readonly quantity: Decimal;
  /** Its value then in the quote currency (signed as the quantity); null when unpriced. */
  readonly value: Decimal | null;
}

export interface ComparisonInput {
  /** Performance's reading of the range's start and of its end. */
  readonly start: Reading;
  readonly end: Reading;
  /** Performance's pnl and start equity over the range. */
  readonly pnl: Decimal;
  readonly startEquity: Decimal;
  /** Assets Performance left out (no price), sorted. */
  readonly unpriced: readonly string[];
  /** The range's flows of the other assets, oldest first. */
  readonly flows: readonly RangeFlow[];
}

/** pnl, the comparison's pnl, their difference; null and the assets that had no price where it cannot be worked out. */
function answer(input: ComparisonInput, value: Decimal | null, netFlows: Decimal, missing: ReadonlySet<string>) {
  const own = value === null || missing.size > 0 ? null : value.minus(input.startEquity).minus(netFlows);
  return {
    pnl: fmt(input.pnl),
    other: own === null ? null : fmt(own),
    difference: own === null ? null : fmt(input.pnl.minus(own)),
    unpriced: [...new Set([...input.unpriced, ...missing])].sort(),
  };
}

/** The net flows of the range in the quote currency; the assets of those without a price added to `missing`. */
function netFlowsOf(flows: readonly RangeFlow[], missing: Set<string>): Decimal {
  let net = ZERO;
  for (const flow of flows) {
    if (flow.value === null) missing.add(flow.asset);
    else net = net.plus(flow.value);
  }
  return net;
}

export function againstHolding(input: ComparisonInput): JournalAgainstHolding {
  const left = new Set(input.unpriced);
  const held = new Map<string, Decimal>();
  for (const [asset, totals] of input.start.totals) {
    if (!left.has(asset) && totals.quantity !== 0n) held.set(asset, fixedDecimal(totals.quantity));
  }
  for (const flow of input.flows) held.set(flow.asset, (held.get(flow.asset) ?? ZERO).plus(flow.quantity));
  const missing = new Set<string>();
  const netFlows = netFlowsOf(input.flows, missing);
  let value = ZERO;
  for (const [asset, quantity] of held) {
    const worth = decimalValueAt(quantity, quantity.eq(0) ? null : input.end.price(asset));
    if (worth === null) missing.add(asset);
    else value = value.plus(worth);
  }
  const { pnl, other, difference, unpriced } = answer(input, value, netFlows, missing);
  return { pnl, holdingPnl: other, difference, unpriced };
}

/**
 * Against `asset`: its price at the start is the start reading's, at a flow's time `priceAt`'s
 * (the moment the flow was valued at), at the end the end reading's.
 */
export function againstBenchmark(
  input: ComparisonInput,
  asset: string,
  priceAt: (asset: string, time: number) => Decimal | null,
): JournalAgainstBenchmark {
  const missing = new Set<string>();
  const netFlows = netFlowsOf(input.flows, missing);
  let units = ZERO;
  const buy = (money: Decimal, price: Decimal | null) => {
    if (money.eq(0)) return;
    if (price === null || price.lte(0)) missing.add(asset);
    else units = units.plus(money.div(price));
  };
  buy(input.startEquity, input.start.price(asset));
  for (const flow of input.flows) if (flow.value !== null) buy(flow.value, priceAt(asset, flow.time));
  const value = decimalValueAt(units, units.eq(0) ? null : input.end.price(asset));
  if (value === null) missing.add(asset);
  const { pnl, other, difference, unpriced } = answer(input, value, netFlows, missing);
  return { asset, pnl, benchmarkPnl: other, difference, unpriced };
}

/** The comparisons of a range Performance has no figure for (before the history, in the future): nothing to compare. */
export function noComparison(asset: string | undefined): {
  readonly holding: JournalAgainstHolding;
  readonly benchmark: JournalAgainstBenchmark | null;
} {
  const none = { pnl: null, difference: null, unpriced: [] };
  return {
    holding: { ...none, holdingPnl: null },
    benchmark: asset === undefined ? null : { asset, ...none, benchmarkPnl: null },
  };
}
