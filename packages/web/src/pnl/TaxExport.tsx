/**
 * The tax report of a year as CSV (GET /api/export/tax.csv?year=&method=&lots=&currency=): the
 * year's disposals with their cost basis, by the method, lots and currency picked here (method
 * unpicked: the one the PnL figures follow). The box says what the file holds, as
 * docs/figures.md's "The tax report" does. A plain link, so the browser downloads it with the
 * login cookie.
 */
import {
  type CostMethodName,
  LONG_TERM_DAYS,
  TAX_CURRENCIES,
  TAX_LOTS,
  TAX_METHODS,
  type TaxLotsName,
  type TaxMethodName,
} from "@mexc-live/contract";
import { useId, useState } from "react";
import { exportHref } from "../api/http.js";

/** The current year and this many before it. */
const TAX_YEARS_BACK = 5;

const METHOD_LABEL: Readonly<Record<TaxMethodName, string>> = {
  avg: "Average cost",
  fifo: "FIFO",
  lifo: "LIFO",
  hifo: "HIFO (highest cost first)",
  lofo: "LOFO (lowest cost first)",
};

const LOTS_LABEL: Readonly<Record<TaxLotsName, string>> = {
  disposal: "A row per disposal",
  split: "A row per lot",
};

export interface TaxExportProps {
  /** The method the PnL figures follow, picked; null: none, the gateway's default applies. */
  readonly method: CostMethodName | null;
  /** The method the figures follow (the picked one, or the gateway's default once known). */
  readonly shownMethod: CostMethodName | null;
  /** The gateway's quote currency: the report's unless another is picked. */
  readonly quote: string;
  /** For tests: the current year. */
  readonly year?: number;
}

export function TaxExport({ method, shownMethod, quote, year: thisYear = new Date().getFullYear() }: TaxExportProps) {
  const years = Array.from({ length: TAX_YEARS_BACK + 1 }, (_, i) => thisYear - i);
  const [year, setYear] = useState(thisYear);
  const [picked, setPicked] = useState<TaxMethodName | null>(null);
  const [lots, setLots] = useState<TaxLotsName>("disposal");
  const [currencyPicked, setCurrency] = useState<string | null>(null);
  const currency = currencyPicked ?? quote;
  const currencies = [quote, ...TAX_CURRENCIES.filter((c) => c !== quote)];
  const ids = { year: useId(), method: useId(), lots: useId(), currency: useId() };
  const taxMethod = picked ?? method;
  const shown = picked ?? shownMethod;
  const href = exportHref("tax", {
    year,
    method: taxMethod,
    lots: lots === "split" ? lots : null,
    currency: currency === quote ? null : currency,
  });
  return (
    <div className="tax-export">
      <h3 className="panel-subtitle">Tax report</h3>
      <TaxFileText lots={lots} method={shown} currency={currency} quote={quote} />
      <div className="tax-row">
        <label htmlFor={ids.year}>Year</label>
        <select id={ids.year} value={year} onChange={(event) => setYear(Number(event.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <label htmlFor={ids.method}>Method</label>
        <select
          id={ids.method}
          value={taxMethod ?? ""}
          onChange={(event) => setPicked(event.target.value as TaxMethodName)}
        >
          {taxMethod === null && (
            <option value="">
              {shownMethod === null ? "The gateway's default" : `${METHOD_LABEL[shownMethod]} (default)`}
            </option>
          )}
          {TAX_METHODS.map((m) => (
            <option key={m} value={m}>
              {METHOD_LABEL[m]}
            </option>
          ))}
        </select>
        <label htmlFor={ids.lots}>Rows</label>
        <select id={ids.lots} value={lots} onChange={(event) => setLots(event.target.value as TaxLotsName)}>
          {TAX_LOTS.map((l) => (
            <option key={l} value={l}>
              {LOTS_LABEL[l]}
            </option>
          ))}
        </select>
        <label htmlFor={ids.currency}>Currency</label>
        <select id={ids.currency} value={currency} onChange={(event) => setCurrency(event.target.value)}>
          {currencies.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <a className="button" href={href} download>
          Download {year} CSV
        </a>
      </div>
    </div>
  );
}

/** What the file holds with these choices, as docs/figures.md's "The tax report" says. */
function TaxFileText(props: { lots: TaxLotsName; method: TaxMethodName | null; currency: string; quote: string }) {
  const { lots, method, currency, quote } = props;
  return (
    <p className="legend">
      The year's disposals as CSV: a row for every sell, every coin spent on a crypto-to-crypto buy, every fee paid in a
      coin and every conversion of small balances to MX,{" "}
      {lots === "split"
        ? "one per lot each takes, with the day it was acquired, the days held and its term"
        : "each with the days its lots were acquired and its quantity per term"}{" "}
      (long: held more than {LONG_TERM_DAYS.default} days). Then the withdrawals and transfers out (not gains), then the
      totals per term. Cost basis: {method === null ? "the gateway's default method" : METHOD_LABEL[method]}. Amounts in{" "}
      {currency}
      {currency === quote ? "" : `, at the ECB's rate of each day (${quote} at par with USD)`}.
    </p>
  );
}
