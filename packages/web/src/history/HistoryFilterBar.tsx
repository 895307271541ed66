/**
 * Asset, type and date-range filters of the ledger and the transfers. They go to the gateway as
 * the query of the pages and of the CSV export, so the table holds every matching row, not just
 * the matching part of what was loaded.
 */

import { useDisplayZone } from "../format/TimeZoneContext.js";
import { formatDateTime, parseLocalDateTime } from "../format/time.js";
import { zoneLabel } from "../format/timeZone.js";

export interface HistoryFilter {
  /** "" for all. */
  readonly asset: string;
  /** "" for all; a ledger kind or a transfer type. */
  readonly type: string;
  /** ms, inclusive; undefined: open. */
  readonly from: number | undefined;
  readonly to: number | undefined;
}

export const NO_HISTORY_FILTER: HistoryFilter = { asset: "", type: "", from: undefined, to: undefined };

export interface HistoryFilterBarProps {
  readonly label: string;
  readonly assets: readonly string[];
  readonly types: readonly { readonly value: string; readonly label: string }[];
  readonly filter: HistoryFilter;
  readonly onChange: (filter: HistoryFilter) => void;
}

/** ms -> the "YYYY-MM-DDTHH:mm" a datetime-local input shows. */
function toInput(ms: number | undefined): string {
  return ms === undefined ? "" : formatDateTime(ms).slice(0, 16).replace(" ", "T");
}

export function HistoryFilterBar({ label, assets, types, filter, onChange }: HistoryFilterBarProps) {
  // Times are read and shown in the zone picked: a new zone shows the same filter in it.
  const zone = useDisplayZone();
  const active = filter.asset !== "" || filter.type !== "" || filter.from !== undefined || filter.to !== undefined;
  // The chosen asset stays in the list even when no balance holds it any more.
  const assetOptions = filter.asset === "" || assets.includes(filter.asset) ? assets : [filter.asset, ...assets];
  return (
    <fieldset className="filter-bar">
      <legend className="visually-hidden">{label}</legend>
      <label>
        Asset
        <select value={filter.asset} onChange={(e) => onChange({ ...filter, asset: e.target.value })}>
          <option value="">all</option>
          {assetOptions.map((asset) => (
            <option key={asset} value={asset}>
              {asset}
            </option>
          ))}
        </select>
      </label>
      <label>
        Type
        <select value={filter.type} onChange={(e) => onChange({ ...filter, type: e.target.value })}>
          <option value="">all</option>
          {types.map((type) => (
            <option key={type.value} value={type.value}>
              {type.label}
            </option>
          ))}
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
      <button type="button" disabled={!active} onClick={() => onChange(NO_HISTORY_FILTER)}>
        Clear
      </button>
    </fieldset>
  );
}
