/**
 * Whole steps of 10^-precision <-> exact decimal strings: the market computes prices in ticks and
 * quantities in lots (integers), and hands the engine decimal strings. The conversions are
 * string operations (exact, and cheap enough for every requote).
 */
import { Decimal as Big, ROUND_DOWN, ROUND_UP } from "@mexc-live/protocol";

/** 12345 steps at precision 2 -> "123.45" (trimmed: 12300 -> "123", 5 -> "0.05"). */
export function fromSteps(steps: number | bigint, precision: number): string {
  if (typeof steps === "number" && !Number.isSafeInteger(steps))
    throw new Error(`not a whole number of steps: ${steps}`);
  const sign = steps < 0 ? "-" : "";
  const digits = String(steps < 0 ? -steps : steps).padStart(precision + 1, "0");
  const whole = digits.slice(0, digits.length - precision);
  const fraction = digits.slice(digits.length - precision).replace(/0+$/, "");
  return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** "123.456" at precision 2 -> 12345 (rounded down) or 12346 (rounded up). */
export function toSteps(value: string | Big, precision: number, roundUp = false): number {
  const text = typeof value === "string" ? value : value.toFixed();
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return toStepsSlow(new Big(text), precision, roundUp);
  const fraction = match[2] ?? "";
  const kept = fraction.slice(0, precision).padEnd(precision, "0");
  const cut = fraction.slice(precision);
  const steps = Number(`${match[1]}${kept}`) + (roundUp && /[1-9]/.test(cut) ? 1 : 0);
  if (!Number.isSafeInteger(steps)) throw new Error(`${text} has too many steps of 10^-${precision} to count exactly`);
  return steps;
}

function toStepsSlow(value: Big, precision: number, roundUp: boolean): number {
  const scaled = value.times(new Big(10).pow(precision));
  const steps = Number(scaled.round(0, roundUp ? ROUND_UP : ROUND_DOWN).toFixed());
  if (!Number.isSafeInteger(steps)) throw new Error(`${value} has too many steps of 10^-${precision} to count exactly`);
  return steps;
}
