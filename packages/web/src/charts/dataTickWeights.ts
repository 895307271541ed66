/**
 * Tick marks that say the day where the data changes day (issue 57 item 4: on 30 d and All every
 * tick of the equity and PnL charts read "15:00" and none a date).
 *
 * lightweight-charts weighs each time of the axis against the time just before it (its
 * fillWeightsForPoints): a new year weighs most, then a new month, a new day, a new 12 hours, ...
 * and the ticks go to the heaviest times that fit. On our grid (timeGrid.ts) the time before a
 * point is mostly whitespace one step earlier, so a day's estimated equity at 15:59:59 (the end of
 * its UTC day, in Los Angeles) weighed as an hour against the empty 14:00 slot. And with
 * `ignoreWhitespaceIndices` ticks sit only on times with data, so every tick was such a point, an
 * hour: "15:00". Here a time with data is weighed against the last time with data before it: a
 * point on another day than the point before it weighs as a day ("3 Nov"), in another month as a
 * month ("Nov"). A time without data keeps the library's weighing; a chart without whitespace
 * (the candles) is weighed as the library would. On a chart whose data spans more than a day, a
 * tick of a clock time names its day too ("27 Nov 10:00": today's hours at the right end).
 *
 * The weights are the library's TickMarkWeight values (lightweight-charts 5.2.1, dist
 * `weightByTime`, `intradayWeightDivisors`, `weightToTickMarkType`), the times its UTCTimestamp
 * seconds, read with UTC getters (numbers.ts toChartSeconds: shifted by the zone's offset).
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from "@mexc-live/protocol";
import {
  defaultHorzScaleBehavior,
  type IHorzScaleBehavior,
  type LocalizationOptions,
  type Mutable,
  type TickMark,
  type TickMarkWeightValue,
  type Time,
  type TimeScalePoint,
} from "lightweight-charts";
import { zonedDayTimeLabel } from "./lightweightTheme.js";

/** The library's TickMarkWeight (a const enum it does not export). */
const WEIGHT = { lessThanSecond: 0, year: 70, month: 60, day: 50 } as const;
const INTRADAY: readonly { readonly divisor: number; readonly weight: number }[] = [
  { divisor: 12 * HOUR_MS, weight: 33 },
  { divisor: 6 * HOUR_MS, weight: 32 },
  { divisor: 3 * HOUR_MS, weight: 31 },
  { divisor: HOUR_MS, weight: 30 },
  { divisor: 30 * MINUTE_MS, weight: 22 },
  { divisor: 5 * MINUTE_MS, weight: 21 },
  { divisor: MINUTE_MS, weight: 20 },
  { divisor: SECOND_MS, weight: 10 },
];

/** The weight of chart time `seconds` after `before` (both chart seconds): the library's weightByTime. */
export function weightBetween(seconds: number, before: number): number {
  const now = new Date(seconds * 1000);
  const then = new Date(before * 1000);
  if (now.getUTCFullYear() !== then.getUTCFullYear()) return WEIGHT.year;
  if (now.getUTCMonth() !== then.getUTCMonth()) return WEIGHT.month;
  if (now.getUTCDate() !== then.getUTCDate()) return WEIGHT.day;
  for (const { divisor, weight } of INTRADAY) {
    if (Math.floor(now.getTime() / divisor) !== Math.floor(then.getTime() / divisor)) return weight;
  }
  return WEIGHT.lessThanSecond;
}

/** What fillDataWeights needs of a point: its time as given (chart seconds) and its weight. */
type WeighedPoint = Pick<Mutable<TimeScalePoint>, "timeWeight" | "originalTime">;

/**
 * Weighs `points` (ascending) from `start` on: a time with data against the last time with data
 * before it, any other against the time just before it; the first point against one average step
 * before it (the library's guess, over the times with data).
 */
export function fillDataWeights(
  points: readonly WeighedPoint[],
  start: number,
  hasData: (seconds: number) => boolean,
): void {
  const timeOf = (index: number) => Number((points[index] as WeighedPoint).originalTime);
  let lastData: number | undefined;
  for (let index = start - 1; index >= 0 && lastData === undefined; index--) {
    if (hasData(timeOf(index))) lastData = timeOf(index);
  }
  let previous = start > 0 ? timeOf(start - 1) : undefined;
  for (let index = start; index < points.length; index++) {
    const time = timeOf(index);
    const data = hasData(time);
    const against = data ? (lastData ?? previous) : previous;
    if (against !== undefined)
      (points[index] as WeighedPoint).timeWeight = weightBetween(time, against) as TickMarkWeightValue;
    if (data) lastData = time;
    previous = time;
  }
  if (start === 0 && points.length > 1) {
    // The first is weighed against one average step before it: between the times with data (a
    // day's, on 30 days: it reads "28 Oct", not "10:00"), or between every time where none has.
    const data = points.map((_, index) => timeOf(index)).filter(hasData);
    const [from, to, gaps] =
      data.length > 1
        ? [data[0] as number, data[data.length - 1] as number, data.length - 1]
        : [timeOf(0), timeOf(points.length - 1), points.length - 1];
    const step = Math.ceil((to - from) / gaps);
    (points[0] as WeighedPoint).timeWeight = weightBetween(timeOf(0), timeOf(0) - step) as TickMarkWeightValue;
  }
}

export interface DataTickBehavior {
  readonly behavior: IHorzScaleBehavior<Time>;
  /** The chart times (seconds) that carry a value, in any series: set before the series' data (setDataTimes). */
  dataTimes: ReadonlySet<number> | undefined;
  /** The data spans more than a day: a clock-time tick names its day. */
  daysApart: boolean;
  /** Hears each tick label the chart formats (the chart keeps them for readers and tests). */
  onLabel: ((label: string) => void) | undefined;
}

/** The library's time behaviour with fillDataWeights; `dataTimes` undefined: every time has data. */
export function dataTickBehavior(): DataTickBehavior {
  const Time = defaultHorzScaleBehavior();
  const handle: DataTickBehavior = {
    behavior: undefined as unknown as IHorzScaleBehavior<Time>,
    dataTimes: undefined,
    daysApart: false,
    onLabel: undefined,
  };
  class DataWeighted extends Time {
    override fillWeightsForPoints(points: readonly Mutable<TimeScalePoint>[], start: number): void {
      const times = handle.dataTimes;
      fillDataWeights(points, start, times === undefined ? () => true : (seconds) => times.has(seconds));
    }
    override formatTickmark(mark: TickMark, localization: LocalizationOptions<Time>): string {
      const label =
        handle.daysApart && mark.weight < WEIGHT.day
          ? zonedDayTimeLabel(mark.originalTime as Time)
          : super.formatTickmark(mark, localization);
      handle.onLabel?.(label);
      return label;
    }
  }
  (handle as { behavior: IHorzScaleBehavior<Time> }).behavior = new DataWeighted();
  return handle;
}

/** The times' span is more than a day (chart seconds). */
export function spansDays(times: ReadonlySet<number>): boolean {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const time of times) {
    first = Math.min(first, time);
    last = Math.max(last, time);
  }
  return last - first > DAY_MS / 1000;
}
