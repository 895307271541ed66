/**
 * The local order book: bids and asks side by side, best first, top DEPTH_LEVELS each, with a bar
 * per level sized to its quantity and the spread above. Prices and sizes as received, padded to
 * the same number of decimals across the book so the points line up (never rounded).
 */
import type { DepthView } from "@mexc-live/contract";
import { useMemo } from "react";
import { alignedColumn } from "../format/decimal.js";
import { type DepthRow, depthRows } from "./depthRows.js";

export interface DepthBookProps {
  readonly depth: DepthView | null;
}

function barStyle(row: DepthRow, side: "bid" | "ask") {
  const pct = `${(row.share * 100).toFixed(1)}%`;
  const color = side === "bid" ? "var(--depth-bid)" : "var(--depth-ask)";
  const direction = side === "bid" ? "to left" : "to right";
  return { backgroundImage: `linear-gradient(${direction}, ${color} ${pct}, transparent ${pct})` };
}

/** A level as shown: the row for its bar, and its price and size padded for the column. */
interface Level {
  readonly row: DepthRow;
  readonly price: string;
  readonly size: string;
}

/** Both sides' levels, every price padded to the book's most decimals, every size likewise. */
function levels(bids: readonly DepthRow[], asks: readonly DepthRow[]): { bids: Level[]; asks: Level[] } {
  const rows = [...bids, ...asks];
  const prices = alignedColumn(rows.map((r) => r.price));
  const sizes = alignedColumn(rows.map((r) => r.quantity));
  const level = (row: DepthRow, i: number): Level => ({
    row,
    price: prices[i] ?? row.price,
    size: sizes[i] ?? row.quantity,
  });
  return { bids: bids.map(level), asks: asks.map((row, i) => level(row, bids.length + i)) };
}

function Side({ levels, side }: { levels: readonly Level[]; side: "bid" | "ask" }) {
  const label = side === "bid" ? "Bids" : "Asks";
  const bid = side === "bid";
  return (
    <table className={`depth-side depth-${side}`} aria-label={label}>
      <colgroup>
        <col className={bid ? "depth-size" : "depth-price"} />
        <col className={bid ? "depth-price" : "depth-size"} />
      </colgroup>
      <thead>
        <tr>
          {bid ? (
            <>
              <th className="num">Size</th>
              <th className="num">Bid</th>
            </>
          ) : (
            <>
              <th className="num">Ask</th>
              <th className="num">Size</th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {levels.map(({ row, price, size }) => (
          <tr key={row.price} style={barStyle(row, side)}>
            {bid ? (
              <>
                <td className="num">{size}</td>
                <td className="num side-buy">{price}</td>
              </>
            ) : (
              <>
                <td className="num side-sell">{price}</td>
                <td className="num">{size}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DepthBook({ depth }: DepthBookProps) {
  const rows = useMemo(() => depthRows(depth), [depth]);
  const shown = useMemo(() => levels(rows.bids, rows.asks), [rows]);
  const empty = rows.bids.length === 0 && rows.asks.length === 0;
  return (
    <section className="market-depth" aria-label="Order book">
      <p className="depth-spread">
        Spread{" "}
        <span className="num">
          {rows.spread ?? "–"}
          {rows.spreadPct !== null && ` (${rows.spreadPct.toFixed(3)}%)`}
        </span>
      </p>
      {empty ? (
        // Before the book's first snapshot it is loading, not empty.
        <p className="market-empty">{depth === null ? "Loading…" : "no data yet"}</p>
      ) : (
        <div className="depth-sides">
          <Side levels={shown.bids} side="bid" />
          <Side levels={shown.asks} side="ask" />
        </div>
      )}
    </section>
  );
}
