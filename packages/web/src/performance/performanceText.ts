/**
 * The performance of a range in words, from the gateway's exact decimals (protocol's decimal
 * module, no floats): the time-weighted return as a signed percentage ("+1.23 %") and the net
 * deposits in the quote currency ("+12,290.27").
 */
import { dec, exact, isDecimal } from "@mexc-live/protocol";
import { compareDecimal, formatDecimal, formatValue, padDecimals, roundDecimal } from "../format/decimal.js";

type Direction = "up" | "down" | "flat";

export interface SignedText {
  readonly text: string;
  readonly direction: Direction;
}

function signed(shown: string): SignedText {
  const sign = compareDecimal(shown.replaceAll(",", ""), "0");
  return sign > 0 ? { text: `+${shown}`, direction: "up" } : { text: shown, direction: sign < 0 ? "down" : "flat" };
}

/** A fraction ("0.0123") as a percentage with 2 places and its sign ("+1.23 %"); null when not measured. */
export function twrText(twr: string | null | undefined): SignedText | null {
  if (typeof twr !== "string" || !isDecimal(twr)) return null;
  const percent = formatDecimal(padDecimals(roundDecimal(exact(dec(twr).times(100)), 2), 2));
  const result = signed(percent);
  return { ...result, text: `${result.text} %` };
}

/** A money figure with 2 places, grouped, and its sign ("+12,290.27"). */
export function signedValueText(value: string): SignedText {
  return signed(formatValue(value, 2));
}
