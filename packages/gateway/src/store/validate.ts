/** Checks on what enters the store: a malformed field becomes a StoreError naming it. */
import { clientIdProblem, DecimalError, linkProblem, normalize, wordProblem } from "@mexc-live/protocol";
import { StoreError } from "../errors.js";

/** The canonical decimal string of `value`; BAD_EVENT naming `field` when it is not a decimal. */
export function decimalField(value: string, field: string): string {
  try {
    return normalize(value, field);
  } catch (error) {
    if (error instanceof DecimalError) throw new StoreError("BAD_EVENT", error.message);
    throw error;
  }
}

/** Like decimalField, null passing through. */
export function optionalDecimalField(value: string | null | undefined, field: string): string | null {
  return value === null || value === undefined ? null : decimalField(value, field);
}

export function textField(value: string, field: string): string {
  if (typeof value !== "string" || value === "") throw new StoreError("BAD_EVENT", `${field} is empty`);
  return value;
}

/** One of MEXC's value words ("stp_cancel", protocol's wordProblem); BAD_EVENT naming `field` otherwise. */
export function wordField(value: string, field: string): string {
  const problem = wordProblem(value);
  if (problem !== undefined) throw new StoreError("BAD_EVENT", `${field} is ${problem}`);
  return value;
}

/** A web address a page may link to (protocol's linkProblem); BAD_EVENT naming `field` otherwise. */
export function linkField(value: string, field: string): string {
  const problem = linkProblem(value);
  if (problem !== undefined) throw new StoreError("BAD_EVENT", `${field} is ${problem}`);
  return value;
}

/** An id a client chose (protocol's clientIdProblem); BAD_EVENT naming `field` otherwise. */
export function clientIdField(value: string, field: string): string {
  const problem = clientIdProblem(value);
  if (problem !== undefined) throw new StoreError("BAD_EVENT", `${field} is ${problem}`);
  return value;
}

export function timeField(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new StoreError("BAD_EVENT", `${field} is not a time in ms`);
  return value;
}

/** A time range bound from a query; BAD_QUERY when it is not a non-negative integer. */
export function queryTime(value: number | undefined, field: string): number | null {
  if (value === undefined) return null;
  if (!Number.isSafeInteger(value) || value < 0) throw new StoreError("BAD_QUERY", `${field} is not a time in ms`);
  return value;
}
