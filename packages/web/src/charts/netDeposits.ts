/**
 * The net deposits line of the equity chart: deposits minus withdrawals so far, a step line (a
 * value holds until the next flow). Cut to the plotted window: the value held at its start, the
 * flows within it, and the last value carried on to its end (the newest equity point, i.e. now),
 * so the line never stretches the chart's time axis beyond the equity line's.
 */
import type { NetFlowPoint } from "@mexc-live/contract";
import type { LinePoint } from "./equitySeries.js";
import { chartNumber, toChartSeconds } from "./numbers.js";

/** The step line over [fromMs, toMs] (ms, inclusive); empty when no flow is known by `toMs`. */
export function netDepositsLine(points: readonly NetFlowPoint[], fromMs: number, toMs: number): LinePoint[] {
  // A value that is not a number is left out, as if that flow were unknown.
  const valued: { time: number; value: number }[] = [];
  for (const point of points) {
    const value = chartNumber(point.value);
    if (value !== undefined) valued.push({ time: point.time, value });
  }
  valued.sort((a, b) => a.time - b.time);
  const steps: { time: number; value: number }[] = [];
  let held: number | undefined;
  for (const point of valued) {
    if (point.time > toMs) break;
    if (point.time <= fromMs) held = point.value;
    else steps.push(point);
  }
  if (held !== undefined) steps.unshift({ time: fromMs, value: held });
  const last = steps[steps.length - 1];
  if (last !== undefined && last.time < toMs) steps.push({ time: toMs, value: last.value });

  const out: LinePoint[] = [];
  for (const step of steps) {
    const time = toChartSeconds(step.time);
    const previous = out[out.length - 1];
    if (previous && previous.time === time) out[out.length - 1] = { time, value: step.value };
    else out.push({ time, value: step.value });
  }
  return out;
}
