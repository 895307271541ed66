/**
 * The symbol's last price in its quote asset ("Last 3,402.64 USDT") and best bid / ask with sizes,
 * as received (prices padded to the same number of decimals so they line up, thousands separated
 * like every other price on the screen). Before the first trade the ticker has no last price: the
 * mid between bid and ask stands in for it, labelled "Mid".
 */
import type { TickerItem } from "@mexc-live/contract";
import { midDecimal } from "@mexc-live/protocol";
import { alignedColumn, formatDecimal } from "../format/decimal.js";
import { quoteOfPair } from "../format/pairQuote.js";

export interface TickerBarProps {
  readonly ticker: TickerItem | null;
  /** The gateway's quote currency (the pair's quote asset is read from its symbol). */
  readonly quote: string;
}

const DASH = "–";

interface TickerPrices {
  readonly label: "Last" | "Mid";
  readonly last: string;
  readonly bid: string;
  readonly ask: string;
}

function tickerPrices(ticker: TickerItem | null): TickerPrices {
  if (!ticker) return { label: "Last", last: DASH, bid: DASH, ask: DASH };
  if (ticker.last !== "") {
    const [last = DASH, bid = DASH, ask = DASH] = alignedColumn([ticker.last, ticker.bidPrice, ticker.askPrice]);
    return { label: "Last", last, bid, ask };
  }
  const [bid = DASH, ask = DASH] = alignedColumn([ticker.bidPrice, ticker.askPrice]);
  return { label: "Mid", last: formatDecimal(midDecimal(ticker.bidPrice, ticker.askPrice) ?? DASH), bid, ask };
}

export function TickerBar({ ticker, quote }: TickerBarProps) {
  const prices = tickerPrices(ticker);
  const unit = ticker ? quoteOfPair(ticker.symbol, quote) : "";
  return (
    <dl className="market-ticker" aria-label="Ticker">
      <div>
        <dt title={prices.label === "Mid" ? "No trade yet: the mid between the best bid and ask" : undefined}>
          {prices.label}
        </dt>
        <dd className="market-last">
          {prices.last}
          {unit && prices.last !== DASH && <small> {unit}</small>}
        </dd>
      </div>
      <BookSide label="Bid" className="side-buy" price={prices.bid} quantity={ticker?.bidQuantity} />
      <BookSide label="Ask" className="side-sell" price={prices.ask} quantity={ticker?.askQuantity} />
    </dl>
  );
}

/** The best bid or ask: its price, and its size once a ticker came. */
function BookSide(props: { label: string; className: string; price: string; quantity: string | undefined }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd className={props.className}>
        {props.price}
        {props.quantity !== undefined && <small> × {props.quantity}</small>}
      </dd>
    </div>
  );
}
