/**
 * The symbol's recent public trades, newest first, buys and sells coloured; values as received,
 * padded to the same number of decimals per column so the points line up, thousands separated.
 */
import type { TradeTick } from "@mexc-live/contract";
import { useMemo } from "react";
import { ZonedLabel } from "../format/DateTime.js";
import { alignedColumn } from "../format/decimal.js";
import { clockTime, recentTrades, tradeKeys } from "./trades.js";

export interface TradesListProps {
  readonly symbol: string;
  readonly trades: readonly TradeTick[];
}

const NO_TRADES_TEXT = "waiting for trades";

export function TradesList({ symbol, trades }: TradesListProps) {
  const rows = useMemo(() => recentTrades(trades, symbol), [trades, symbol]);
  const keys = useMemo(() => tradeKeys(rows), [rows]);
  const prices = useMemo(() => alignedColumn(rows.map((t) => t.price)), [rows]);
  const sizes = useMemo(() => alignedColumn(rows.map((t) => t.quantity)), [rows]);
  return (
    <div className="market-trades">
      {rows.length === 0 ? (
        <p className="market-empty">{NO_TRADES_TEXT}</p>
      ) : (
        <table aria-label="Recent trades">
          <colgroup>
            <col className="trades-time" />
            <col className="trades-price" />
            <col className="trades-size" />
          </colgroup>
          <thead>
            <tr>
              {/* Two lines, "Time" over "(GMT+1)": on one line the narrow column cut it to "Time (..." (issue 40). */}
              <th className="trades-time-head">
                <ZonedLabel label="Time" />
              </th>
              <th className="num">Price</th>
              <th className="num">Size</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t, i) => (
              <tr key={keys[i]} data-side={t.side}>
                <td>{clockTime(t.time)}</td>
                <td className={`num ${t.side === "BUY" ? "side-buy" : "side-sell"}`}>{prices[i]}</td>
                <td className="num">{sizes[i]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
