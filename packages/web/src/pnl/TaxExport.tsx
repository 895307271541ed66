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
import { type ReactNode, useId, useState } from "react";
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
        <TaxChoice label="Year" value={year} options={years} onChoose={(y) => setYear(Number(y))} />
        <TaxChoice
          label="Method"
          value={taxMethod ?? ""}
          options={TAX_METHODS}
          labelOf={(m) => METHOD_LABEL[m]}
          onChoose={(m) => setPicked(m as TaxMethodName)}
        >
          {taxMethod === null && (
            <option value="">
              {shownMethod === null ? "The gateway's default" : `${METHOD_LABEL[shownMethod]} (default)`}
            </option>
          )}
        </TaxChoice>
        <TaxChoice
          label="Rows"
          value={lots}
          options={TAX_LOTS}
          labelOf={(l) => LOTS_LABEL[l]}
          onChoose={(l) => setLots(l as TaxLotsName)}
        />
        <TaxChoice label="Currency" value={currency} options={currencies} onChoose={setCurrency} />
        <a className="button" href={href} download>
          Download {year} CSV
        </a>
      </div>
    </div>
  );
}

interface TaxChoiceProps<T extends string | number> {
  readonly label: string;
  readonly value: T | "";
  readonly options: readonly T[];
  readonly labelOf?: (option: T) => string;
  readonly onChoose: (value: string) => void;
  /** An option before `options` (the gateway's default method). */
  readonly children?: ReactNode;
}

/** A label and its select, side by side in the row's grid. */
function TaxChoice<T extends string | number>({
  label,
  value,
  options,
  labelOf = String,
  onChoose,
  children,
}: TaxChoiceProps<T>) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChoose(event.target.value)}>
        {children}
        {options.map((option) => (
          <option key={option} value={option}>
            {labelOf(option)}
          </option>
        ))}
      </select>
    </>
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
