/**
 * The prices and quantities of depth levels and trades, checked by toEvent (events.ts) when
 * decodePush's reader has not checked them already (codec.ts, `decimalsCheckedOnRead`), and the
 * BAD_DECIMAL error every decimal check of toEvent throws.
 */
import { isDecimal } from "./decimal.js";
import { ProtocolError } from "./errors.js";
import type { PushBodyName } from "./wire.js";

export type Items = readonly { readonly price?: string | null; readonly quantity?: string | null }[] | null | undefined;

/**
 * The prices and quantities of a body's depth levels or trades, each a plain decimal, else
 * BAD_DECIMAL naming `asks.price`, `deals.quantity`, ... (toEvent adds the body). A batch of
 * legacy diffs is checked as its event's concatenated asks, then bids.
 */
export function checkItemDecimals(name: PushBodyName, body: unknown): void {
  switch (name) {
    case "publicAggreDepths":
    case "publicIncreaseDepths":
    case "publicLimitDepths": {
      const depth = body as { asks?: Items; bids?: Items };
      checkItems(depth.asks, "asks");
      checkItems(depth.bids, "bids");
      return;
    }
    case "publicIncreaseDepthsBatch": {
      const items = (body as { items?: readonly { asks?: Items; bids?: Items }[] | null }).items ?? [];
      for (const item of items) checkItems(item.asks, "asks");
      for (const item of items) checkItems(item.bids, "bids");
      return;
    }
    case "publicAggreDeals":
    case "publicDeals":
      checkItems((body as { deals?: Items }).deals, "deals");
      return;
    default:
      return;
  }
}

function checkItems(items: Items, list: "asks" | "bids" | "deals"): void {
  for (const item of items ?? []) {
    if (!isDecimalValue(item.price)) throw badDecimal(`${list}.price`, String(item.price));
    if (!isDecimalValue(item.quantity)) throw badDecimal(`${list}.quantity`, String(item.quantity));
  }
}

/** A decoded item always has strings; a hand-made one may lack a field (null, undefined). */
function isDecimalValue(value: string | null | undefined): boolean {
  return typeof value === "string" && isDecimal(value);
}

/** BAD_DECIMAL naming `field` (toEvent prefixes the body), with the first 40 characters of the value. */
export function badDecimal(field: string, value: string): ProtocolError {
  return new ProtocolError("BAD_DECIMAL", `${field} is not a decimal: ${JSON.stringify(value.slice(0, 40))}`, {
    field,
    value: value.slice(0, 40),
  });
}
