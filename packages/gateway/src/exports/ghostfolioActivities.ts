/**
 * Ghostfolio's activities import, JSON (docs/exports.md#ghostfolio): `{"activities": [...]}`, each
 * activity a CreateOrderDto. Sources: ghostfolio/ghostfolio libs/common/src/lib/dtos/create-order.dto.ts
 * (currency an ISO 4217 code, date ISO 8601, fee, quantity and unitPrice numbers >= 0, type one of
 * prisma/schema.prisma's BUY, SELL, DIVIDEND, FEE, INTEREST, LIABILITY), the JSON its import dialog
 * reads (apps/client/.../import-activities-dialog.component.ts: `activities`, the other keys
 * optional) and its examples (test/import/ok/btcusd.json: a crypto as dataSource YAHOO, symbol
 * "BTCUSD"; test/import/not-ok/invalid-symbol-btc-usd.csv: not "BTC-USD").
 *
 * Ghostfolio tracks holdings bought and sold for money. So:
 * - a fill is a BUY or SELL of its base asset at its price, in the pair's quote currency; USDT
 *   and USDC are written as USD (a choice: Ghostfolio takes ISO 4217 codes only, and these two are
 *   pegged to the dollar). A pair quoted in anything else (BTC, ETH, MX...) has no currency
 *   Ghostfolio takes: its fills are left out and counted in `meta`;
 * - the fee is money: in the quote as it is; in the base asset, valued at the fill's price, the
 *   quantity being what the balance gained or lost (a buy's fee in BTC: quantity - fee), so both
 *   the holding and its cost stay exact; in a third asset (MX), its value in the quote at fill
 *   time as the figures stored it, or 0 and said in the comment where no price was known;
 * - deposits, withdrawals, transfers and dust conversions have no activity type (no transfer,
 *   and a conversion's assets have no price in the file): left out, counted in `meta`.
 * Numbers are written as the exact decimals (a JSON number's digits), never through a float.
 */
import { dec, exact, normalize } from "@mexc-live/protocol";
import { type ExportFormat, type FormatWriter, JSON_TYPE } from "./exportFormat.js";
import type { HistoryEntry } from "./exportHistory.js";
import { fillWords } from "./flowWords.js";

/** The ISO 4217 currency Ghostfolio is given for a quote asset (the dollar stablecoins: USD). */
const GHOSTFOLIO_CURRENCY: Readonly<Record<string, string>> = { USDT: "USD", USDC: "USD" };

/** What the file leaves out, written in its `meta` at the end. */
interface GhostfolioLeftOut {
  /** Fills of pairs quoted in an asset that has no ISO 4217 code. */
  fills: number;
  /** Deposits, withdrawals and transfers. */
  movements: number;
  conversions: number;
  /** Fills whose fee in a third asset had no price: written with fee 0. */
  unvaluedFees: number;
}

/** The JSON number of a decimal string, its digits exact (the canonical form is one: "0.5", "12"). */
const jsonNumber = (value: string) => normalize(value);

function activity(entry: Extract<HistoryEntry, { kind: "fill" }>, left: GhostfolioLeftOut): string | null {
  const { fill, market } = entry;
  const currency = GHOSTFOLIO_CURRENCY[market.quote];
  if (currency === undefined) {
    left.fills++;
    return null;
  }
  const buy = fill.side === "BUY";
  let quantity = fill.quantity;
  let fee = "0";
  let comment = fillWords(fill);
  if (fill.feeCurrency === market.quote) fee = fill.fee;
  else if (fill.feeCurrency === market.base) {
    fee = exact(dec(fill.fee).times(dec(fill.price)));
    quantity = exact(buy ? dec(quantity).minus(dec(fill.fee)) : dec(quantity).plus(dec(fill.fee)));
  } else if (fill.feePairValue !== null) {
    fee = fill.feePairValue;
    comment += `, fee ${fill.fee} ${fill.feeCurrency}`;
  } else if (!dec(fill.fee).eq(0)) {
    left.unvaluedFees++;
    comment += `, fee ${fill.fee} ${fill.feeCurrency} not valued (no price known): written as 0`;
  }
  return jsonObject([
    ["comment", JSON.stringify(comment)],
    ["currency", JSON.stringify(currency)],
    ["dataSource", '"YAHOO"'],
    ["date", JSON.stringify(new Date(fill.time).toISOString())],
    ["fee", jsonNumber(fee)],
    ["quantity", jsonNumber(quantity)],
    ["symbol", JSON.stringify(`${market.base}USD`)],
    ["type", buy ? '"BUY"' : '"SELL"'],
    ["unitPrice", jsonNumber(fill.price)],
  ]);
}

/** An object's JSON from its keys and their values' JSON text. */
function jsonObject(fields: readonly (readonly [string, string])[]): string {
  return `{${fields.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(",")}}`;
}

function writer(): FormatWriter {
  const left: GhostfolioLeftOut = { fills: 0, movements: 0, conversions: 0, unvaluedFees: 0 };
  let written = 0;
  return {
    head: '{"activities":[',
    line(entry) {
      if (entry.kind === "flow") left.movements++;
      if (entry.kind === "conversion") left.conversions++;
      if (entry.kind !== "fill") return null;
      const text = activity(entry, left);
      if (text === null) return null;
      return (written++ === 0 ? "\n" : ",\n") + text;
    },
    end: () => `\n],"meta":${JSON.stringify({ source: "mexc-live", activities: written, leftOut: left })}}\n`,
  };
}

export const GHOSTFOLIO_ACTIVITIES: ExportFormat = {
  filename: "mexc-live-ghostfolio.json",
  contentType: JSON_TYPE,
  writer,
};
