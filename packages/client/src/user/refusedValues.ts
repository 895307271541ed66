/**
 * What reconciliation refuses of REST's answers: a balance, fill or order holding a value outside
 * protocol's bounds (valueBounds.ts). The item is skipped, counted and said once (reconcile.ts).
 */
import { assetProblem, decimalProblem, type ProtocolError } from "@mexc-live/protocol";

/** A refusal by protocol's bounds: a value out of bounds, or a decimal that is none. */
export function isRefusal(error: ProtocolError): boolean {
  return error.code === "OUT_OF_BOUNDS" || error.code === "BAD_DECIMAL";
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
