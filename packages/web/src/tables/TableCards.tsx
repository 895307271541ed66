/**
 * A table's rows as cards, at phone width (DataTable, `cards`): a first line with the columns a
 * row is known by (time, symbol, side), then the figures a trader reads (price, quantity, amount,
 * realized, unrealized) as label and value, two to a line, never a table 1,500 px wide in a
 * 346 px box. The cells are the table's own (the same column definitions render them), and the
 * list is windowed like the table: only the cards in view exist. A total row is a card of its own
 * above them, its first line what it adds up (the row's head columns: "Total of USDT pairs · USDT").
 */
import { type Cell, flexRender, type Header, type Row } from "@tanstack/react-table";
import type { ReactNode } from "react";

/** Which columns a card shows: a first line, and label/value pairs under it. */
export interface CardLayout {
  readonly head: readonly string[];
  readonly fields: readonly string[];
  /** Pairs side by side (default 2); 1 where labels or values are long ("Cost basis (USDT)"). */
  readonly perLine?: 1 | 2;
  /**
   * Fields that take a line of their own (a long value: "PARTIALLY_CANCELED (self-trade
   * prevention)"); each first, or after an even number of the others, so no line is left half empty.
   */
  readonly wide?: readonly string[];
}

/** Card height in px (fixed: the list is windowed): the first line, then a line per wide field and per `perLine` others. */
export function cardHeight(layout: CardLayout): number {
  const wide = layout.fields.filter((id) => layout.wide?.includes(id)).length;
  return 30 + (wide + Math.ceil((layout.fields.length - wide) / (layout.perLine ?? 2))) * 20 + 14;
}

export interface TableCardsProps<T> {
  readonly label: string;
  readonly layout: CardLayout;
  readonly rows: readonly Row<T>[];
  readonly headers: readonly Header<T, unknown>[];
  readonly firstIndex: number;
  readonly paddingTop: number;
  readonly paddingBottom: number;
  readonly flashed: (rowId: string) => boolean;
  /** The table's total row, by column id: a card of its own above the rows. */
  readonly totals?: Readonly<Record<string, ReactNode>>;
}

function cellOf<T>(row: Row<T>, id: string): Cell<T, unknown> | undefined {
  return row.getVisibleCells().find((cell) => cell.column.id === id);
}

export function TableCards<T>(props: TableCardsProps<T>) {
  const { label, layout, rows, headers, firstIndex, paddingTop, paddingBottom, flashed, totals } = props;
  const height = cardHeight(layout);
  const headerOf = (id: string) => headers.find((header) => header.column.id === id);
  const totalFields = totals ? layout.fields.filter((id) => totals[id] != null) : [];
  // The total's own first line, as a row's: what it adds up and its unit ("Total of USDT pairs · USDT").
  const totalHead = totals ? layout.head.filter((id) => totals[id] != null) : [];
  return (
    <>
      {totals && totalFields.length > 0 && (
        <section className="table-card-totals" aria-label={`${label}: total`}>
          {totalHead.length > 0 && (
            <div className="table-card-head">
              {totalHead.map((id) => (
                <span key={id}>{totals[id]}</span>
              ))}
            </div>
          )}
          <dl className="table-card-fields table-card-fields-1">
            {totalFields.map((id) => {
              const header = headerOf(id);
              return header ? (
                <div key={id} className="table-card-field">
                  <dt>
                    {totalHead.length > 0 ? "" : "Total "}
                    {flexRender(header.column.columnDef.header, header.getContext())}
                  </dt>
                  <dd>{totals[id]}</dd>
                </div>
              ) : null;
            })}
          </dl>
        </section>
      )}
      <ul className="table-cards" aria-label={label} style={{ paddingTop, paddingBottom }}>
        {rows.map((row, i) => (
          <li
            // Keyed by place, like the table's rows: new rows at the top change text, not the DOM.
            key={firstIndex + i}
            className={flashed(row.id) ? "table-card flash" : "table-card"}
            style={{ height }}
            data-row-id={row.id}
          >
            <div className="table-card-head">
              {layout.head.map((id) => {
                const cell = cellOf(row, id);
                return cell ? <span key={id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</span> : null;
              })}
            </div>
            <dl className={layout.perLine === 1 ? "table-card-fields table-card-fields-1" : "table-card-fields"}>
              {layout.fields.map((id) => {
                const cell = cellOf(row, id);
                const header = headerOf(id);
                if (!cell || !header) return null;
                return (
                  <div
                    key={id}
                    className={
                      layout.wide?.includes(id) ? "table-card-field table-card-field-wide" : "table-card-field"
                    }
                  >
                    <dt>{flexRender(header.column.columnDef.header, header.getContext())}</dt>
                    <dd>{flexRender(cell.column.columnDef.cell, cell.getContext())}</dd>
                  </div>
                );
              })}
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
