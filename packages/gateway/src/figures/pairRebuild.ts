/**
 * A pass of the figures by pair (figures/figures.ts), the keeper's (keeper.ts) to run: brings them
 * up to date with the store without holding the event loop, after a backfill window or an import
 * stored older fills, fills were valued at the prices of their time, an opening cost was set or
 * candles priced the openings.
 *
 *   - The openings (what was held before the history) are worked out again from every fill, read
 *     in slices; when they changed, the figures are rebuilt from the first fill; else from the
 *     first UTC day the changed fills touch (the figures keep a mark of each day's start).
 *   - The rebuild runs apart from the live figures, in slices of at most SLICE_MS with a yield to
 *     the event loop between them, and replaces them when complete: until then the gateway
 *     answers from the figures it had, and live fills keep going to those.
 *   - The checkpoint's volume, a row per UTC day, is written ahead in the same slices (only the
 *     days the pass changed); the checkpoint's row that names them is written with the figures,
 *     and the rows it no longer names are deleted after the pass, a few per slice.
 *   - A live fill the rebuild may have missed (stored behind the point it had read to, or older
 *     than the last fill applied) asks for another pass from its day; nothing is lost or counted
 *     twice: every pass reads the store, where each fill is once.
 */
import type { OpeningPosition } from "@mexc-live/contract";
import type { Logger } from "../logging.js";
import type { GatewayStore } from "../store/index.js";
import { compareKeys, Figures, type FillKey } from "./figures.js";
import type { PriceAt } from "./figuresFromStore.js";
import { openingsInSlices, saveFigures } from "./figuresFromStore.js";
import type { PassRequest } from "./passes.js";
import type { PriceBook } from "./priceBook.js";
import { nextTurn, SLICE_MS, Slicer } from "./sliceBudget.js";

export interface PairRebuildDeps {
  readonly figures: Figures;
  readonly store: GatewayStore;
  readonly book: PriceBook;
  readonly priceAt?: PriceAt;
  readonly logger?: Logger;
  /** The longest a slice runs before it yields (default SLICE_MS; the tests yield at every chance with 0). */
  readonly sliceMs?: number;
  /** A pass replaced the figures (the fills topic and the PnL answers changed). */
  readonly onRebuilt?: (pass: RebuildPass) => void;
  /** A live fill the pass may miss, or applied out of order: another pass from its day. */
  readonly again: (from: number) => void;
}

/** What one pass did. */
export interface RebuildPass {
  /** The day it applied the fills again from; undefined: from the first fill (the openings changed, or no mark). */
  readonly fromDay: number | undefined;
  readonly openingsChanged: boolean;
  /** Fills applied. */
  readonly fills: number;
  readonly ms: number;
  /** Slices it ran in (each at most about SLICE_MS). */
  readonly slices: number;
}

export class PairRebuild {
  /** The rebuild under way, apart from the live figures, and the last fill it has read from the store. */
  private building: { readonly figures: Figures; readTo: FillKey | undefined } | undefined;
  private closed = false;
  private completedPasses = 0;

  constructor(private readonly deps: PairRebuildDeps) {
    deps.figures.listen((fill, older) => this.heard(fill, older));
  }

  /** Whether a pass is replaying fills into figures of its own now (after it worked out the openings). */
  get replaying(): boolean {
    return this.building !== undefined;
  }

  /** Passes completed so far. */
  get completed(): number {
    return this.completedPasses;
  }

  /** A pass under way stops between two slices; the live figures stay as they are. */
  close(): void {
    this.closed = true;
    this.deps.figures.listen(undefined);
  }

  private heard(fill: FillKey, older: boolean): void {
    const building = this.building;
    if (building !== undefined) {
      const read = building.readTo;
      // Stored behind the point the rebuild has read to: it will not see it.
      if (read !== undefined && compareKeys(fill, read) <= 0) this.deps.again(fill.time);
    } else if (older) {
      this.deps.again(fill.time);
    }
  }

  /** One pass (PassRequest: from a day, only what the store reports changed, or wholly). */
  async pass({ from: requested, wholly }: PassRequest): Promise<void> {
    const { figures, store, logger } = this.deps;
    const started = performance.now();
    const slicer = new Slicer(this.deps.sliceMs ?? SLICE_MS, CHECK_EVERY);
    const changed = store.takeFillChanges();
    const from = Math.min(requested, changed ?? Number.POSITIVE_INFINITY);
    const openings = await this.openings(slicer);
    if (this.closed) return;
    const openingsChanged = figures.openingsKeyOf(openings) !== figures.openingsKey();
    if (!wholly && !openingsChanged && !Number.isFinite(from)) return;
    const resumed = wholly || openingsChanged ? undefined : figures.fromDay(from);
    const building = resumed?.figures ?? new Figures(figures.book, figures.method);
    if (resumed === undefined) building.reset(openings);
    const before = building.fills;
    const state: { readonly figures: Figures; readTo: FillKey | undefined } = { figures: building, readTo: undefined };
    this.building = state;
    try {
      for (;;) {
        const rows = store.figuresChunk(resumed?.from, state.readTo);
        const last = rows[rows.length - 1];
        if (last === undefined) break;
        state.readTo = last;
        for (const fill of rows) {
          building.apply(fill);
          if (slicer.up() && (await this.pause(slicer))) return;
        }
      }
      // The checkpoint's volume written ahead, a day's row at a time (a year of it is megabytes:
      // in one statement it held the event loop 1.5 s at a million fills), then the fills stored meanwhile.
      const days = store.figuresCheckpointDays;
      const generation = days.generation();
      for (const [day, text] of building.unsavedVolumeDays()) {
        // A day the pass made again as it was keeps its row (a full pass at a start or after an
        // opening changed rewrote a year of rows, ~40 MB at a million fills, for a few changed days).
        const kept = figures.savedVolumeDay(day);
        if (kept !== undefined && kept.text === text) building.volumeSavedAs(day, kept.generation, text);
        else {
          days.putDay(day, generation, text);
          building.volumeSavedAs(day, generation, text);
        }
        if (slicer.up(CHECK_EVERY) && (await this.pause(slicer))) return;
      }
      for (let rows = store.figuresChunk(undefined, state.readTo); rows.length > 0; ) {
        building.replay(rows);
        state.readTo = rows[rows.length - 1];
        rows = store.figuresChunk(undefined, state.readTo);
      }
      figures.adopt(building);
    } finally {
      this.building = undefined;
    }
    // The checkpoint's head (the books as text: 20-30 ms at a million fills) gets a turn of its
    // own, not the end of the last slice's (58 ms together, bench:store's import phase).
    await nextTurn();
    if (!store.isOpen) return;
    saveFigures(figures, store);
    this.completedPasses++;
    const pass: RebuildPass = {
      fromDay: resumed?.from,
      openingsChanged,
      fills: building.fills - before,
      ms: Math.round(performance.now() - started),
      slices: slicer.slices,
    };
    // Debug: a live account brings its figures up to date every few seconds; at info those lines
    // buried the dashboard's URL on the terminal (issue 30 item 7).
    logger?.debug(pass, "figures by pair brought up to date");
    this.deps.onRebuilt?.(pass);
    // The rows of the checkpoint before (or of a pass that stopped), a few at a time.
    for (const day of store.figuresCheckpointDays.unreferencedDays()) {
      store.figuresCheckpointDays.deleteDay(day);
      if (slicer.up(CHECK_EVERY) && (await this.pause(slicer))) return;
    }
  }

  /** Gives the event loop a turn; true when the rebuilder closed meanwhile (the pass stops). */
  private async pause(slicer: Slicer): Promise<boolean> {
    await slicer.pause();
    return this.closed;
  }

  /**
   * currentOpenings (figuresFromStore.ts) from the fills read in slices: each pair's bought and
   * sold quantity and amount and its fees per currency, summed exactly, stand in for its fills.
   */
  private async openings(slicer: Slicer): Promise<OpeningPosition[]> {
    const { store, book, priceAt } = this.deps;
    const between = async (fills: number) => slicer.up(fills) && (await this.pause(slicer));
    return (await openingsInSlices(store, book, between, priceAt === undefined ? {} : { priceAt }))?.openings ?? [];
  }
}

/** Fills between two looks at the clock (a fill takes a few microseconds). */
const CHECK_EVERY = 64;
