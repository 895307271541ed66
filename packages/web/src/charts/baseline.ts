/**
 * The "no gain, no loss" line of a range: equity at the range's start plus the net deposits since
 * (deposits minus withdrawals, transfers in minus out, each valued when it happened), a step at
 * each flow. Where the account's equity would stand had it gained and lost nothing: the gap
 * between the equity line and this one is the PnL since the range began, and at the range's end
 * it is the headline's PnL (endEquity - startEquity - netFlows). Exact decimal strings (protocol's
 * decimal module) until drawn.
 */
import type { NetFlowPoint } from "@mexc-live/contract";
import { dec, exact, isDecimal, ZERO } from "@mexc-live/protocol";

/**
 * The steps over [from, to] (ms): the start equity at `from`, then at each flow after `from` up to
 * `to` the start equity plus the flows since. `netDeposits` is the cumulative line since the
 * history began (GET /api/performance's `netDeposits`), any order; a value that is not a decimal
 * is left out, as if that flow were unknown.
 */
export function baselineSteps(
  startEquity: string,
  netDeposits: readonly NetFlowPoint[],
  from: number,
  to: number,
): NetFlowPoint[] {
  if (!isDecimal(startEquity)) return [];
  const start = dec(startEquity);
  const flows = netDeposits.filter((point) => isDecimal(point.value)).sort((a, b) => a.time - b.time);
  let held = ZERO;
  const steps: NetFlowPoint[] = [{ time: from, value: exact(start) }];
  for (const flow of flows) {
    if (flow.time <= from) held = dec(flow.value);
    else if (flow.time <= to) steps.push({ time: flow.time, value: exact(start.plus(dec(flow.value)).minus(held)) });
  }
  return steps;
}

/** The line's value at `time` (the last step at or before it); undefined before its first step. */
export function baselineAt(steps: readonly NetFlowPoint[], time: number): string | undefined {
  let value: string | undefined;
  for (const step of steps) {
    if (step.time > time) break;
    value = step.value;
  }
  return value;
}
