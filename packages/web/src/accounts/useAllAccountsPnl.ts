/**
 * PnL across accounts, for the "All accounts" summary, read at each `readAt` (the account list's
 * read, then a moment after fills: useReadAfterChange), not per price move: the daily periods of the last PNL_SPAN_DAYS naming no account
 * (ALL_ACCOUNTS: the gateway sums them across accounts) for the combined figures, and the same
 * periods of each listed account, naming it (one read per account), for its realized PnL and the
 * unrealized PnL of its period ending now (shown where its equity point carries none: liveUnrealized.ts).
 */
import type { PnlPeriodItem } from "@mexc-live/contract";
import { useMemo } from "react";
import { ALL_ACCOUNTS, getRead, type ReadFor, readForAccount } from "../api/http.js";
import { useDisplayZone } from "../format/TimeZoneContext.js";
import type { Unrealized } from "./liveUnrealized.js";
import {
  type CombinedPnl,
  combinedPnl,
  pnlSpanQuery,
  pricesAwaited,
  sumRealized,
  unrealizedNow,
} from "./pnlAcrossAccounts.js";
import { useSummaryRead } from "./useSummaryRead.js";

interface AccountRealized {
  readonly name: string;
  /** Realized over the span; null: this account's read failed. */
  readonly realized: string | null;
  /** The unrealized PnL of its period holding the read's moment (unrealizedNow); undefined: not read. */
  readonly unrealized?: Unrealized;
  /** The assets whose past prices that figure still waits on (pricesAwaited). */
  readonly awaited?: readonly string[];
}

export interface PnlAcrossAccounts {
  /** null until first read. */
  readonly combined: CombinedPnl | null;
  /** In the order of the accounts given; empty until first read. */
  readonly byAccount: readonly AccountRealized[];
  /** The last read failed (the figures shown, if any, are older). */
  readonly failed: boolean;
}

interface Read {
  readonly combined: CombinedPnl;
  readonly byAccount: readonly AccountRealized[];
}

const NO_ACCOUNTS: readonly AccountRealized[] = [];

async function readPnl(names: readonly string[], now: number, signal: AbortSignal): Promise<Read> {
  const query = pnlSpanQuery(now);
  const periods = (readFor: ReadFor) =>
    getRead("pnlPeriods", query, signal, readFor).then((page): readonly PnlPeriodItem[] => page.body.items);
  const [all, ...each] = await Promise.allSettled([
    periods(ALL_ACCOUNTS),
    ...names.map((name) => periods(readForAccount(name))),
  ]);
  if (all?.status !== "fulfilled") throw all?.reason;
  const byAccount = names.map((name, index) => {
    const read = each[index];
    let realized: string | null = null;
    let unrealized: Unrealized;
    let awaited: readonly string[] = [];
    try {
      if (read?.status === "fulfilled") {
        realized = sumRealized(read.value);
        unrealized = unrealizedNow(read.value, now);
        awaited = pricesAwaited(read.value, now);
      }
    } catch {
      // Not a decimal: shown as not read, never as a figure.
    }
    return awaited.length > 0 ? { name, realized, unrealized, awaited } : { name, realized, unrealized };
  });
  return { combined: combinedPnl(all.value, now), byAccount };
}

/**
 * Read when `readAt` (useReadAfterChange), the accounts' names or the page's zone change (the days,
 * "today" among them, are the zone's: apiPath names it on every read); nothing while `readAt` is null.
 */
export function useAllAccountsPnl(readAt: number | null, names: readonly string[]): PnlAcrossAccounts {
  const zone = useDisplayZone();
  const key = `${zone.name}\n${names.join("\n")}`;
  const { value, failed } = useSummaryRead(readAt, (now, signal) => readPnl(names, now, signal), key);
  return useMemo(
    () => ({ combined: value?.combined ?? null, byAccount: value?.byAccount ?? NO_ACCOUNTS, failed }),
    [value, failed],
  );
}
