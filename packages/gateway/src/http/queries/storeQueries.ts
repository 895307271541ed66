/**
 * GatewayQueries (what the HTTP API reads) over the store and the derived figures, with the
 * configured field masks applied to every item that leaves, and page cursors sealed when ids are
 * masked (cursorSeal.ts). A cursor the store refuses becomes InvalidCursorError (400 naming
 * `cursor`); any other bad query a 400 naming its field.
 */
import type { AlertService } from "@mexc-live/alerts";
import type { FillItem, LedgerItem } from "@mexc-live/contract";
import { HttpError, InvalidCursorError } from "../../errors.js";
import { exportFile } from "../../exports/exportFile.js";
import { marketAssets } from "../../exports/exportHistory.js";
import { accountReads } from "../../figures/accountReads.js";
import { currentOpenings } from "../../figures/figuresFromStore.js";
import type { PriceBook } from "../../figures/index.js";
import { balanceItems } from "../../figures/index.js";
import type { FiguresKeeper } from "../../figures/keeper.js";
import { type GatewayStore, isStoreError } from "../../store/index.js";
import type { FieldMask } from "../fieldMask.js";
import { type CursorSeal, PLAIN_CURSORS } from "./cursorSeal.js";
import type { GatewayQueries } from "./gatewayQueries.js";
import { type TaxRates, taxQuery } from "./taxQuery.js";

/** What the store's queries may read besides the store, the keeper and the book. */
export interface StoreQueriesOptions {
  /** Page cursors sealed (masked ids must not leak through them); default: plain. */
  readonly cursors?: CursorSeal;
  /** The ECB's rates, for the tax report in another currency (none: USDT and USD only). */
  readonly rates?: TaxRates;
  /** The account's alert service: its rules and delivery log (none, a store read alone: no rule, no delivery). */
  readonly alerts?: Pick<AlertService, "list" | "deliveries">;
}

export function storeQueries(
  store: GatewayStore,
  /** The account's one keeper of its read models (figures/keeper.ts; standaloneKeeper for a store read alone). */
  keeper: FiguresKeeper,
  book: PriceBook,
  mask: FieldMask,
  { cursors = PLAIN_CURSORS, rates, alerts }: StoreQueriesOptions = {},
): GatewayQueries {
  const figuresOf = () => keeper.queries;
  const priceAt = (asset: string, time: number) => figuresOf().priceAt(asset, time);
  /** The query with its cursor opened (an unknown one is refused like any bad cursor). */
  const opened = <Q extends { readonly cursor?: string }>(query: Q): Q => {
    if (query.cursor === undefined) return query;
    const cursor = cursors.open(query.cursor);
    if (cursor === undefined)
      throw new InvalidCursorError("cursor: not one this gateway issued (or it restarted since)");
    return { ...query, cursor };
  };
  const sealed = (cursor: string | null) => (cursor === null ? null : cursors.seal(cursor));
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
    // The market's facts, the gateway's one book (every account's the same).
    precisions: () => book.precisions(),
    // Channel URLs masked by the service (alerts' rules.ts).
    alertRules: () => alerts?.list() ?? [],
    alertDeliveries: ({ limit }) => alerts?.deliveries(limit) ?? [],
    orders: (query) =>
      guarded(() => {
        const page = store.orders(opened(query));
        return { ...page, items: page.items.map(mask), nextCursor: sealed(page.nextCursor) };
      }),
    fills: (query) =>
      guarded(() => {
        const page = store.fills(opened(query));
        return { ...page, items: page.items.map(mask), nextCursor: sealed(page.nextCursor) };
      }),
    // The API table's reads, each from its read model (figures/accountReads.ts).
    ...accountReads({ store, book, keeper }, guarded),
    taxRows: (query) => taxQuery(query, { store, keeper, mask, rates }),
    transfers: (query) =>
      guarded(() => {
        const page = store.transfers(opened(query));
        const figures = figuresOf();
        const items = page.items.map((item) => ({ ...item, value: figures.transferValue(item) }));
        return { ...page, items, nextCursor: sealed(page.nextCursor) };
      }),
    ledger: (query) =>
      guarded(() => {
        const page = store.ledger(opened(query));
        return { ...page, items: page.items.map((item) => maskRef(item, mask)), nextCursor: sealed(page.nextCursor) };
      }),
    openingPositions: () => currentOpenings(store, keeper.pairs, priceAt),
    toolExport: (name, query) =>
      guarded(() => exportFile(name, store, { ...query, marketOf: marketAssets(keeper.pairs), mask })),
    allFills: (query) =>
      maskAll(
        // The fills there are now, none stored while the export streams (it spans turns of the loop).
        guarded(() => store.exportFills(query, store.fillsMark())),
        mask,
      ),
  };
}

/** A ledger entry's cause with its id masked like the fill or order it names. */
function maskRef(item: LedgerItem, mask: FieldMask): LedgerItem {
  if (item.ref === null || item.ref.kind === "transfer") return item;
  const id = item.ref.kind === "fill" ? mask({ tradeId: item.ref.id }).tradeId : mask({ orderId: item.ref.id }).orderId;
  return id === item.ref.id ? item : { ...item, ref: { ...item.ref, id } };
}

/** The tax walk's steps with the disposals' trade ids masked like every fill's (a movement's id too). */
function* maskAll(fills: Iterable<FillItem>, mask: FieldMask): Generator<FillItem> {
  for (const fill of fills) yield mask(fill);
}
