/**
 * GatewayQueries (what the HTTP API reads) over the store and the derived figures, with the
 * configured field masks applied to every item that leaves. A cursor the store refuses becomes
 * InvalidCursorError (400 naming `cursor`); any other bad query a 400 naming its field.
 */
import type { FillItem } from "../contract.js";
import type { Figures, PriceBook } from "../derive/index.js";
import { balanceItems } from "../derive/index.js";
import { type GatewayQueries, InvalidCursorError } from "../http/deps.js";
import { HttpError } from "../http/errors.js";
import { type GatewayStore, isStoreError } from "../store/index.js";
import type { FieldMask } from "./fieldMask.js";

export function storeQueries(store: GatewayStore, figures: Figures, book: PriceBook, mask: FieldMask): GatewayQueries {
  const guarded = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (isStoreError(error) && error.code === "BAD_CURSOR") throw new InvalidCursorError(error.message);
      if (isStoreError(error) && error.code === "BAD_QUERY") throw new HttpError("BAD_REQUEST", error.message);
      throw error;
    }
  };
  return {
    balances: () => balanceItems(store.balances(), book),
    orders: (query) =>
      guarded(() => {
        const page = store.orders(query);
        return { ...page, items: page.items.map(mask) };
      }),
    fills: (query) =>
      guarded(() => {
        const page = store.fills(query);
        return { ...page, items: page.items.map(mask) };
      }),
    equity: (query) => guarded(() => store.equity(query)),
    fees: () => figures.fees(),
    pnl: () => figures.pnl(),
    volume: (query) => guarded(() => figures.volume(query)),
    allFills: (query) =>
      maskAll(
        guarded(() => store.allFills(query)),
        mask,
      ),
  };
}

function* maskAll(fills: Iterable<FillItem>, mask: FieldMask): Generator<FillItem> {
  for (const fill of fills) yield mask(fill);
}
