/**
 * A candle row is checked before it is stored and again when it is read (a row an older version
 * stored, before this check, must not make a figure fail): its open and close times lie in MEXC's
 * window with the close after the open, its close is a positive decimal within protocol's bounds
 * (valueBounds.ts). A row that fails is skipped and counted (CandleStore.refused), and said once
 * per place and reason.
 */
import { decimalProblem, timeProblem } from "@mexc-live/protocol";
import type { Logger } from "../logging.js";

/** Why a candle's open time, close time and close cannot be stored or used, or undefined. */
export function candleProblem(openTime: unknown, closeTime: unknown, close: unknown, now: number): string | undefined {
  const open = timeProblem(openTime, now);
  if (open !== undefined) return `openTime ${open}`;
  const closing = timeProblem(closeTime, now);
  if (closing !== undefined) return `closeTime ${closing}`;
  if ((closeTime as number) <= (openTime as number)) return "closeTime not after openTime";
  const price = decimalProblem(close, "positive");
  return price === undefined ? undefined : `close ${price}`;
}

/** Rows refused, by where: "written" (from MEXC's answer) and "read" (already in the file). */
export interface CandleRefusals {
  written: number;
  read: number;
}

/** Counts a refused row and says it once per place and reason. */
export class CandleRefusalCounter {
  readonly counts: CandleRefusals = { written: 0, read: 0 };
  private readonly said = new Set<string>();

  constructor(private readonly logger: Pick<Logger, "warn"> | undefined) {}

  refuse(where: keyof CandleRefusals, symbol: string, reason: string): void {
    this.counts[where]++;
    const cause = `${where}|${reason}`;
    if (this.said.has(cause)) return;
    this.said.add(cause);
    this.logger?.warn(
      { where, symbol: symbol.slice(0, 32), reason },
      "candle row out of bounds skipped; counted, said once per reason",
    );
  }
}
