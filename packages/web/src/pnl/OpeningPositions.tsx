/**
 * Assets held before the known history starts: nobody knows what they cost. Each is counted at
 * its market price when the history starts unless the user types what it cost; the list says which, and a
 * cost can be saved or reset (back to the market price). A refused save shows the gateway's
 * message under its row. At phone width each asset is a card (as the account tables are): the
 * table scrolled sideways in its box at 390 px, the cost field out of sight.
 */
import type { OpeningPosition } from "@mexc-live/contract";
import { type FormEvent, useId, useState } from "react";
import { formatDecimal } from "../format/decimal.js";
import { formatDateTime } from "../format/time.js";
import { useNarrow } from "../hooks/useNarrow.js";
import { Rounded } from "../tables/amounts.js";

export interface OpeningPositionsProps {
  /** null while loading. */
  readonly items: readonly OpeningPosition[] | null;
  readonly loadError: string | null;
  /** Rejects with the reason (the gateway's message) when the cost was not saved. */
  readonly onSave: (asset: string, costPrice: string | null) => Promise<void>;
}

const BASIS: Readonly<Record<OpeningPosition["source"], string>> = {
  market_price: "market price at the start of the history",
  user: "your cost",
};

export function OpeningPositions({ items, loadError, onSave }: OpeningPositionsProps) {
  const start = items?.[0]?.time;
  const narrow = useNarrow();
  return (
    <div className="opening-positions">
      <h3 className="panel-subtitle">Opening positions</h3>
      <p className="legend">
        Held before the known history starts{start === undefined ? "" : ` (${formatDateTime(start).slice(0, 10)})`}:
        their cost is not known. PnL counts them at their market price when the history starts unless you give your
        cost.
      </p>
      {loadError !== null && <p className="form-error">Opening positions could not be loaded: {loadError}</p>}
      {items === null ? (
        loadError === null && <p className="legend">Loading…</p>
      ) : items.length === 0 ? (
        <p className="legend">None: everything held is explained by the known history.</p>
      ) : narrow ? (
        <ul className="table-cards opening-cards" aria-label="Opening positions">
          {items.map((position) => (
            <OpeningRow key={position.asset} position={position} onSave={onSave} asCard />
          ))}
        </ul>
      ) : (
        <div className="opening-scroll">
          <table className="opening-table" aria-label="Opening positions">
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col" className="num">
                  Quantity
                </th>
                <th scope="col" className="num">
                  Cost per unit
                </th>
                <th scope="col">Counted at</th>
                <th scope="col">Your cost per unit</th>
              </tr>
            </thead>
            <tbody>
              {items.map((position) => (
                <OpeningRow key={position.asset} position={position} onSave={onSave} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function OpeningRow({
  position,
  onSave,
  asCard = false,
}: {
  position: OpeningPosition;
  onSave: OpeningPositionsProps["onSave"];
  asCard?: boolean;
}) {
  const { asset, quote } = position;
  const [value, setValue] = useState(position.source === "user" ? (position.costPrice ?? "") : "");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  const save = (costPrice: string | null) => {
    setSaving(true);
    setError(null);
    onSave(asset, costPrice)
      .then(() => {
        if (costPrice === null) setValue("");
      })
      .catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)))
      .finally(() => setSaving(false));
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() !== "") save(value.trim());
  };

  const costText =
    position.costPrice === null ? (
      <span className="not-set">no price known</span>
    ) : (
      `${formatDecimal(position.costPrice)} ${quote}`
    );
  const costForm = (
    <form className="cost-form" onSubmit={onSubmit}>
      <label className="visually-hidden" htmlFor={inputId}>
        Your cost per {asset}, in {quote}
      </label>
      <input
        id={inputId}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        placeholder={quote}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        aria-invalid={error !== null}
        aria-describedby={error !== null ? errorId : undefined}
      />
      <button type="submit" className="button" disabled={saving || value.trim() === ""}>
        Save
      </button>
      {position.source === "user" && (
        <button
          type="button"
          className="button"
          disabled={saving}
          title="Forget your cost: count it at its market price when the history starts"
          onClick={() => save(null)}
        >
          Reset
        </button>
      )}
    </form>
  );
  if (asCard) {
    return (
      <li className="table-card opening-card">
        <div className="table-card-head">
          <span>{asset}</span>
          <Rounded exact={position.quantity} />
        </div>
        <dl className="table-card-fields table-card-fields-1">
          <div className="table-card-field">
            <dt>Cost per unit</dt>
            <dd>{costText}</dd>
          </div>
          <div className="table-card-field">
            <dt>Counted at</dt>
            <dd className={position.source === "user" ? "basis-user" : "basis-first"}>{BASIS[position.source]}</dd>
          </div>
        </dl>
        {costForm}
        {error !== null && (
          <p className="form-error" id={errorId} role="alert">
            {asset}: {error}
          </p>
        )}
      </li>
    );
  }
  return (
    <>
      <tr>
        <th scope="row">{asset}</th>
        <td className="num">
          <Rounded exact={position.quantity} />
        </td>
        <td className="num">{costText}</td>
        <td className={position.source === "user" ? "basis-user" : "basis-first"}>{BASIS[position.source]}</td>
        <td>{costForm}</td>
      </tr>
      {error !== null && (
        <tr>
          <td colSpan={5} className="form-error" id={errorId} role="alert">
            {asset}: {error}
          </td>
        </tr>
      )}
    </>
  );
}
