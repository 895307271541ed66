/** Summary statistics and number formatting for benchmark output. */

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Relative spread of the middle half: (p75 - p25) / median, a noise indicator. */
export function relativeIqr(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))]!;
  return (at(0.75) - at(0.25)) / median(values);
}

/** 1234567.8 -> "1,234,568". */
export function formatInt(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

export function formatFixed(value: number, digits: number): string {
  return value.toFixed(digits);
}
