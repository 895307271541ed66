/**
 * The derived figures and opening positions as the store's whole history gives them. At start
 * they come from the checkpoint and the fills stored after it (no replay of every fill), or are
 * rebuilt from every fill when there is no good checkpoint. While the gateway runs, the rebuilder
 * (pairRebuild.ts) brings them up to date in slices. A checkpoint is written after each
 * rebuild, every few minutes and at shutdown.
 */
import type { OpeningPosition } from "@mexc-live/contract";
import type { Decimal } from "@mexc-live/protocol";
import type { GatewayStore } from "../store/index.js";
import { sumStoredFills } from "./fillSums.js";
import { type Figures, type FiguresState, openingPositions, type PriceBook } from "./index.js";
import type { OpeningInput } from "./openingPositions.js";

/** The market price of one unit of an asset at a moment (pastPrices.ts); null when unknown. */
export type PriceAt = (asset: string, time: number) => Decimal | null;

export function currentOpenings(store: GatewayStore, book: PriceBook, priceAt?: PriceAt): OpeningPosition[] {
  return openingsFrom(store, book, store.fillHistory(), { ...(priceAt === undefined ? {} : { priceAt }) });
}

/** What openingPositions reads besides the fills: the store's balances, transfers, history reach and costs. */
type OpeningOptions = Pick<OpeningInput, "keep" | "priceAt">;

function openingsFrom(
  store: GatewayStore,
  book: PriceBook,
  fills: OpeningInput["fills"],
  options: OpeningOptions,
): OpeningPosition[] {
  return openingPositions({
    balances: store.balances(),
    fills,
    transfers: store.allTransfers(),
    historyFrom: store.backfill().plan?.historyFrom,
    costs: new Map(store.openingCosts().map((cost) => [cost.asset, cost.costPrice])),
    book,
    ...options,
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
  book: PriceBook,
  between: (fills: number) => Promise<boolean>,
  options: OpeningOptions = {},
): Promise<{ readonly openings: OpeningPosition[]; readonly first: number } | undefined> {
  const read = await sumStoredFills(store, between);
  if (read === undefined) return undefined;
  return { openings: openingsFrom(store, book, read.fills, options), first: read.first };
}

export function rebuildFigures(figures: Figures, store: GatewayStore, book: PriceBook, priceAt?: PriceAt): void {
  figures.rebuild(store.figuresHistory(), currentOpenings(store, book, priceAt));
  saveFigures(figures, store);
}

/** How the figures were loaded at start. */
export type FiguresLoad = "checkpoint" | "rebuilt";

/** Loads the figures from the checkpoint and the fills after it, or rebuilds them from every fill. */
export function loadFigures(figures: Figures, store: GatewayStore, book: PriceBook, priceAt?: PriceAt): FiguresLoad {
  const checkpoint = store.figuresCheckpoint();
  if (checkpoint !== undefined) {
    let state: unknown;
    try {
      state = JSON.parse(checkpoint.state);
    } catch {
      state = undefined;
    }
    const restored =
      state !== undefined &&
      (checkpoint.days === undefined
        ? figures.restore(state as FiguresState)
        : figures.restoreWithDays(state as FiguresState, checkpoint.days));
    if (restored) {
      figures.replay(store.figuresHistory(undefined, checkpoint.last));
      // A checkpoint of before its volume had a row per day: written in that form now, at the
      // start, not by the first save in the middle of a live session.
      if (checkpoint.days === undefined) saveFigures(figures, store);
      return "checkpoint";
    }
  }
  rebuildFigures(figures, store, book, priceAt);
  return "rebuilt";
}

/**
 * Writes the checkpoint: its head and the volume's days a fill changed since they were saved (a
 * rebuild has written the others ahead, in slices: pairRebuild.ts), in one transaction.
 */
export function saveFigures(figures: Figures, store: GatewayStore): void {
  // A day shared with figures of before (a rebuild from a later day) whose row a save of those replaced.
  for (const { day } of store.figuresCheckpointDays.missing(figures.volumeDays())) figures.volumeUnsaved(day);
  const unsaved = [...figures.unsavedVolumeDays()];
  const generation = unsaved.length > 0 ? store.figuresCheckpointDays.generation() : 0;
  const written = unsaved.map(([day, text]) => ({ day, generation, text }));
  const days = [...figures.volumeDays(), ...written].sort((a, b) => a.day - b.day);
  store.saveFiguresCheckpoint(
    {
      fills: figures.fills,
      last: figures.last,
      openings: figures.openingsKey(),
      state: figures.checkpointHead(),
      days: days.map(({ day, generation }) => ({ day, generation })),
    },
    written,
  );
  for (const { day, generation, text } of written) figures.volumeSavedAs(day, generation, text);
}
