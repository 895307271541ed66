/**
 * The range the performance section answers for: today, 7 days, 30 days, year to date, all, or
 * days picked (two dates, both included, in the zone the header shows).
 */
import { SegmentedButtons } from "../controls/SegmentedButtons.js";
import { type DayRange, RANGE_OPTIONS, type RangeId } from "./ranges.js";

export interface RangePickerProps {
  readonly range: RangeId;
  readonly onRange: (range: RangeId) => void;
  readonly days: DayRange;
  readonly onDays: (days: DayRange) => void;
  /** The picked days are not a range (a bad date, the end before the start). */
  readonly invalid: boolean;
}

export function RangePicker({ range, onRange, days, onDays, invalid }: RangePickerProps) {
  return (
    <div className="range-picker">
      <SegmentedButtons label="Range" hideLabel options={RANGE_OPTIONS} selected={range} onSelect={onRange} />
      {range === "custom" && (
        <fieldset className="range-days">
          <legend className="visually-hidden">Days</legend>
          <label>
            From
            <input type="date" value={days.from} onChange={(e) => onDays({ ...days, from: e.target.value })} />
          </label>
          <label>
            to
            <input type="date" value={days.to} onChange={(e) => onDays({ ...days, to: e.target.value })} />
          </label>
          {invalid && <span className="form-error">pick a first day on or before the last</span>}
        </fieldset>
      )}
    </div>
  );
}
