/**
 * The opening positions as the store's whole history gives them: what was held before it (the
 * keeper's passes from scratch, keeper.ts; GET /api/pnl/openings), and the figures by pair of a
 * whole store built in one go (tests).
 */
import type { OpeningPosition, TransferItem } from "@mexc-live/contract";
import type { Decimal } from "@mexc-live/protocol";
import type { GatewayStore } from "../store/index.js";
import { sumStoredFills } from "./fillSums.js";
import { type Figures, openingPositions } from "./index.js";
import type { OpeningInput } from "./openingPositions.js";

/** The market price of one unit of an asset at a moment (pastPrices.ts); null when unknown. */
export type PriceAt = (asset: string, time: number) => Decimal | null;

/** The quote currency, and each fill's pair as its two assets (the keeper's FillPairs; a test's price book). */
type Markets = OpeningInput["book"];

export function currentOpenings(store: GatewayStore, book: Markets, priceAt?: PriceAt): OpeningPosition[] {
  return openingsFrom(store, book, store.fillHistory(), { ...(priceAt === undefined ? {} : { priceAt }) });
}

/** What openingPositions reads besides the fills: the store's balances, transfers, history reach and costs. */
type OpeningOptions = Pick<OpeningInput, "keep" | "priceAt">;

function openingsFrom(
  store: GatewayStore,
  book: Markets,
  fills: OpeningInput["fills"],
  options: OpeningOptions & { readonly transfers?: readonly TransferItem[] },
): OpeningPosition[] {
  const { transfers, ...rest } = options;
  return openingPositions({
    balances: store.balances(),
    fills,
    transfers: transfers ?? store.allTransfers(),
    historyFrom: store.backfill().plan?.historyFrom,
    costs: new Map(store.openingCosts().map((cost) => [cost.asset, cost.costPrice])),
    book,
    ...rest,
  });
}

/**
 * currentOpenings from the fills read a chunk at a time (fillSums.ts: each pair's sums stand in
 * for its fills), for work that shares the event loop: `between` runs after each chunk with its
 * size (the caller yields there when its slice is up) and returns true to stop: undefined then.
 * `first`: the first fill's time (+Infinity without fills).
 */
export async function openingsInSlices(
  store: GatewayStore,
  book: Markets,
  between: (fills: number) => Promise<boolean>,
  options: OpeningOptions = {},
): Promise<OpeningsRead | undefined> {
  // The balances and transfers read in the same turn as the last of the fills' sums: one moment.
  return sumStoredFills(store, between, (sums) => {
    const transfers = store.allTransfers();
    return {
      openings: openingsFrom(store, book, sums.fills, { ...options, transfers }),
      first: sums.first,
      upToRow: sums.upToRow,
      transfers,
    };
  });
}

/** What was held before the history, and the moment it was worked out at: the fills up to `upToRow`, these transfers. */
export interface OpeningsRead {
  readonly openings: OpeningPosition[];
  /** The first fill's time (+Infinity without fills). */
  readonly first: number;
  readonly upToRow: number;
  readonly transfers: readonly TransferItem[];
}

/** The figures by pair of every fill of the store, in one go, from the positions held before them (tests). */
export function rebuildFigures(figures: Figures, store: GatewayStore, book: Markets, priceAt?: PriceAt): void {
  figures.rebuild(store.figuresHistory(), currentOpenings(store, book, priceAt));
}
