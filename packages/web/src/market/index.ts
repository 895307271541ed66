/**
 * Market components: pure, props in (contract types from @mexc-live/contract), no
 * fetching, no global state. Decimal strings are shown as received, padded with zeros so a
 * column's decimal points line up (never rounded); the ticker shows the mid price until the
 * first trade.
 *
 * <MarketPanel
 *   symbol: string                      the market shown
 *   symbols: readonly string[]          picker choices (current symbol added when missing)
 *   onSymbolChange: (symbol) => void
 *   ticker: TickerItem | null
 *   depth: DepthView | null             local order book; top 20 per side shown, with size bars and spread
 *   trades: readonly TradeTick[]        any order; shown newest first, at most 50 ("waiting for trades")
 *   klines: readonly KlineItem[]        any order; candlesticks of the newest interval
 *   theme: "dark" | "light"
 *   height?: number                     px; default 100% of the parent (give it a fixed height);
 *                                       at <= 900px wide the parts stack and the panel grows
 * />
 * Items whose `symbol` differs from `symbol` are ignored (no flash of the previous market).
 * Test ids: market-panel, kline-chart (data-points = candles plotted).
 *
 * <KlineChart symbol klines theme height? />   the candlestick part alone.
 */

export { MarketPanel } from "./MarketPanel.js";
