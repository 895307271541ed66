/**
 * The tax report of a year as CSV (GET /api/export/tax.csv?year=&method=): every sell with the
 * cost of what it sold, by the cost-basis method picked above (none picked: the gateway's
 * default). A plain link, so the browser downloads it with the login cookie.
 */
import type { CostMethodName } from "@mexc-live/contract";
import { useId, useState } from "react";
import { exportHref } from "../api/http.js";
import { COST_METHOD_LABEL } from "./costMethod.js";

/** The current year and this many before it. */
const TAX_YEARS_BACK = 5;

export interface TaxExportProps {
  /** The method picked; null: none, the gateway's default applies. */
  readonly method: CostMethodName | null;
  /** The method the figures follow (the picked one, or the gateway's default once known). */
  readonly shownMethod: CostMethodName | null;
  /** For tests: the current year. */
  readonly year?: number;
}

export function TaxExport({ method, shownMethod, year: thisYear = new Date().getFullYear() }: TaxExportProps) {
  const years = Array.from({ length: TAX_YEARS_BACK + 1 }, (_, i) => thisYear - i);
  const [year, setYear] = useState(thisYear);
  const selectId = useId();
  const href = exportHref("tax", { year, method });
  const methodText = shownMethod === null ? "the gateway's default" : COST_METHOD_LABEL[shownMethod];
  return (
    <div className="tax-export">
      <h3 className="panel-subtitle">Tax report</h3>
      <p className="legend">
        Every sell of the year with the cost of what it sold (cost basis: {methodText}), in the pair's quote asset and
        valued in the quote currency, as CSV.
      </p>
      <div className="tax-row">
        <label htmlFor={selectId}>Year</label>
        <select id={selectId} value={year} onChange={(event) => setYear(Number(event.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
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
