/**
 * PnL over time, under the equity chart: at each equity point of the range, equity minus the
 * range's "no gain, no loss" line (start equity plus the net deposits since: baseline.ts), so the
 * line is 0 where the range begins and ends at the range's PnL. The assets the range's answer
 * left out for want of a price (`unpriced`) are left out of the equity too, as they are of its
 * start equity and flows. The same points as the equity chart, so both share a time grid.
 * Floats, for drawing only (the figures in words are the gateway's exact ones).
 */
import type { EquityPoint, NetFlowPoint } from "@mexc-live/contract";
import { chartNumber } from "./numbers.js";
import type { Sample } from "./timeGrid.js";

/**
 * `points`: known equity points, ascending (equitySeries.ts knownPoints); `steps`: the baseline,
 * ascending. A point before the baseline's first step, or whose equity is not a number, has no PnL.
 */
export function pnlSamples(
  points: readonly EquityPoint[],
  steps: readonly NetFlowPoint[],
  unpriced: readonly string[] = [],
): Sample[] {
  const out: Sample[] = [];
  let next = 0;
  let held: number | undefined;
  for (const point of points) {
    while (next < steps.length && (steps[next] as NetFlowPoint).time <= point.time) {
      held = chartNumber((steps[next] as NetFlowPoint).value) ?? held;
      next++;
    }
    let equity = chartNumber(point.equity);
    for (const asset of unpriced)
      equity = equity === undefined ? undefined : equity - (chartNumber(point.byAsset[asset]) ?? 0);
    if (held === undefined || equity === undefined) continue;
    out.push({ time: point.time, value: equity - held });
  }
  return out;
}
