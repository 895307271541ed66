/**
 * The engine's one decimal helper: big.js inside, strings at every boundary. Events carry
 * trimmed decimals ("0", "1.5"); REST depth snapshots pad to the symbol's precision.
 */
import { Decimal as Big, ROUND_DOWN, ROUND_UP, ZERO } from "@mexc-live/protocol";

export { Big, ROUND_DOWN, ROUND_UP, ZERO };

export function negate(value: Big): Big {
  return ZERO.minus(value);
}

/** Digits after the point, ignoring trailing zeros ("1.2300" -> 2). */
export function decimalPlaces(text: string): number {
  const point = text.indexOf(".");
  if (point < 0) return 0;
  return text.slice(point + 1).replace(/0+$/, "").length;
}

/** Trimmed decimal string: no exponent, no trailing zeros, "0" for zero. */
export function fmt(value: Big): string {
  return value.toFixed();
}

/** Fixed `dp` decimal places (REST style). */
export function pad(value: Big, dp: number): string {
  return value.toFixed(dp);
}

/** Round towards zero to `dp` places. */
export function floorTo(value: Big, dp: number): Big {
  return value.round(dp, ROUND_DOWN);
}

export function minOf(a: Big, b: Big): Big {
  return a.lte(b) ? a : b;
}
