/**
 * The journal of all accounts (the fold of the API table's journal row, accountFolds.ts; its
 * trips are paged as every list, allAccountsPages.ts): every account's trips as the API gives them, merged by close time; the
 * statistics worked out again over the merged trips, never summed (a streak or a best trip is
 * not a sum); the comparisons, which add up, summed. One account's journal: the gateway's
 * figures/journal/journalReads.ts.
 */
import type { JournalAgainstBenchmark, JournalAgainstHolding, JournalSummary, JournalTrip } from "@mexc-live/contract";
import { MAX_PAGE_LIMIT } from "@mexc-live/contract";
import { type Decimal, fmt, ZERO } from "@mexc-live/protocol";
import { outcomeOfItem, SummaryTally } from "../../figures/journal/journalAnswers.js";
import { rangeOf, type SummaryQuery, summaryOf } from "../../figures/journal/journalReads.js";
import { forEachInSlices } from "../../figures/sliceBudget.js";
import { leftOutTogether } from "../../figures/sumAccounts.js";
import type { AccountEntry } from "../accountDirectory.js";
import { askRead, type GatewayQueries } from "./gatewayQueries.js";

/**
 * The journal for all accounts: the statistics over every account's trips merged by close time
 * (each account's read in pages), the drawdown over all accounts' equity and net deposits (`all`:
 * their folded reads), the comparisons of each account (`answers`) summed.
 */
export async function allAccountsJournal(
  entries: readonly AccountEntry[],
  all: GatewayQueries,
  answers: readonly JournalSummary[],
  query: SummaryQuery,
): Promise<JournalSummary> {
  const range = rangeOf(query);
  const { benchmark: _benchmark, ...tripsQuery } = query;
  const perAccount = await Promise.all(entries.map((entry) => everyTrip(entry.queries, tripsQuery)));
  // Each account's trips oldest close first; merged by close time, an earlier account first at a tie.
  const merged = perAccount
    .flatMap((trips, account) => trips.map((trip, at) => ({ trip, account, at })))
    .sort((a, b) => a.trip.closeTime - b.trip.closeTime || a.account - b.account || a.at - b.at);
  const tally = new SummaryTally();
  await forEachInSlices(merged, ({ trip }) => tally.add(outcomeOfItem(trip)));
  return summaryOf(tally, range, all, sumComparisons(answers, query.benchmark));
}

/** Every trip of an account in the range, oldest close first, read page by page. */
async function everyTrip(queries: GatewayQueries, query: Omit<SummaryQuery, "benchmark">): Promise<JournalTrip[]> {
  const pages: JournalTrip[][] = [];
  let cursor: string | undefined;
  do {
    const page = await askRead(queries, "journalTrips", {
      ...query,
      limit: MAX_PAGE_LIMIT,
      ...(cursor === undefined ? {} : { cursor }),
    });
    pages.push([...page.items]);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return pages.flat().reverse();
}

/** a + b of two amounts, null when either is. */
function plus(a: Decimal | null, b: string | null): Decimal | null {
  return a === null || b === null ? null : a.plus(b);
}

const text = (value: Decimal | null) => (value === null ? null : fmt(value));

/**
 * Every account's comparisons summed: against holding still, and against `benchmark` when asked;
 * each part summed (null where one account's is), the unpriced assets together, pending when one
 * account's prices are.
 */
export function sumComparisons(
  answers: readonly JournalSummary[],
  benchmark: string | undefined,
): { readonly holding: JournalAgainstHolding | null; readonly benchmark: JournalAgainstBenchmark | null } {
  return {
    holding: sumHolding(answers.map((answer) => answer.againstHolding)),
    benchmark: benchmark === undefined ? null : sumBenchmark(benchmark, answers),
  };
}

/** Every account's comparison summed (holding still is one per account: the sums are all accounts'); null when one has none. */
function sumHolding(parts: readonly (JournalAgainstHolding | null)[]): JournalAgainstHolding | null {
  return sumParts(parts, ["pnl", "holdingPnl", "difference"]);
}

function sumBenchmark(asset: string, answers: readonly JournalSummary[]): JournalAgainstBenchmark | null {
  const sums = sumParts(
    answers.map((answer) => answer.againstBenchmark),
    ["pnl", "benchmarkPnl", "difference"],
  );
  return sums === null ? null : { asset, ...sums };
}

/**
 * `keys` of every part summed (null where one part's is null), their unpriced assets together,
 * pending when one part's prices are; null when a part is.
 */
function sumParts<
  P extends { readonly unpriced: readonly string[]; readonly pricesPending?: boolean },
  K extends keyof P & string,
>(
  parts: readonly (P | null)[],
  keys: readonly K[],
): ({ [F in K]: string | null } & { unpriced: string[]; pricesPending?: true }) | null {
  if (parts.some((part) => part === null)) return null;
  const sums = keys.map((): Decimal | null => ZERO);
  for (const part of parts as P[]) {
    keys.forEach((key, at) => {
      sums[at] = plus(sums[at] ?? null, part[key] as string | null);
    });
  }
  const summed = Object.fromEntries(keys.map((key, at) => [key, text(sums[at] ?? null)]));
  const { unpriced, pricesPending } = leftOutTogether(parts as P[]);
  return { ...summed, unpriced, ...(pricesPending ? { pricesPending: true } : {}) } as { [F in K]: string | null } & {
    unpriced: string[];
    pricesPending?: true;
  };
}
