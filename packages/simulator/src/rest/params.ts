/**
 * Reading request parameters the way MEXC checks them: a missing one is 44444 naming it, a
 * malformed one 33333 naming it (errors.ts). An empty value counts as missing.
 */
import { isUnsignedDecimal } from "@mexc-live/protocol";
import { restErrors } from "../errors.js";

const INTEGER = /^\d+$/;

export class RequestParams {
  constructor(private readonly values: ReadonlyMap<string, string>) {}

  /** Query-string parameters of an unsigned request (`+` is a space, as in forms). */
  static fromQuery(rawQuery: string): RequestParams {
    return new RequestParams(new Map(new URLSearchParams(rawQuery)));
  }

  optional(name: string): string | undefined {
    const value = this.values.get(name);
    return value === undefined || value === "" ? undefined : value;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) throw restErrors.missingParameter(name);
    return value;
  }

  /** A positive decimal string, or undefined when absent. */
  optionalDecimal(name: string): string | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    if (!isUnsignedDecimal(value) || /^[0.]+$/.test(value))
      throw restErrors.badParameter(name, "must be a positive decimal");
    return value;
  }

  /** A whole number in [min, max], or undefined when absent. */
  optionalInteger(name: string, range: { min: number; max: number }): number | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!INTEGER.test(value) || !Number.isSafeInteger(parsed) || parsed < range.min || parsed > range.max) {
      throw restErrors.badParameter(name, `must be a whole number from ${range.min} to ${range.max}`);
    }
    return parsed;
  }

  /** A page size: `fallback` when absent, capped at `max` (MEXC caps rather than refuses). */
  limit(name: string, fallback: number, max: number): number {
    const value = this.optionalInteger(name, { min: 1, max: Number.MAX_SAFE_INTEGER });
    return Math.min(value ?? fallback, max);
  }

  /** A ms timestamp, or undefined when absent. */
  optionalTime(name: string): number | undefined {
    return this.optionalInteger(name, { min: 0, max: Number.MAX_SAFE_INTEGER });
  }

  requiredOneOf<T extends string>(name: string, allowed: readonly T[]): T {
    return oneOf(name, this.required(name), allowed);
  }

  /** One of `allowed`, or undefined when absent. */
  optionalOneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.optional(name);
    return value === undefined ? undefined : oneOf(name, value, allowed);
  }
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw restErrors.badParameter(name, `must be one of ${allowed.join(", ")}`);
  }
  return value as T;
}
