/**
 * What the client refuses of MEXC's answers and pushes: a balance, fill, order or wallet row holding
 * a value outside protocol's bounds (valueBounds.ts). The item is skipped, counted and said once per
 * (field, reason), never with the value itself: the one counter is UnknownValues (unknownValues.ts),
 * under the value `refusedValue(reason)`; reconcile.ts, userStream.ts and walletHistory.ts all note
 * their refusals there.
 */
import { assetProblem, decimalProblem, type Fill, isProtocolError, type ProtocolError } from "@mexc-live/protocol";
import type { RestTrade } from "@mexc-live/protocol/rest";
import { fillFromRest } from "../rest/toEvents.js";
import type { UnknownValues } from "./unknownValues.js";

/** Hears a refused item: its field and why (counted and said once per pair, UnknownValues). */
export type OnRefused = (field: string, reason: string) => void;

/** Refusals counted in `values` (the one counter) and said once per (field, reason); no reconciliation asked. */
export function noteRefusals(values: Pick<UnknownValues, "note">): OnRefused {
  return (field, reason) => values.note(field, refusedValue(reason), false);
}

/** The reason of a refused symbol of the right shape that no list names (knownPairs.ts). */
export const NOT_A_PAIR = "not a known pair";

/** What a refusal is counted as beside its field: the reason, never the value refused. */
export function refusedValue(reason: string): string {
  return `out of bounds: ${reason}`;
}

/** A refusal by protocol's bounds: a value out of bounds, or a decimal that is none. */
export function isRefusal(error: ProtocolError): boolean {
  return error.code === "OUT_OF_BOUNDS" || error.code === "BAD_DECIMAL";
}

/**
 * The field and reason of an item refused while read (a ProtocolError of protocol's bounds or of a
 * value's shape), or undefined for anything else (a fault of ours, thrown on).
 */
export function refusalOf(error: unknown): { field: string; reason: string } | undefined {
  if (!isProtocolError(error)) return undefined;
  if (isRefusal(error) || error.code === "UNKNOWN_VALUE")
    return { field: error.field ?? "row", reason: error.reason ?? error.code };
  return undefined;
}

/**
 * The item `read` makes, or undefined when protocol's bounds refuse it (its field and reason go to
 * `onRefused`: counted and said once, never the value); any other error is thrown on. The one rule
 * for a row of a REST answer read alone: a bad row is skipped, its neighbours kept.
 */
export function readOrRefuse<T>(read: () => T, onRefused: OnRefused): T | undefined {
  try {
    return read();
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal === undefined) throw error;
    onRefused(refusal.field, refusal.reason);
    return undefined;
  }
}

/**
 * A trade of GET /api/v3/myTrades?symbol=`symbol` as a fill, or undefined (told to `onRefused`)
 * when a value is out of bounds or the trade names another pair than the one asked about: the one
 * rule for reconciliation (reconcile.ts) and the gateway's history backfill.
 */
export function fillOfPair(
  trade: RestTrade,
  symbol: string,
  localTimestamp: number,
  onRefused: OnRefused,
): Fill | undefined {
  if (trade.symbol !== symbol) {
    onRefused("myTrades.symbol", "not the pair asked about");
    return undefined;
  }
  return readOrRefuse(() => fillFromRest(trade, localTimestamp), onRefused);
}

/** Why a balance of GET /api/v3/account cannot be taken (its field and reason), or undefined. */
export function balanceProblem(balance: {
  readonly asset: string;
  readonly free: string;
  readonly locked: string;
}): { field: string; reason: string } | undefined {
  const asset = assetProblem(balance.asset);
  if (asset !== undefined) return { field: "account.asset", reason: asset };
  const free = decimalProblem(balance.free, "nonNegative");
  if (free !== undefined) return { field: "account.free", reason: free };
  const locked = decimalProblem(balance.locked, "nonNegative");
  if (locked !== undefined) return { field: "account.locked", reason: locked };
  return undefined;
}
