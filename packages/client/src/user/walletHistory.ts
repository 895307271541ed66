/**
 * Deposits, withdrawals, spot <-> futures transfers, transfers to and from other MEXC users and
 * dust conversions over any range MEXC still serves, within its limits (protocol's
 * WALLET_HISTORY_*, TRANSFER_HISTORY_*, INTERNAL_TRANSFER_*, DUST_LOG_*): deposit and withdrawal
 * history in slices of at most 7 days, nothing older than 90 days, 1000 per call (a full page is
 * split like myTrades' pages, pageWalk.ts); transfers per direction (both account types are
 * required), in the same 7-day slices, page by page of 100, nothing older than six months;
 * internal transfers and the dust log page by page in the same 7-day slices, 90 days back
 * [UNCONFIRMED: no window documented]. Mexc.Net walks the same way (7-day slices,
 * MexcRestClientSpotApiShared.cs); ccxt sends one call and leaves the limits to its caller.
 *
 * Should MEXC still refuse a slice as too old (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.16: `{"msg":"The start time cannot be earlier
 * than 90 days","code":400}`, e.g. when its 90 days are counted from another clock), the slice is
 * asked again a day later, and so on: what MEXC will not serve any more is gone.
 *
 * A row holding a value outside protocol's bounds (a negative amount, an asset that is no name, a
 * time that is none) is skipped alone, told to `onRefused` (counted and said once per field and
 * reason, refusedValues.ts), and the good rows of its page are kept. Pages are walked over every row
 * MEXC sent, the refused ones included, so a full page still reads as full.
 */
import { DAY_MS, HOUR_MS, isMexcApiError } from "@mexc-live/protocol";
import {
  DUST_LOG_LIMIT_MAX,
  INTERNAL_TRANSFER_LIMIT,
  TRANSFER_HISTORY_MAX_AGE_MS,
  TRANSFER_HISTORY_SIZE_MAX,
  WALLET_HISTORY_LIMIT_MAX,
  WALLET_HISTORY_MAX_AGE_MS,
  WALLET_HISTORY_MAX_SPAN_MS,
} from "@mexc-live/protocol/limits";
import { TRANSFER_ACCOUNT_TYPES, type TransferType, type WalletTransfer } from "@mexc-live/protocol/wallet";
import { RECONCILE_MAX_PAGES } from "../constants.js";
import type { RestEndpoints } from "../rest/endpoints.js";
import {
  conversionFromRest,
  depositFromRest,
  internalTransferFromRest,
  transferFromRest,
  withdrawalFromRest,
} from "../rest/walletEvents.js";
import { walkPages } from "./pageWalk.js";
import { type OnRefused, readOrRefuse } from "./refusedValues.js";

/** Kept inside MEXC's look-back limits: a window a hair too old would be refused. */
const WALLET_LOOKBACK_MARGIN_MS = HOUR_MS;

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
  return now - walletMaxAge(type) + WALLET_LOOKBACK_MARGIN_MS;
}

function walletMaxAge(type: TransferType): number {
  return type === "transfer" ? TRANSFER_HISTORY_MAX_AGE_MS : WALLET_HISTORY_MAX_AGE_MS;
}

/** [from, to] cut into consecutive slices of at most `span` ms. */
export function slices(from: number, to: number, span: number): [number, number][] {
  const out: [number, number][] = [];
  for (let start = from; start <= to; start += span) out.push([start, Math.min(to, start + span - 1)]);
  return out;
}

/** A slice MEXC refuses as too old is asked again from this much later. */
const TOO_OLD_STEP_MS = DAY_MS;

/**
 * Every record of `type` in the range, oldest first, each once. The withdrawal history's
 * transfers to other MEXC users (`transferType` 1) are internal transfers: they come with
 * `internal_transfer`, not with `withdrawal`.
 */
export async function fetchWalletHistory(
  endpoints: RestEndpoints,
  type: TransferType,
  range: WalletRange,
  onRefused: OnRefused = () => {},
): Promise<WalletTransfer[]> {
  const from = Math.max(range.from, walletHorizon(type, range.now));
  if (from > range.to) return [];
  const found = new Map<string, WalletTransfer>();
  for (const [start, end] of slices(from, range.to, WALLET_HISTORY_MAX_SPAN_MS)) {
    for (const item of await fetchInsideWindow(endpoints, type, start, end, onRefused)) {
      if (item.type === type) found.set(item.id, item);
    }
  }
  return [...found.values()].sort((a, b) => a.time - b.time || a.id.localeCompare(b.id));
}

/**
 * One slice; while MEXC calls its start too old (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.16), the start moves a day forward (MEXC may
 * count its 90 days from another clock or midnight): what it will not serve is gone. Bounded: a
 * slice is 7 days.
 */
async function fetchInsideWindow(
  endpoints: RestEndpoints,
  type: TransferType,
  start: number,
  end: number,
  onRefused: OnRefused,
): Promise<WalletTransfer[]> {
  for (let from = start; from <= end; from += TOO_OLD_STEP_MS) {
    try {
      return await fetchSlice(endpoints, type, from, end, onRefused);
    } catch (error) {
      if (!isMexcApiError(error) || error.kind !== "history_window") throw error;
    }
  }
  return [];
}

async function fetchSlice(
  endpoints: RestEndpoints,
  type: TransferType,
  start: number,
  end: number,
  onRefused: OnRefused,
): Promise<WalletTransfer[]> {
  if (type === "transfer") return fetchTransfers(endpoints, start, end, onRefused);
  if (type === "conversion") return fetchConversions(endpoints, start, end, onRefused);
  if (type === "internal_transfer") {
    const sent = (await fetchSlice(endpoints, "withdrawal", start, end, onRefused)).filter(
      (item) => item.type === "internal_transfer",
    );
    return [...sent, ...(await fetchInternalTransfers(endpoints, start, end, sent, onRefused))];
  }
  let refusedRows = 0;
  const walk = await walkPages<WalletTransfer | RefusedRow>({
    fetch: async (startTime, endTime) => {
      const rows =
        type === "deposit"
          ? (await endpoints.deposits({ startTime, endTime, limit: WALLET_HISTORY_LIMIT_MAX })).map((row) =>
              rowOrRefused(() => depositFromRest(row), row.insertTime, startTime, onRefused),
            )
          : (await endpoints.withdrawals({ startTime, endTime, limit: WALLET_HISTORY_LIMIT_MAX })).map((row) =>
              rowOrRefused(() => withdrawalFromRest(row), row.applyTime, startTime, onRefused),
            );
      return rows.map((row) => (row.type === "refused" ? { ...row, id: `refused:${refusedRows++}` } : row));
    },
    limit: WALLET_HISTORY_LIMIT_MAX,
    timeOf: (item) => item.time,
    idOf: (item) => (item.type === "refused" ? item.id : `row:${item.id}`),
    from: start,
    to: end,
  });
  return walk.items.filter((item): item is WalletTransfer => item.type !== "refused");
}

/** A row skipped in a page walk: it still counts toward the page's length, at its time if it has one. */
interface RefusedRow {
  readonly type: "refused";
  readonly id: string;
  readonly time: number;
}

/** The row parsed, or (told to `onRefused`) a RefusedRow at `rawTime` when it is a time, else at `fallback`. */
function rowOrRefused(
  parse: () => WalletTransfer,
  rawTime: unknown,
  fallback: number,
  onRefused: OnRefused,
): WalletTransfer | RefusedRow {
  const row = readOrRefuse(parse, onRefused);
  if (row !== undefined) return row;
  const time = Number(rawTime);
  return { type: "refused", id: "", time: Number.isSafeInteger(time) && time >= fallback ? time : fallback };
}

/** Every row parsed by `parse`; a refused one skipped alone and told to `onRefused`. */
function parseRows<R, T>(rows: readonly R[], parse: (row: R) => T, onRefused: OnRefused): T[] {
  const out: T[] = [];
  for (const row of rows) {
    const item = readOrRefuse(() => parse(row), onRefused);
    if (item !== undefined) out.push(item);
  }
  return out;
}

/** Both directions between SPOT and FUTURES, every page. */
async function fetchTransfers(
  endpoints: RestEndpoints,
  start: number,
  end: number,
  onRefused: OnRefused,
): Promise<WalletTransfer[]> {
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
        out.push(...parseRows(answer.rows, transferFromRest, onRefused));
        seen += answer.rows.length;
        if (answer.rows.length < TRANSFER_HISTORY_SIZE_MAX || seen >= Number(answer.total)) break;
      }
    }
  }
  return out;
}

/** Pages of `limit` until one comes back short or the total is reached (bounded). */
async function everyPage<T>(
  fetchPage: (page: number) => Promise<{ rows: readonly T[]; total: number | undefined }>,
  limit: number,
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; page <= RECONCILE_MAX_PAGES; page++) {
    const { rows, total } = await fetchPage(page);
    out.push(...rows);
    if (rows.length < limit || (total !== undefined && out.length >= total)) break;
  }
  return out;
}

/** Transfers to and from other MEXC users; `sent` (the withdrawal history's) tells which were sent. */
async function fetchInternalTransfers(
  endpoints: RestEndpoints,
  start: number,
  end: number,
  sent: readonly WalletTransfer[],
  onRefused: OnRefused,
): Promise<WalletTransfer[]> {
  const rows = await everyPage(async (page) => {
    const answer = await endpoints.internalTransfers({
      startTime: start,
      endTime: end,
      page,
      limit: INTERNAL_TRANSFER_LIMIT,
    });
    return { rows: answer.data ?? [], total: countOf(answer.totalRecords) };
  }, INTERNAL_TRANSFER_LIMIT);
  return parseRows(rows, (row) => internalTransferFromRest(row, sent), onRefused);
}

/** The dust log: each conversion as its out rows and its MX in row. */
async function fetchConversions(
  endpoints: RestEndpoints,
  start: number,
  end: number,
  onRefused: OnRefused,
): Promise<WalletTransfer[]> {
  const entries = await everyPage(async (page) => {
    const answer = await endpoints.dustLog({ startTime: start, endTime: end, page, limit: DUST_LOG_LIMIT_MAX });
    return { rows: answer.data ?? [], total: countOf(answer.totalRecords) };
  }, DUST_LOG_LIMIT_MAX);
  return parseRows(entries, conversionFromRest, onRefused).flat();
}

function countOf(value: unknown): number | undefined {
  const number = Number(value);
  return value === undefined || value === null || !Number.isSafeInteger(number) ? undefined : number;
}
