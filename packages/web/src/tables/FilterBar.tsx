/** Symbol, side and date-range filters, shared by the order and fill tables. */

import { useDisplayZone } from "../format/TimeZoneContext.js";
import { formatDateTime, parseLocalDateTime } from "../format/time.js";
import { zoneLabel } from "../format/timeZone.js";
import type { TableFilter } from "./filters.js";
import { NO_FILTER } from "./filters.js";

export interface FilterBarProps {
  readonly symbols: readonly string[];
  readonly filter: TableFilter;
  readonly onChange: (filter: TableFilter) => void;
}

/** ms -> the "YYYY-MM-DDTHH:mm" a datetime-local input shows. */
function toInput(ms: number | undefined): string {
  return ms === undefined ? "" : formatDateTime(ms).slice(0, 16).replace(" ", "T");
}

export function FilterBar({ symbols, filter, onChange }: FilterBarProps) {
  // Times are read and shown in the zone picked: a new zone shows the same filter in it.
  const zone = useDisplayZone();
  const active = filter.symbol !== "" || filter.side !== "" || filter.from !== undefined || filter.to !== undefined;
  return (
    <fieldset className="filter-bar">
      <legend className="visually-hidden">Filter the tables</legend>
      <label>
        Symbol
        <select value={filter.symbol} onChange={(e) => onChange({ ...filter, symbol: e.target.value })}>
          <option value="">all</option>
          {symbols.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Side
        <select
          value={filter.side}
          onChange={(e) => onChange({ ...filter, side: e.target.value as TableFilter["side"] })}
        >
          <option value="">both</option>
          <option value="BUY">BUY</option>
          <option value="SELL">SELL</option>
        </select>
      </label>
      <label>
        From
        <input
          type="datetime-local"
          value={toInput(filter.from)}
          onChange={(e) => onChange({ ...filter, from: parseLocalDateTime(e.target.value) })}
        />
      </label>
      <label>
        To
        <input
          type="datetime-local"
          value={toInput(filter.to)}
          onChange={(e) => {
            const to = parseLocalDateTime(e.target.value);
            // The end minute is inclusive: up to its last millisecond.
            onChange({ ...filter, to: to === undefined ? undefined : to + 59_999 });
          }}
        />
      </label>
      <span className="filter-zone" title="The dates are in this time zone (the header's setting)">
        {zoneLabel(zone)}
      </span>
      <button type="button" disabled={!active} onClick={() => onChange(NO_FILTER)}>
        Clear
      </button>
    </fieldset>
  );
}
