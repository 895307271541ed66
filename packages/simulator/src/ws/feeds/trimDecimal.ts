/**
 * Pushes carry trimmed decimals ("0", "1.5", "3.6962"), REST snapshots padded ones (docs/mexc/protobuf.md#decoding-in-typescript):
 * "1.50000000" -> "1.5", "2.000" -> "2". Pure string work; no arithmetic happens here.
 */
import { Decimal as Big } from "@mexc-live/protocol";

export function trimDecimal(value: string): string {
  if (/[eE]/.test(value)) return new Big(value).toFixed();
  if (!value.includes(".")) return value;
  let end = value.length;
  while (value.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (value.charCodeAt(end - 1) === 46 /* . */) end--;
  const trimmed = value.slice(0, end);
  return trimmed === "-0" ? "0" : trimmed;
}
