/**
 * How long each pair's round trips held what they sold (GET /api/journal/holding-times; docs/figures.md
 * "Holding time"), read off the journal's trips (trips.ts): a trip's units are taken from the
 * pair's purchases oldest first (as its openTime), each part held from its purchase to the fill
 * that sold it; the trip's time held is those parts' times weighted by quantity, to the
 * millisecond (half up). Per pair, over its trips closed in the range: how many, how many are
 * measured (every unit sold has a known purchase: none held from before the history), and the
 * measured trips' mean and median days, each trip counting once. Integer milliseconds summed
 * exactly; days to 8 places (a millisecond is 1.2e-8 days).
 */
import type { HoldingTimeItem } from "@mexc-live/contract";
import { DAY_MS, type Decimal, dec, fmt, ROUND_HALF_EVEN } from "@mexc-live/protocol";
import { figureRead } from "../figureRead.js";
import { forEachInSlices } from "../sliceBudget.js";
import { type JournalModels, rangeOf } from "./journalReads.js";
import type { Trip } from "./tripTable.js";

/** Places of the days given. */
const DAY_PLACES = 8;

/** The trips' range: closed from `from` to `to` (ms, both included; undefined: open). */
interface HoldingRange {
  readonly from: number | undefined;
  readonly to: number | undefined;
}

interface PairTally {
  trips: number;
  /** The measured trips' ms held. */
  readonly held: number[];
}

/** Per pair (of `symbol` alone when given), the days its trips closed in `range` held what they sold; by symbol. */
async function holdingTimes(trips: Iterable<Trip>, range: HoldingRange, symbol?: string): Promise<HoldingTimeItem[]> {
  const pairs = new Map<string, PairTally>();
  const from = range.from ?? Number.NEGATIVE_INFINITY;
  const to = range.to ?? Number.POSITIVE_INFINITY;
  // Half a million trips at a million fills: in slices of the event loop, as the journal's.
  await forEachInSlices(trips, (trip) => {
    if (trip.closeTime < from || trip.closeTime > to || (symbol !== undefined && trip.symbol !== symbol)) return;
    let tally = pairs.get(trip.symbol);
    if (tally === undefined) {
      tally = { trips: 0, held: [] };
      pairs.set(trip.symbol, tally);
    }
    tally.trips++;
    const ms = heldMs(trip);
    if (ms !== undefined) tally.held.push(ms);
  });
  return [...pairs.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([pair, tally]) => ({ symbol: pair, trips: tally.trips, measured: tally.held.length, ...daysOf(tally.held) }));
}

/** A trip's time held, ms (its parts' weighted by quantity, half up); undefined when a unit it sold has no known purchase. */
function heldMs(trip: Trip): number | undefined {
  if (trip.quantity <= 0n || trip.heldQuantity !== trip.quantity) return undefined;
  return Number((2n * trip.heldWeight + trip.heldQuantity) / (2n * trip.heldQuantity));
}

function daysOf(held: number[]): Pick<HoldingTimeItem, "averageDays" | "medianDays"> {
  if (held.length === 0) return { averageDays: null, medianDays: null };
  let total = 0n;
  for (const ms of held) total += BigInt(ms);
  held.sort((a, b) => a - b);
  const middle = held.length >> 1;
  const median =
    held.length % 2 === 1
      ? dec(String(held[middle]))
      : dec(String(held[middle - 1]))
          .plus(held[middle] as number)
          .div(2);
  return {
    averageDays: days(dec(String(total)).div(held.length)),
    medianDays: days(median),
  };
}

function days(ms: Decimal): string {
  return fmt(ms.div(DAY_MS).round(DAY_PLACES, ROUND_HALF_EVEN));
}

export const holdingTimesRead = figureRead("holdingTimes", {
  answer: async ({ keeper }: JournalModels, query) => {
    await keeper.ready();
    await keeper.journal.load();
    // The trips' units and times are the same by either method: the default's list.
    return holdingTimes(keeper.journal.trips(keeper.figures.method), rangeOf(query), query.symbol);
  },
});
