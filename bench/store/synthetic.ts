/**
 * The synthetic account of bench/store: 20 USDT pairs (and MXUSDT), a bot buying and selling
 * around a position over a year, fees in USDT and now and then in MX. The same seed gives the
 * same fills.
 */
import { createRandom } from "@mexc-live/simulator";
import { type MarketSymbol, PriceBook, valueFill } from "../../packages/gateway/src/figures/index.js";
import type { openStore } from "../../packages/gateway/src/store/index.js";

export const YEAR_MS = 365 * 86_400_000;
const SYMBOLS = 20;
const BATCH = 10_000;

export const markets: MarketSymbol[] = Array.from({ length: SYMBOLS }, (_, i) => ({
  symbol: `C${String(i).padStart(2, "0")}USDT`,
  baseAsset: `C${String(i).padStart(2, "0")}`,
  quoteAsset: "USDT",
}));
markets.push({ symbol: "MXUSDT", baseAsset: "MX", quoteAsset: "USDT" });
// The pairs of an imported trade history (packages/gateway/test/tradeExport.ts).
for (const base of ["BTC", "ETH", "SOL", "DOGE"])
  markets.push({ symbol: `${base}USDT`, baseAsset: base, quoteAsset: "USDT" });

/** The price book every phase values with (markets known, MX priced). */
export function benchBook(): PriceBook {
  const book = new PriceBook();
  book.setMarkets(markets);
  book.update("MXUSDT", "3.2");
  return book;
}

export const HISTORY_END = Date.UTC(2026, 10, 1);
export const HISTORY_START = HISTORY_END - YEAR_MS;

export type SyntheticFill = ReturnType<SyntheticAccount["fillAt"]>;

/** A bot's fills spread evenly over [from, from + span): the n-th of `total`. */
export class SyntheticAccount {
  private readonly random;
  private readonly prices = markets.map((_, i) => 1 + i * 7.5);
  private readonly held = markets.map(() => 0);

  constructor(
    seed: number,
    private readonly from = HISTORY_START,
    private readonly span = YEAR_MS,
    private readonly prefix = "b",
  ) {
    this.random = createRandom(seed);
  }

  /** The n-th synthetic fill: mostly buys while little is held, sells once there is. */
  fillAt(n: number, total: number) {
    const random = this.random;
    const i = random.int(0, SYMBOLS - 1);
    const market = markets[i] as MarketSymbol;
    this.prices[i] = Math.max(0.01, (this.prices[i] as number) * (1 + (random.next() - 0.5) * 0.004));
    const price = (this.prices[i] as number).toFixed(4);
    const quantity = (1 + random.int(0, 999) / 100).toFixed(2);
    const sell = (this.held[i] as number) >= Number(quantity) && random.chance(0.5);
    this.held[i] = (this.held[i] as number) + (sell ? -Number(quantity) : Number(quantity));
    const amount = (Number(price) * Number(quantity)).toFixed(6);
    const mx = random.chance(0.2);
    const time = this.from + Math.floor((n / total) * this.span);
    return {
      type: "fill" as const,
      channel: "spot@private.deals.v3.api.pb",
      symbol: market.symbol,
      tradeId: `${this.prefix}${String(n).padStart(8, "0")}`,
      orderId: `o${this.prefix}${n}`,
      clientOrderId: "",
      side: sell ? ("SELL" as const) : ("BUY" as const),
      price,
      quantity,
      amount,
      fee: mx ? "0.01" : (Number(amount) * 0.0005).toFixed(8),
      feeCurrency: mx ? "MX" : "USDT",
      isMaker: random.chance(0.5),
      isSelfTrade: false,
      timestamp: time,
      localTimestamp: time,
      source: "stream" as const,
    };
  }

  /** Stores fills [from, to) of `total`, valued with `book`, in batches of BATCH. */
  insert(store: ReturnType<typeof openStore>, book: PriceBook, from: number, to: number, total: number): void {
    for (let n = from; n < to; n += BATCH) {
      store.batch(() => {
        for (let k = n; k < Math.min(to, n + BATCH); k++) {
          const fill = this.fillAt(k, total);
          store.upsertFill(fill, valueFill(fill, book));
        }
      });
    }
  }
}
