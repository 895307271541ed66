/**
 * The bridge from start to end equity (GET /api/performance's `bridge`) as the waterfall draws
 * it: one bar per part, in the order start equity, deposits, withdrawals, transfers, realized,
 * unrealized, fees, end equity; each change a bar from the running total before it to the one
 * after, the two equities bars of their own. The parts are checked exactly (protocol's decimal
 * module): every part but end equity must sum to it, and realized + unrealized + fees to the PnL;
 * a bridge that does not add up says by how much, never hides it. Floats only for bar lengths.
 */
import type { PerformanceBridge } from "@mexc-live/contract";
import { dec, exact, isDecimal, ZERO } from "@mexc-live/protocol";
import { chartNumber } from "../charts/numbers.js";

type BridgeKey = keyof PerformanceBridge;

export interface BridgePart {
  readonly key: BridgeKey;
  readonly label: string;
  /** What the figure is, for its tooltip (the definitions: docs/figures.md). */
  readonly hint: string;
  readonly kind: "total" | "change";
}

/** The bridge's parts as the panel shows them: the contract's BRIDGE_PARTS in its order, each with its words. */
export const BRIDGE_ROWS: readonly BridgePart[] = [
  {
    key: "startEquity",
    label: "Start equity",
    kind: "total",
    hint: "What everything held was worth at the start of the range, at the market prices of that moment",
  },
  {
    key: "deposits",
    label: "Deposits",
    kind: "change",
    hint: "Deposits that arrived within the range, each valued at the market price when it arrived: money paid in, not a gain",
  },
  {
    key: "withdrawals",
    label: "Withdrawals",
    kind: "change",
    hint: "Withdrawals within the range, the amount and the network fee, each valued at the market price when it left: money taken out, not a loss",
  },
  {
    key: "transfers",
    label: "Transfers",
    kind: "change",
    hint: "Transfers to and from the account's other wallets and other MEXC users within the range, in minus out, each valued when it happened",
  },
  {
    key: "realized",
    label: "Realized",
    kind: "change",
    hint: "PnL of what was disposed of within the range (sold, withdrawn, transferred out, paid as a fee): what it was worth then minus what it cost, by the cost-basis method picked",
  },
  {
    key: "unrealized",
    label: "Unrealized",
    kind: "change",
    hint: "How the PnL of what is still held changed over the range: its value minus its cost at the end, minus the same at the start",
  },
  {
    key: "fees",
    label: "Fees",
    kind: "change",
    hint: "Trading fees paid within the range, each valued when paid",
  },
  {
    key: "endEquity",
    label: "End equity",
    kind: "total",
    hint: "What everything held is worth at the end of the range (now, at the live prices, for a range up to now)",
  },
];

export interface BridgeBar extends BridgePart {
  /** The gateway's exact figure. */
  readonly value: string;
  /** The bar's ends on the value axis (floats): a total from `axisMin`, a change between the running totals around it. */
  readonly start: number;
  readonly end: number;
}

export interface BridgeView {
  readonly bars: readonly BridgeBar[];
  /** The value axis the bars are drawn on. */
  readonly axisMin: number;
  readonly axisMax: number;
  /** The parts' sum minus end equity (exact), when it is not 0: the bridge does not add up. */
  readonly mismatch: string | null;
  /** realized + unrealized + fees (exact): the PnL the bridge explains. */
  readonly pnl: string;
}

/** Share of the span left around the bars, so the smallest change still shows beside a big total. */
const AXIS_PADDING = 0.08;

/** The waterfall of a bridge; null when any part is not a decimal. */
export function bridgeView(bridge: PerformanceBridge): BridgeView | null {
  for (const part of BRIDGE_ROWS) if (!isDecimal(bridge[part.key])) return null;
  let sum = ZERO;
  for (const part of BRIDGE_ROWS) if (part.key !== "endEquity") sum = sum.plus(dec(bridge[part.key]));
  const difference = sum.minus(dec(bridge.endEquity));
  const pnl = exact(dec(bridge.realized).plus(dec(bridge.unrealized)).plus(dec(bridge.fees)));

  // Running totals as floats, for the bars only.
  const totals: number[] = [];
  let running = chartNumber(bridge.startEquity) ?? 0;
  totals.push(running);
  const bars: { part: BridgePart; value: string; start: number; end: number }[] = [];
  for (const part of BRIDGE_ROWS) {
    const value = bridge[part.key];
    if (part.kind === "total") {
      const total = chartNumber(value) ?? 0;
      totals.push(total);
      bars.push({ part, value, start: Number.NaN, end: total });
      continue;
    }
    const next = running + (chartNumber(value) ?? 0);
    bars.push({ part, value, start: running, end: next });
    totals.push(next);
    running = next;
  }
  // The axis spans the running totals: the changes, often small beside the equity, stay readable.
  // When it does not reach 0, the two equity bars are drawn cut (from the axis' start).
  const low = Math.min(...totals);
  const high = Math.max(...totals);
  const pad = (high - low) * AXIS_PADDING || Math.abs(high) * AXIS_PADDING || 1;
  const axisMin = low >= 0 && low - pad <= 0 ? 0 : low - pad;
  const axisMax = high + pad;
  return {
    bars: bars.map(({ part, value, start, end }) => ({
      ...part,
      value,
      start: Number.isNaN(start) ? Math.min(axisMin, end) : start,
      end,
    })),
    axisMin,
    axisMax,
    mismatch: difference.eq(ZERO) ? null : exact(difference),
    pnl,
  };
}
