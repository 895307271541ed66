/**
 * A row of buttons of which one is the current choice (aria-pressed), as one group with a
 * name: the cost-basis method, the PnL period. The name is shown before the buttons unless
 * `hideLabel`; a hint per option becomes its tooltip.
 */
import { useId } from "react";
import "./controls.css";

export interface SegmentedOption<Id extends string> {
  readonly id: Id;
  readonly label: string;
  readonly hint?: string;
}

export interface SegmentedButtonsProps<Id extends string> {
  readonly label: string;
  readonly options: readonly SegmentedOption<Id>[];
  /** null: none is current (not known yet). */
  readonly selected: Id | null;
  readonly onSelect: (id: Id) => void;
  readonly hideLabel?: boolean;
}

export function SegmentedButtons<Id extends string>(props: SegmentedButtonsProps<Id>) {
  const { label, options, selected, onSelect, hideLabel = false } = props;
  const labelId = useId();
  return (
    <div className="segmented-field">
      <span id={labelId} className={hideLabel ? "visually-hidden" : "segmented-label"}>
        {label}
      </span>
      <fieldset aria-labelledby={labelId} className="segmented">
        {options.map((option) => (
          <button
            key={option.id}
            type="button"
            aria-pressed={option.id === selected}
            title={option.hint}
            onClick={() => option.id !== selected && onSelect(option.id)}
          >
            {option.label}
          </button>
        ))}
      </fieldset>
    </div>
  );
}
