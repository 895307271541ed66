/**
 * Deposits, withdrawals and spot <-> futures transfers over any range MEXC still serves, within
 * its limits (protocol's WALLET_HISTORY_* and TRANSFER_HISTORY_*): deposit and withdrawal
 * history in slices of at most 7 days, nothing older than 90 days, 1000 per call (a full page is
 * split like myTrades' pages, pageWalk.ts); transfers per direction (both account types are
 * required), in the same 7-day slices, page by page of 100, nothing older than six months.
 * Mexc.Net walks the same way (7-day slices, MexcRestClientSpotApiShared.cs); ccxt sends one
 * call and leaves the limits to its caller.
 */
import {
  TRANSFER_ACCOUNT_TYPES,
  TRANSFER_HISTORY_MAX_AGE_MS,
  TRANSFER_HISTORY_SIZE_MAX,
  type TransferType,
  WALLET_HISTORY_LIMIT_MAX,
  WALLET_HISTORY_MAX_AGE_MS,
  WALLET_HISTORY_MAX_SPAN_MS,
  type WalletTransfer,
} from "@mexc-live/protocol";
import { RECONCILE_MAX_PAGES } from "../constants.js";
import type { RestEndpoints } from "../rest/endpoints.js";
import { depositFromRest, transferFromRest, withdrawalFromRest } from "../rest/walletEvents.js";
import { walkPages } from "./pageWalk.js";

/** Kept inside MEXC's look-back limits: a window a hair too old would be refused. */
export const WALLET_LOOKBACK_MARGIN_MS = 60 * 60 * 1000;

export interface WalletRange {
  /** ms, inclusive; clamped to what MEXC still serves. */
  readonly from: number;
  /** ms, inclusive. */
  readonly to: number;
  /** Server time now (the look-back limits count from it). */
  readonly now: number;
}

/** How far back each kind can be asked for, from `now`. */
export function walletHorizon(type: TransferType, now: number): number {
  const age = type === "transfer" ? TRANSFER_HISTORY_MAX_AGE_MS : WALLET_HISTORY_MAX_AGE_MS;
  return now - age + WALLET_LOOKBACK_MARGIN_MS;
}

/** [from, to] cut into consecutive slices of at most `span` ms. */
export function slices(from: number, to: number, span: number): [number, number][] {
  const out: [number, number][] = [];
  for (let start = from; start <= to; start += span) out.push([start, Math.min(to, start + span - 1)]);
  return out;
}

/** Every deposit, withdrawal or transfer in the range, oldest first, each once. */
export async function fetchWalletHistory(
  endpoints: RestEndpoints,
  type: TransferType,
  range: WalletRange,
): Promise<WalletTransfer[]> {
  const from = Math.max(range.from, walletHorizon(type, range.now));
  if (from > range.to) return [];
  const found = new Map<string, WalletTransfer>();
  for (const [start, end] of slices(from, range.to, WALLET_HISTORY_MAX_SPAN_MS)) {
    for (const item of await fetchSlice(endpoints, type, start, end)) found.set(item.id, item);
  }
  return [...found.values()].sort((a, b) => a.time - b.time || a.id.localeCompare(b.id));
}

async function fetchSlice(
  endpoints: RestEndpoints,
  type: TransferType,
  start: number,
  end: number,
): Promise<WalletTransfer[]> {
  if (type === "transfer") return fetchTransfers(endpoints, start, end);
  const walk = await walkPages({
    fetch: async (startTime, endTime) =>
      type === "deposit"
        ? (await endpoints.deposits({ startTime, endTime, limit: WALLET_HISTORY_LIMIT_MAX })).map(depositFromRest)
        : (await endpoints.withdrawals({ startTime, endTime, limit: WALLET_HISTORY_LIMIT_MAX })).map(
            withdrawalFromRest,
          ),
    limit: WALLET_HISTORY_LIMIT_MAX,
    timeOf: (item) => item.time,
    idOf: (item) => item.id,
    from: start,
    to: end,
  });
  return walk.items;
}

/** Both directions between SPOT and FUTURES, every page. */
async function fetchTransfers(endpoints: RestEndpoints, start: number, end: number): Promise<WalletTransfer[]> {
  const out: WalletTransfer[] = [];
  for (const from of TRANSFER_ACCOUNT_TYPES) {
    for (const to of TRANSFER_ACCOUNT_TYPES) {
      if (from === to) continue;
      let seen = 0;
      for (let page = 1; page <= RECONCILE_MAX_PAGES; page++) {
        const answer = await endpoints.transfers({
          from,
          to,
          startTime: start,
          endTime: end,
          page,
          size: TRANSFER_HISTORY_SIZE_MAX,
        });
        out.push(...answer.rows.map(transferFromRest));
        seen += answer.rows.length;
        if (answer.rows.length < TRANSFER_HISTORY_SIZE_MAX || seen >= Number(answer.total)) break;
      }
    }
  }
  return out;
}
