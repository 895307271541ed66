/// <reference types="node" />
/**
 * Figures as the screen shows them, for the browser tests: a money text ("+1,234.56 USDT", "–")
 * as a decimal, the sum of figures as a reader adds them up, and the rounding the page shows money
 * with (to the cent, half away from zero: protocol's roundDecimal), so a test can compare the
 * screen with the API's exact decimals.
 */
import { type Decimal, dec, exact, roundDecimal, ZERO } from "@mexc-live/protocol";
import type { Locator, Page } from "playwright-core";

/** "+1,234.56 USDT" -> "1234.56"; null for "–" or no digits. */
export function shownNumber(text: string | null | undefined): string | null {
  const match = /-?[\d,]+(?:\.\d+)?/.exec((text ?? "").replace(/\u2212/g, "-"));
  if (match === null || !/\d/.test(match[0])) return null;
  return exact(dec(match[0].replace(/,/g, "")));
}

/** The sum of shown figures, exact ("0" for none); a figure that is not one throws, naming it. */
export function sumOf(values: readonly (string | null)[]): string {
  let total: Decimal = ZERO;
  for (const value of values) {
    if (value === null) throw new Error("a figure summed is not shown");
    total = total.plus(dec(value));
  }
  return exact(total);
}

/** An exact figure of the API as the page shows money: to the cent. */
export function asShownMoney(value: string): string {
  return exact(dec(roundDecimal(value, 2)));
}

/** Tries `read` every `gapMs` until `done` holds of what it read, at most `tries` times; returns the last read. */
export async function readUntil<T>(
  page: Page,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  tries = 20,
  gapMs = 1_000,
): Promise<T> {
  let value = await read();
  for (let attempt = 1; attempt < tries && !done(value); attempt++) {
    await page.waitForTimeout(gapMs);
    value = await read();
  }
  return value;
}

/** The text of the field labelled `label` in a card (TableCards: a <dt> and its <dd>). */
export async function cardField(card: Locator, label: string): Promise<string | null> {
  return card.evaluate((element, wanted) => {
    for (const field of element.querySelectorAll(".table-card-field")) {
      if (field.querySelector("dt")?.textContent?.trim() === wanted)
        return field.querySelector("dd")?.textContent ?? null;
    }
    return null;
  }, label);
}

/** A table's cells by column header (the header's text without sort marks), row by row, with the rows' ids. */
export async function tableByHeader(table: Locator): Promise<{
  readonly rows: { readonly id: string; readonly cells: Readonly<Record<string, string>> }[];
  readonly total: Readonly<Record<string, string>> | null;
}> {
  return table.evaluate((element) => {
    const headers = [...element.querySelectorAll("thead th")].map((th) =>
      (th.textContent ?? "").replace(/[▲▼]/g, "").trim(),
    );
    const cellsOf = (tr: Element) =>
      Object.fromEntries(
        [...tr.querySelectorAll("td")].map((td, i) => [headers[i] ?? String(i), td.textContent ?? ""]),
      );
    const total = element.querySelector("tfoot tr");
    return {
      rows: [...element.querySelectorAll("tbody tr[data-row-id]")].map((tr) => ({
        id: tr.getAttribute("data-row-id") ?? "",
        cells: cellsOf(tr),
      })),
      total: total ? cellsOf(total) : null,
    };
  });
}
