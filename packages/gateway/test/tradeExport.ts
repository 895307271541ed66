/**
 * A spot trade history as MEXC's website exports it (src/ingest/imports/mexcExports.ts has the format): the
 * current layout (without the optional UID column), `Buy`/`Sell`, fees with their asset ("0.0000103BTC"),
 * times one to a few seconds apart, a few pairs at realistic prices and sizes. Deterministic
 * (a seeded generator), so a run is repeatable; about 70 bytes a row (a real 300,000-row export
 * was 18.5 MB, 62 a row).
 */

const HEADER = "Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role";

/** Pair, base asset, a price around which it trades, price decimals, quantity decimals. */
const PAIRS: readonly [string, string, number, number, number][] = [
  ["BTC_USDT", "BTC", 96_500, 2, 6],
  ["ETH_USDT", "ETH", 3_400, 2, 4],
  ["SOL_USDT", "SOL", 182, 3, 3],
  ["MX_USDT", "MX", 2.9, 4, 2],
  ["DOGE_USDT", "DOGE", 0.38, 5, 1],
];

export interface TradeExportOptions {
  readonly rows: number;
  /** The first row's time (ms); later rows are older, as the website lists newest first. */
  readonly newest?: number;
  readonly seed?: number;
}

export function tradeExport({
  rows,
  newest = Date.UTC(2025, 11, 18, 22, 13, 41),
  seed = 29,
}: TradeExportOptions): string {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  const lines = [HEADER];
  let time = newest;
  for (let n = 0; n < rows; n++) {
    const [pair, base, mid, priceDecimals, quantityDecimals] = PAIRS[Math.floor(random() * PAIRS.length)]!;
    const side = random() < 0.5 ? "Buy" : "Sell";
    const price = mid * (0.9 + random() * 0.2);
    const quantity = (10 / mid) * (0.1 + random() * 20);
    const priceText = price.toFixed(priceDecimals);
    const quantityText = quantity.toFixed(quantityDecimals);
    const total = trim((Number(priceText) * Number(quantityText)).toFixed(priceDecimals + quantityDecimals));
    const maker = random() < 0.4;
    const fee =
      side === "Buy"
        ? `${trim((Number(quantityText) * 0.0005).toFixed(8))}${base}`
        : `${trim((Number(total) * 0.0005).toFixed(8))}USDT`;
    lines.push(
      `${pair},${new Date(time).toISOString().slice(0, 19).replace("T", " ")},${side},${priceText},${quantityText},${total},${fee},${maker ? "Maker" : "Taker"}`,
    );
    time -= 1_000 + Math.floor(random() * 4_000);
  }
  return `${lines.join("\n")}\n`;
}

/** "1.2300" -> "1.23", "5.000" -> "5" (the export writes no trailing zeros). */
function trim(decimal: string): string {
  return decimal.includes(".") ? decimal.replace(/0+$/, "").replace(/\.$/, "") : decimal;
}
