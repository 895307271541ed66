/**
 * The range the performance section shows, in words: the span the gateway measured ("2026-11-20
 * 00:00 – 2026-11-20 24:00 (UTC)": a range that ends at a midnight ends at the day's last
 * instant, so it reads as that day's 24:00, not the next day's 00:00), and a sentence when the
 * range is not all inside the known history (the answer's `coverage`) or is not a range at all.
 */
import type { PerformanceSummary } from "@mexc-live/contract";
import { formatDateTime, formatDay } from "../format/time.js";
import { type DisplayZone, dayStart } from "../format/timeZone.js";

/** An end this near now reads "now" (the gateway takes an end within two minutes of now as live). */
const NOW_WINDOW_MS = 120_000;

/** "2026-11-20 14:15" in the zone. */
function minuteText(ms: number, zone: DisplayZone): string {
  return formatDateTime(ms, zone).slice(0, 16);
}

/** A range's end: "now", the day's "24:00" for a midnight, or its minute. */
function endText(to: number, now: number, zone: DisplayZone): string {
  if (to >= now - NOW_WINDOW_MS && to <= now + NOW_WINDOW_MS) return "now";
  if (dayStart(to, zone) === to) return `${formatDay(to - 1, zone)} 24:00`;
  return minuteText(to, zone);
}

/** The span measured: "2026-11-23 00:00 – now (GMT+1)". */
export function spanText(
  summary: Pick<PerformanceSummary, "from" | "to">,
  now: number,
  zone: DisplayZone,
  label: string,
): string {
  return `${minuteText(summary.from, zone)} – ${endText(summary.to, now, zone)} (${label})`;
}

/** The picked days are not a range: the sentence shown instead of any figure. */
export const REVERSED_DAYS =
  "No figures: the first day picked is after the last. Pick a first day on or before the last.";

/**
 * What the headline says about the range against the history; null when it is all inside it.
 * `beforeHistory` and `future` come with no figure (the gateway sends none).
 */
export function coverageText(summary: PerformanceSummary, zone: DisplayZone): string | null {
  const coverage = summary.coverage;
  if (coverage === undefined) return null;
  const starts = coverage.historyStartsAt === null ? null : minuteText(coverage.historyStartsAt, zone);
  switch (coverage.status) {
    case "covered":
      return null;
    case "startsBeforeHistory":
      return `The history mexc-live knows starts on ${starts}: the figures start there.`;
    case "beforeHistory":
      return `No figures: this range ends before the history mexc-live knows, which starts on ${starts}.`;
    case "future":
      return "No figures yet: this range starts after now.";
    case "noHistory":
      return "No figures: mexc-live knows no history of this account yet.";
  }
}

/** Whether the answer has no figure by design (not a range of the history). */
export function hasNoFigures(summary: PerformanceSummary): boolean {
  const status = summary.coverage?.status;
  return status === "beforeHistory" || status === "future" || status === "noHistory";
}
