/**
 * A store holding one buy: 1 `base` bought for 100 `quote` at `boughtAt`, and the balances MEXC
 * reads back at `heldAt` (that 1 and `quoteLeft` of the quote asset), the smallest history the
 * figures' tests value (keeper.test.ts, candlePlan.test.ts).
 */
import type { PriceBook } from "../src/figures/index.js";
import { valueFill } from "../src/figures/index.js";
import type { GatewayStore } from "../src/store/index.js";
import { fillEvent } from "./storeEvents.js";

export function holdOneBought(
  store: GatewayStore,
  book: PriceBook,
  at: { readonly symbol?: string; readonly quoteLeft: string; readonly boughtAt: number; readonly heldAt: number },
): void {
  const symbol = at.symbol ?? "BTCUSDT";
  const market = book.marketOf(symbol);
  if (market === undefined) throw new Error(`holdOneBought: ${symbol} is not a market of the book`);
  const fill = fillEvent({
    ...{ symbol, tradeId: "t1", side: "BUY", price: "100", quantity: "1", amount: "100", fee: "0" },
    ...{ feeCurrency: market.quoteAsset, timestamp: at.boughtAt, source: "rest" },
  });
  store.upsertFill(fill, valueFill(fill, book));
  for (const [asset, free] of [
    [market.baseAsset, "1"],
    [market.quoteAsset, at.quoteLeft],
  ] as const) {
    store.applyBalance({
      ...{ asset, free, locked: "0", freeChange: "0", lockedChange: "0" },
      ...{ changeType: "RECONCILE", timestamp: at.heldAt, source: "rest" },
    });
  }
}
