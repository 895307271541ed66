/**
 * What the header says about the backfill of MEXC's history (health's `history`): while it runs,
 * "history: 18 of 30 days, 4 symbols left" with a progress bar; once complete, a quiet "history:
 * complete since 2025-01-15" (the date the known history reaches back to). With several accounts
 * the gateway reads a few accounts' histories at a time: one waiting says "history: queued, 2
 * accounts first".
 */
import type { HistoryProgress } from "@mexc-live/contract";
import { formatDateTime } from "../format/time.js";

export type HistoryView =
  | {
      readonly state: "backfilling";
      readonly text: string;
      /** Days fetched of `total`, for the progress bar. */
      readonly done: number;
      readonly total: number;
      readonly detail: string;
    }
  | { readonly state: "queued"; readonly text: string; readonly detail: string }
  | { readonly state: "complete"; readonly text: string; readonly detail: string };

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function day(ms: number): string {
  return formatDateTime(ms).slice(0, 10);
}

/** null when the gateway has not planned a backfill (or says nothing about it). */
export function describeHistory(progress: HistoryProgress | undefined): HistoryView | null {
  if (!progress) return null;
  const { days, symbols, counts } = progress;
  const stored = `${plural(counts.fills, "fill", "fills")}, ${plural(counts.orders, "order", "orders")}, ${plural(
    counts.deposits,
    "deposit",
    "deposits",
  )}, ${plural(counts.withdrawals, "withdrawal", "withdrawals")}, ${plural(counts.transfers, "transfer", "transfers")}`;
  if (progress.state === "complete") {
    const finished = progress.completedAt === null ? "" : ` (finished ${formatDateTime(progress.completedAt)})`;
    return {
      state: "complete",
      text: `history: complete since ${day(progress.from)}`,
      detail: `The account's history from ${day(progress.from)} on was read from MEXC${finished}: ${stored}.`,
    };
  }
  if (progress.state === "queued") {
    const ahead = progress.ahead ?? 0;
    return {
      state: "queued",
      text: `history: queued, ${plural(ahead, "account", "accounts")} first`,
      detail: `The gateway reads a few accounts' histories from MEXC at a time, in the accounts' order; this one's starts after ${plural(ahead, "account", "accounts")} (its live updates and the last day's fills do not wait).`,
    };
  }
  const left = Math.max(0, symbols.total - symbols.done);
  const symbolsLeft = left > 0 ? `, ${plural(left, "symbol", "symbols")} left` : "";
  return {
    state: "backfilling",
    text: `history: ${days.done} of ${days.total} days${symbolsLeft}`,
    done: Math.min(days.done, days.total),
    total: Math.max(days.total, 1),
    detail: `Reading the account's history from ${day(progress.from)} on from MEXC; stored so far: ${stored}.`,
  };
}
