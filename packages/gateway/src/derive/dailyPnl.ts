/**
 * PnL per UTC day, kept as fills are applied, so PnL by day, week or month over any range is a
 * walk over a few hundred days, not over every fill: per day the fees paid and the PnL realized
 * (per cost-basis method, valued in the quote currency at fill time), and the unrealized PnL of
 * what was held at the day's close (at the last price the account traded each symbol at).
 */
import type { PnlPeriod, PnlPeriodItem } from "@mexc-live/contract";
import { type Decimal, dec, fmt, ZERO } from "@mexc-live/protocol";
import { COST_METHODS, type CostMethod } from "./costBasis/positionBook.js";

interface Day {
  fees: Decimal;
  realized: Record<CostMethod, Decimal>;
  /** At the day's close; undefined while the day is open, null when it could not be valued. */
  unrealized: Record<CostMethod, Decimal | null> | undefined;
}

/** DailyPnl as plain JSON, for checkpoints: day -> [fees, realized per method, unrealized per method]. */
export type DailyPnlState = Record<string, [string, Record<string, string>, Record<string, string | null> | null]>;

const DAY_MS = 86_400_000;

export class DailyPnl {
  private readonly days = new Map<string, Day>();
  /** Sorted day keys, rebuilt when a day is added. */
  private sorted: string[] | undefined;

  constructor(state?: DailyPnlState) {
    for (const [day, [fees, realized, unrealized]] of Object.entries(state ?? {})) {
      this.days.set(day, {
        fees: dec(fees),
        realized: { avg: dec(realized.avg ?? "0"), fifo: dec(realized.fifo ?? "0") },
        unrealized:
          unrealized === null
            ? undefined
            : {
                avg: unrealized.avg == null ? null : dec(unrealized.avg),
                fifo: unrealized.fifo == null ? null : dec(unrealized.fifo),
              },
      });
    }
  }

  addFees(day: string, value: Decimal): void {
    const entry = this.of(day);
    entry.fees = entry.fees.plus(value);
  }

  addRealized(day: string, method: CostMethod, value: Decimal): void {
    const entry = this.of(day);
    entry.realized[method] = entry.realized[method].plus(value);
  }

  close(day: string, unrealized: Record<CostMethod, Decimal | null>): void {
    this.of(day).unrealized = unrealized;
  }

  /**
   * The periods of [from, to] (ms, UTC). Unrealized at a period's end is that of the last closed
   * day up to it; `open` is the last day with fills, not closed yet (its close as things stand);
   * `live` (today's, at live prices) stands for the period that holds `live.day`.
   */
  periods(
    period: PnlPeriod,
    from: number,
    to: number,
    method: CostMethod,
    live?: { day: string; unrealized: Decimal | null },
    open?: { day: string; unrealized: Decimal | null },
  ): PnlPeriodItem[] {
    const days = this.sortedDays();
    const items: PnlPeriodItem[] = [];
    let index = lowerBound(days, dayOf(from));
    for (let start = periodStart(period, from); start <= to; start = nextPeriod(period, start)) {
      const end = nextPeriod(period, start) - 1;
      let realized = ZERO;
      let fees = ZERO;
      const lastDay = dayOf(Math.min(end, to));
      while (index < days.length && (days[index] as string) <= lastDay) {
        const day = this.days.get(days[index] as string) as Day;
        if ((days[index] as string) >= dayOf(Math.max(start, from))) {
          realized = realized.plus(day.realized[method]);
          fees = fees.plus(day.fees);
        }
        index++;
      }
      const holdsLive = live !== undefined && live.day >= dayOf(start) && live.day <= dayOf(end);
      const unrealized = holdsLive
        ? live.unrealized
        : open !== undefined && lastDay >= open.day
          ? open.unrealized
          : this.unrealizedAt(days, lastDay, method);
      items.push({
        period: dayOf(start),
        from: start,
        to: end,
        realized: fmt(realized),
        unrealized: unrealized === null ? null : fmt(unrealized),
        fees: fmt(fees),
        method,
      });
    }
    return items;
  }

  save(): DailyPnlState {
    const out: DailyPnlState = {};
    for (const [day, entry] of this.days) {
      out[day] = [
        entry.fees.toFixed(),
        Object.fromEntries(COST_METHODS.map((m) => [m, entry.realized[m].toFixed()])),
        entry.unrealized === undefined
          ? null
          : Object.fromEntries(COST_METHODS.map((m) => [m, entry.unrealized?.[m]?.toFixed() ?? null])),
      ];
    }
    return out;
  }

  /** The unrealized PnL at the close of the last closed day on or before `day`; 0 before any. */
  private unrealizedAt(days: readonly string[], day: string, method: CostMethod): Decimal | null {
    // The last day on or before `day`, then back to the last one that was closed.
    for (let i = lowerBound(days, `${day}~`) - 1; i >= 0; i--) {
      const entry = this.days.get(days[i] as string) as Day;
      if (entry.unrealized !== undefined) return entry.unrealized[method];
    }
    return ZERO;
  }

  private of(day: string): Day {
    let entry = this.days.get(day);
    if (!entry) {
      entry = { fees: ZERO, realized: { avg: ZERO, fifo: ZERO }, unrealized: undefined };
      this.days.set(day, entry);
      this.sorted = undefined;
    }
    return entry;
  }

  private sortedDays(): string[] {
    this.sorted ??= [...this.days.keys()].sort();
    return this.sorted;
  }
}

let cachedDay = Number.NaN;
let cachedText = "";

/** YYYY-MM-DD of a time (UTC); the last one is kept (fills come in time order, many a day). */
export function dayOf(time: number): string {
  const day = Math.floor(time / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedText = new Date(day * DAY_MS).toISOString().slice(0, 10);
  }
  return cachedText;
}

/** The start (ms) of the period holding `time`: the UTC day, the ISO week (Monday), the month. */
export function periodStart(period: PnlPeriod, time: number): number {
  const date = new Date(time);
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  if (period === "day") return day;
  if (period === "week") return day - ((date.getUTCDay() + 6) % 7) * DAY_MS;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

function nextPeriod(period: PnlPeriod, start: number): number {
  if (period === "day") return start + DAY_MS;
  if (period === "week") return start + 7 * DAY_MS;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** The first index whose key is >= `key`. */
function lowerBound(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((keys[mid] as string) < key) low = mid + 1;
    else high = mid;
  }
  return low;
}
