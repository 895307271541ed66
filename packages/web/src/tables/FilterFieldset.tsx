/**
 * The filter bar every filtered table shows: a choice per field with "all" first, the From/To
 * range read in the zone the header picks, and Clear. The order/fill tables' bar and the
 * ledger/transfers bar are two uses of it.
 */

import { useDisplayZone } from "../format/TimeZoneContext.js";
import { formatDateTime, parseLocalDateTime } from "../format/time.js";
import { zoneLabel } from "../format/timeZone.js";

export interface FilterOption {
  readonly value: string;
  readonly label: string;
}

/** The same names as their own labels: symbols, assets. */
export function sameLabel(values: readonly string[]): readonly FilterOption[] {
  return values.map((value) => ({ value, label: value }));
}

export interface DateRange {
  /** ms, inclusive; undefined: open. */
  readonly from: number | undefined;
  readonly to: number | undefined;
}

/** A select over one string field of the filter; its first option, "", keeps every row. */
export interface FilterChoice<F> {
  readonly field: keyof F & string;
  readonly label: string;
  /** What "" is called; "all" when not given. */
  readonly allLabel?: string;
  readonly options: readonly FilterOption[];
}

interface FilterFieldsetProps<F extends DateRange> {
  /** The legend, read by screen readers only. */
  readonly label: string;
  readonly filter: F;
  readonly choices: readonly FilterChoice<F>[];
  readonly onChange: (filter: F) => void;
}

/** ms -> the "YYYY-MM-DDTHH:mm" a datetime-local input shows. */
function toInput(ms: number | undefined): string {
  return ms === undefined ? "" : formatDateTime(ms).slice(0, 16).replace(" ", "T");
}

export function FilterFieldset<F extends DateRange>({ label, filter, choices, onChange }: FilterFieldsetProps<F>) {
  // Times are read and shown in the zone picked: a new zone shows the same filter in it.
  const zone = useDisplayZone();
  // Clear sets every choice back to "" and opens the range.
  const clear: F = {
    ...filter,
    ...Object.fromEntries(choices.map((c) => [c.field, ""])),
    from: undefined,
    to: undefined,
  };
  const active = (Object.keys(clear) as (keyof F)[]).some((key) => filter[key] !== clear[key]);
  return (
    <fieldset className="filter-bar">
      <legend className="visually-hidden">{label}</legend>
      {choices.map(({ field, label: choiceLabel, allLabel = "all", options }) => (
        <label key={field}>
          {choiceLabel}
          <select value={String(filter[field])} onChange={(e) => onChange({ ...filter, [field]: e.target.value })}>
            <option value="">{allLabel}</option>
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      ))}
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
      <button type="button" disabled={!active} onClick={() => onChange(clear)}>
        Clear
      </button>
    </fieldset>
  );
}
