/**
 * The market panel for one symbol: symbol picker and ticker on top; candlesticks, the order book
 * and recent trades below. Pure: everything comes in as props, and data for another symbol (left
 * over while the parent switches) is not shown.
 */
import type { DepthView, KlineItem, MarketNote, TickerItem, TradeTick } from "@mexc-live/contract";
import type { CSSProperties } from "react";
import type { ChartTheme } from "../charts/palette.js";
import { DepthBook } from "./DepthBook.js";
import { KlineChart } from "./KlineChart.js";
import { SymbolPicker } from "./SymbolPicker.js";
import { TickerBar } from "./TickerBar.js";
import { TradesList } from "./TradesList.js";
import "./market.css";

export interface MarketPanelProps {
  readonly symbol: string;
  /** Symbols to pick from (the current one is added when missing). */
  readonly symbols: readonly string[];
  readonly onSymbolChange: (symbol: string) => void;
  readonly ticker: TickerItem | null;
  readonly depth: DepthView | null;
  /** Any order; only `symbol`'s are shown, newest first. */
  readonly trades: readonly TradeTick[];
  /** Any order; only `symbol`'s are charted. */
  readonly klines: readonly KlineItem[];
  /** `symbol`'s candles came (even none): before, the chart says "Loading…", not "no data yet". */
  readonly klinesIn: boolean;
  /**
   * What the gateway cannot show of the market now, in words (health's `market`): those of
   * `symbol` are said under the ticker, each with the part it concerns.
   */
  readonly notes?: readonly MarketNote[];
  readonly theme: ChartTheme;
  /** The gateway's quote currency (the ticker names each pair's quote asset). */
  readonly quote?: string;
  /** Total height in px; default: the parent's height (at phone width the parts stack and grow). */
  readonly height?: number;
}

export function MarketPanel(props: MarketPanelProps) {
  const { symbol, symbols, onSymbolChange, trades, klines, klinesIn, theme, height } = props;
  const notes = (props.notes ?? []).filter((note) => note.symbol === symbol);
  const ticker = props.ticker?.symbol === symbol ? props.ticker : null;
  const depth = props.depth?.symbol === symbol ? props.depth : null;
  return (
    <div
      className="market-panel"
      data-theme={theme}
      style={height === undefined ? undefined : ({ "--market-height": `${height}px` } as CSSProperties)}
      data-testid="market-panel"
    >
      <div className="market-head">
        <SymbolPicker symbol={symbol} symbols={symbols} onSymbolChange={onSymbolChange} />
        <TickerBar ticker={ticker} quote={props.quote ?? "USDT"} />
      </div>
      {notes.length > 0 && (
        <ul className="market-notes" role="status" data-testid="market-notes">
          {notes.map((note) => (
            <li key={`${note.part} ${note.kind}`} data-kind={note.kind}>
              {note.words}
            </li>
          ))}
        </ul>
      )}
      <div className="market-body">
        <div className="market-chart">
          {/* The symbol's candles have not come (its ticker or book may have): loading, not missing. */}
          <KlineChart symbol={symbol} klines={klines} theme={theme} loading={!klinesIn} />
        </div>
        <DepthBook depth={depth} />
        <TradesList symbol={symbol} trades={trades} />
      </div>
    </div>
  );
}
