/** Rounds a product or a quotient of decimals to the figures' precision (the one rounding step). */
import { type Decimal, OUTPUT_DP, ROUND_HALF_EVEN } from "@mexc-live/protocol";

export function q18(value: Decimal): Decimal {
  return value.round(OUTPUT_DP, ROUND_HALF_EVEN);
}
