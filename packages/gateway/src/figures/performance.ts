/**
 * Performance net of deposits and withdrawals. Money moved into or out of the account (deposits,
 * withdrawals with their fees, transfers to and from the futures wallet) is a flow, valued in the
 * quote currency when it happened; it is never a gain or a loss. The time-weighted return chains
 * the returns between flows: with equity E before each flow F,
 *
 *   TWR = prod over sub-periods ( E(end of sub-period) / (E(start) + F(start)) ) - 1
 *
 * so a deposit mid-range changes the equity but not the return.
 */
import type { EquityPoint, NetFlowPoint, PerformanceSummary, TransferItem } from "@mexc-live/contract";
import { type Decimal, dec, fmt, ZERO } from "@mexc-live/protocol";

export interface PerformanceInput {
  readonly from: number;
  readonly to: number;
  /** Equity points oldest first, covering at least [from, to] where known. */
  readonly equity: readonly EquityPoint[];
  /** Every transfer of the account (completed ones count), any order. */
  readonly transfers: readonly TransferItem[];
  /** The price of one `asset` in the quote currency near `time`; undefined when unknown. */
  readonly priceAt: (asset: string, time: number) => Decimal | undefined;
}

export interface Flow {
  readonly time: number;
  readonly value: Decimal;
}

/** Completed transfers as signed flows valued at their time, oldest first (unvalued ones left out). */
function valuedFlows(input: Pick<PerformanceInput, "transfers" | "priceAt">): Flow[] {
  const flows: Flow[] = [];
  for (const transfer of input.transfers) {
    if (transfer.status !== "completed") continue;
    const price = input.priceAt(transfer.asset, transfer.time);
    if (price === undefined) continue;
    const amount = dec(transfer.amount, "amount");
    const moved = transfer.direction === "in" ? amount : amount.plus(dec(transfer.fee, "fee")).times(-1);
    flows.push({ time: transfer.time, value: moved.times(price) });
  }
  return flows.sort((a, b) => a.time - b.time);
}

export function performance(input: PerformanceInput): PerformanceSummary {
  const flows = valuedFlows(input);
  let cumulative = ZERO;
  const netDeposits: NetFlowPoint[] = flows.map((flow) => {
    cumulative = cumulative.plus(flow.value);
    return { time: flow.time, value: fmt(cumulative) };
  });
  const inRange = flows.filter((flow) => flow.time >= input.from && flow.time <= input.to);
  const netFlows = inRange.reduce((sum, flow) => sum.plus(flow.value), ZERO);
  const equity = input.equity.filter((point) => point.time <= input.to);
  const startPoint = equity.find((point) => point.time >= input.from) ?? lastBefore(equity, input.from + 1);
  const endPoint = lastBefore(equity, input.to + 1);
  return {
    from: input.from,
    to: input.to,
    startEquity: startPoint?.equity ?? null,
    endEquity: endPoint?.equity ?? null,
    netFlows: fmt(netFlows),
    twr: timeWeightedReturn(equity, inRange, startPoint, endPoint),
    netDeposits,
  };
}

export function timeWeightedReturn(
  equity: readonly EquityPoint[],
  flows: readonly Flow[],
  start: EquityPoint | undefined,
  end: EquityPoint | undefined,
): string | null {
  if (start === undefined || end === undefined || end.time <= start.time) return null;
  let growth = dec("1");
  let base = dec(start.equity);
  let measured = false;
  let since = start.time;
  for (const flow of flows) {
    if (flow.time <= start.time || flow.time > end.time) continue;
    // The equity just before the flow: the last point taken before it, after the previous flow.
    const before = lastBefore(equity, flow.time);
    const fresh = before !== undefined && before.time >= since;
    since = flow.time;
    if (fresh && base.gt(0)) {
      growth = growth.times(dec(before.equity).div(base));
      measured = true;
      base = dec(before.equity).plus(flow.value);
    } else base = base.plus(flow.value);
  }
  if (base.gt(0)) {
    growth = growth.times(dec(end.equity).div(base));
    measured = true;
  }
  return measured ? fmt(growth.minus(1)) : null;
}

/** The last point strictly before `time`. */
function lastBefore(points: readonly EquityPoint[], time: number): EquityPoint | undefined {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((points[mid] as EquityPoint).time < time) low = mid + 1;
    else high = mid;
  }
  return low === 0 ? undefined : points[low - 1];
}
