/**
 * Keeps the journal's read model (figures/journal/roundTrips.ts) of one account per cost method,
 * and its checkpoint in the store (store/journalCheckpoint.ts), so a start reads the trips back
 * instead of building them from every fill (at a million fills: 4.2 s at the first read).
 *
 * At the first read of a method: the checkpoint read back if it still stands (built on the same
 * rules and openings, the store holding exactly the fills it holds up to its last), then fed the
 * fills stored after its last; else built from the first fill. Both in slices of the event loop
 * (SLICE_MS: the collector goes on meanwhile); reads during a build wait for it. Then at each read
 * the fills stored since (a few rows a read) are applied; built again when an older fill arrived
 * (the backfill, an import), the positions held before the history changed (Figures
 * openingsKey: the trips start from what GET /api/pnl starts from), or fills stored earlier were
 * valued at the prices of their time (their fees and values change).
 *
 * The checkpoint is written after a build (in slices; given up if fills arrive meanwhile, and
 * written at a later read), the chunks whose trips changed alone, at most once a SAVE_EVERY_MS
 * (a backfill builds the trips again at each read: they are written once a minute, not each
 * time); never while a fill it would hold waits on its valuation (it would hold the old value).
 */
import { dec, fixedOf } from "@mexc-live/protocol";
import type { GatewayStore } from "../../store/index.js";
import type { CostMethod, Figures, PriceBook } from "../index.js";
import { nextTurn, SLICE_MS, Slicer } from "../sliceBudget.js";
import { type JournalOpening, RoundTrips, type RoundTripsState, type Trip } from "./roundTrips.js";
import { tripLine, tripsOfChunk } from "./tripLines.js";

/**
 * At most this many fills stored since the last read are applied to the kept trips (read in one
 * statement); more, and the trips are built again from the checkpoint (a backfill's or an import's size).
 */
export const MAX_JOURNAL_INCREMENT = 10_000;

/** Trips a chunk of the checkpoint holds (about 600 KB of text). */
export const TRIPS_PER_CHUNK = 4_096;

/** The checkpoint is written again at most this often as fills come in (and after every build). */
export const SAVE_EVERY_MS = 60_000;

/** The rules the trips are built by: raised when a rule changes, so checkpoints of the old rules are built again. */
const JOURNAL_RULES = 1;

/** Rowids a restore looks through in one turn for a fill stored behind its checkpoint (a few ms). */
const ROWS_PER_LOOK = 65_536;

/** Fills applied between two looks at the clock while building (a look per fill would cost more than the fill). */
const FILLS_PER_CLOCK_CHECK = 256;

type Key = { readonly time: number; readonly tradeId: string };

interface Kept {
  readonly model: RoundTrips;
  readonly openingsKey: string;
  readonly valuations: number;
  /** The store's fillsRemovedMark when it was built: a fill deleted since (retention) and it is built again. */
  readonly removed: number;
  mark: number;
  last: Key | undefined;
  sorted: readonly Trip[] | undefined;
  /** The generation of each chunk as the checkpoint in the store names it. */
  chunks: number[];
  /** Chunks whose trips changed since the checkpoint was written. */
  readonly unsaved: Set<number>;
  /** Replaced by a build (or dropped): its checkpoint is no longer to be written. */
  retired: boolean;
}

export class JournalKeeper {
  private readonly kept = new Map<CostMethod, Kept>();
  private readonly building = new Map<CostMethod, Promise<Kept>>();
  private readonly saving = new Map<CostMethod, Promise<void>>();
  /** When each method's checkpoint was last begun: builds one after another (a backfill) write it once a SAVE_EVERY_MS. */
  private readonly savedAt = new Map<CostMethod, number>();
  /** keep() has looked for the default method's checkpoint (once, at the first pass after a start). */
  private warmed = false;
  private closed = false;

  constructor(
    private readonly store: GatewayStore,
    private readonly figures: Figures,
    private readonly book: PriceBook,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every round trip of the account by `method`, in the order they closed. */
  async trips(method: CostMethod = this.figures.method): Promise<readonly Trip[]> {
    const kept = await this.current(method);
    kept.sorted ??= byCloseTime(kept.model.trips());
    return kept.sorted;
  }

  /**
   * The method's trips brought up to the store: the fills stored since applied, or built again
   * (from the checkpoint when it stands). Not put in close order: a read does that, once for all
   * the passes since (a pass after every event of the user stream would sort half a million trips
   * each time at 1M fills).
   */
  private async current(method: CostMethod): Promise<Kept> {
    this.throwIfClosed();
    const mark = this.store.fillsMark();
    const openingsKey = this.figures.openingsKey();
    const valuations = this.store.valuationsMark();
    const removed = this.store.fillsRemovedMark();
    let kept = this.kept.get(method);
    const stands =
      kept !== undefined &&
      kept.openingsKey === openingsKey &&
      kept.valuations === valuations &&
      kept.removed === removed &&
      (mark === kept.mark || this.catchUp(kept, mark));
    if (!stands) {
      // A save of it under way stops at its next slice.
      if (kept !== undefined) kept.retired = true;
      let pending = this.building.get(method);
      if (pending === undefined) {
        pending = this.build(method, { mark, openingsKey, valuations, removed }).finally(() =>
          this.building.delete(method),
        );
        this.building.set(method, pending);
      }
      kept = await pending;
      this.kept.set(method, kept);
      // Fills stored while it was built: taken in now when they follow it (else the next read builds again).
      const now = this.store.fillsMark();
      if (now !== kept.mark) this.catchUp(kept, now);
    }
    kept = kept as Kept;
    if (kept.unsaved.size > 0 && this.due(method)) this.save(method, kept);
    return kept;
  }

  /**
   * Brings each method read so far up to the store, and at a start the default method's trips
   * back from their checkpoint (the keeper's journal pass, keeper.ts): a read then finds them
   * current instead of catching up or building itself. A method never read and without a
   * checkpoint is left to its first read (no journal is built for a page that never shows one).
   */
  async keep(): Promise<void> {
    const methods = new Set(this.kept.keys());
    if (methods.size === 0 && !this.warmed) {
      this.warmed = true;
      if (this.hasCheckpoint(this.figures.method)) methods.add(this.figures.method);
    }
    for (const method of methods) {
      if (this.closed) return;
      await this.current(method);
    }
  }

  /** No build or catch-up begins from now on; one under way stops at its next slice (its readers get an error). */
  close(): void {
    this.closed = true;
  }

  private hasCheckpoint(method: CostMethod): boolean {
    try {
      return this.store.journal.get(method) !== undefined;
    } catch {
      return false;
    }
  }

  /** Resolves when no checkpoint is being written (a test's, a bench's or a shutdown's wait). */
  async settled(): Promise<void> {
    while (this.saving.size > 0) await Promise.all(this.saving.values());
  }

  private throwIfClosed(): void {
    if (this.closed || !this.store.isOpen) throw new Error("the journal was closed (the gateway is stopping)");
  }

  /** Applies the fills stored since; false when they are too many or one is older than the last applied. */
  private catchUp(kept: Kept, mark: number): boolean {
    const fills = this.store.journalFillsSince(kept.mark, mark, MAX_JOURNAL_INCREMENT);
    const first = fills?.[0];
    if (fills === undefined) return false;
    if (first !== undefined && kept.last !== undefined && !isAfter(first, kept.last)) return false;
    for (const fill of fills) kept.model.apply(fill);
    const last = fills[fills.length - 1];
    if (last !== undefined) kept.last = { time: last.time, tradeId: last.tradeId };
    kept.mark = mark;
    kept.sorted = undefined;
    noteChanged(kept);
    return true;
  }

  private async build(
    method: CostMethod,
    basis: {
      readonly mark: number;
      readonly openingsKey: string;
      readonly valuations: number;
      readonly removed: number;
    },
  ): Promise<Kept> {
    const { mark, openingsKey, valuations, removed } = basis;
    const restored = await this.restore(method, builtOn(openingsKey), basis);
    const model = restored?.model ?? new RoundTrips(this.book, method, openingsOf(openingsKey));
    let last = restored?.last;
    const slicer = new Slicer(SLICE_MS, FILLS_PER_CLOCK_CHECK);
    for (const fill of this.store.journalFills(mark, last)) {
      model.apply(fill);
      last = fill;
      if (slicer.up()) {
        await slicer.pause();
        this.throwIfClosed();
      }
    }
    const kept: Kept = {
      model,
      openingsKey,
      valuations,
      removed,
      mark,
      last: last === undefined ? undefined : { time: last.time, tradeId: last.tradeId },
      sorted: undefined,
      chunks: restored?.chunks ?? [],
      unsaved: new Set(),
      retired: false,
    };
    noteChanged(kept);
    // Sorted in a turn of its own (half a million trips: tens of ms after the build's last slice).
    await nextTurn();
    kept.sorted = byCloseTime(model.trips());
    // Written when trips changed, or when none was there to read back (a history with no trip yet).
    if ((kept.unsaved.size > 0 || (restored === undefined && model.count > 0)) && this.due(method))
      this.save(method, kept);
    return kept;
  }

  /**
   * The method's checkpoint read back, if it still stands (built on `on`, no fill removed since,
   * none stored since that sorts before its last: it holds every fill that sorts there of the
   * fills stored up to `basis.mark`); undefined: build from the first fill.
   */
  private async restore(
    method: CostMethod,
    on: string,
    basis: { readonly mark: number; readonly removed: number },
  ): Promise<{ model: RoundTrips; last: Key | undefined; chunks: number[] } | undefined> {
    let checkpoint: ReturnType<GatewayStore["journal"]["get"]>;
    try {
      checkpoint = this.store.journal.get(method);
    } catch {
      return undefined; // a row that does not read (its chunk list): built from the first fill
    }
    if (checkpoint === undefined || checkpoint.builtOn !== on) return undefined;
    if (checkpoint.rowMark === null || checkpoint.removed !== basis.removed) return undefined;
    if (checkpoint.rowMark > basis.mark) return undefined; // not of this store's fills
    if (await this.storedBehind(checkpoint.rowMark, basis.mark, checkpoint.last)) return undefined;
    let state: RoundTripsState;
    try {
      state = JSON.parse(checkpoint.state) as RoundTripsState;
    } catch {
      return undefined;
    }
    await nextTurn();
    const trips: Trip[] = [];
    const slicer = new Slicer();
    for (const [chunk, generation] of checkpoint.chunks.entries()) {
      // A save since the row was read may have replaced this chunk: then the checkpoint read is gone.
      const text = this.store.journal.chunk(method, chunk, generation);
      if (text === undefined) return undefined;
      const read = tripsOfChunk(text);
      // Every chunk but the last holds TRIPS_PER_CHUNK trips, each with its close time: else the
      // checkpoint is not what was written (cut short, damaged) and the trips are built again.
      const whole = chunk < checkpoint.chunks.length - 1;
      if (whole ? read.length !== TRIPS_PER_CHUNK : read.length === 0 || read.length > TRIPS_PER_CHUNK)
        return undefined;
      for (const trip of read) {
        if (!Number.isFinite(trip.closeTime)) return undefined;
        trips.push(trip);
      }
      if (slicer.overdue()) await slicer.pause();
    }
    const model = new RoundTrips(this.book, method);
    if (!model.restore({ state, trips })) return undefined;
    await nextTurn();
    return {
      model,
      last: checkpoint.last,
      chunks: [...checkpoint.chunks],
    };
  }

  /**
   * Whether a fill stored after `afterRow` (up to `upToRow`) sorts at or before `last`: read
   * ROWS_PER_LOOK rowids a turn (an import of older fills since the checkpoint is read in slices).
   */
  private async storedBehind(afterRow: number, upToRow: number, last: Key | undefined): Promise<boolean> {
    if (afterRow === upToRow) return false;
    // No fill held: any fill stored since comes after "nothing" (the trips are fed it as new).
    if (last === undefined) return false;
    for (let from = afterRow; from < upToRow; from += ROWS_PER_LOOK) {
      if (this.store.fillStoredBehind(from, Math.min(upToRow, from + ROWS_PER_LOOK), last)) return true;
      await nextTurn();
    }
    return false;
  }

  /** Whether a fill the trips hold waits on its valuation (a checkpoint would keep its old value). */
  private holdsUnvalued(kept: Kept): boolean {
    const pending = this.store.firstPendingValuation();
    return pending !== undefined && kept.last !== undefined && pending <= kept.last.time;
  }

  /** Whether the method's checkpoint may be written again (SAVE_EVERY_MS since the last was begun). */
  private due(method: CostMethod): boolean {
    return this.now() - (this.savedAt.get(method) ?? Number.NEGATIVE_INFINITY) >= SAVE_EVERY_MS;
  }

  /** Writes the checkpoint (its unsaved chunks), after one under way; never two at once. */
  private save(method: CostMethod, kept: Kept): void {
    if (this.holdsUnvalued(kept)) return;
    this.savedAt.set(method, this.now());
    const before = this.saving.get(method) ?? Promise.resolve();
    const run = before
      .then(() => this.write(method, kept))
      .catch((error: unknown) => {
        // The checkpoint is a shortcut: without it the next start builds the trips from every fill.
        process.emitWarning(`the journal's checkpoint was not written: ${(error as Error).message}`);
      })
      .finally(() => {
        if (this.saving.get(method) === run) this.saving.delete(method);
      });
    this.saving.set(method, run);
  }

  private async write(method: CostMethod, kept: Kept): Promise<void> {
    if (!this.store.isOpen || kept.retired || this.holdsUnvalued(kept)) return;
    const { model } = kept;
    const fills = model.count;
    const checkpoint = {
      builtOn: builtOn(kept.openingsKey),
      fills,
      last: kept.last,
      state: JSON.stringify(model.checkpoint()),
      rowMark: kept.mark,
      removed: kept.removed,
    };
    // Chunks a write given up left behind (fills came in meanwhile) go first: they never add up.
    while (this.store.journal.dropUnnamed(method) > 0) {
      await nextTurn();
      if (!this.store.isOpen || kept.retired || model.count !== fills) return;
    }
    const trips = model.trips();
    const count = Math.ceil(trips.length / TRIPS_PER_CHUNK);
    const unsaved = [...kept.unsaved].filter((chunk) => chunk < count).sort((a, b) => a - b);
    const generation = this.store.journal.generation();
    const written: { chunk: number; generation: number; lines: string }[] = [];
    const slicer = new Slicer();
    for (const chunk of unsaved) {
      const lines = trips
        .slice(chunk * TRIPS_PER_CHUNK, (chunk + 1) * TRIPS_PER_CHUNK)
        .map(tripLine)
        .join("\n");
      written.push({ chunk, generation, lines });
      if (slicer.overdue()) {
        // Written ahead of the row naming them (they count once it is written), a slice at a time.
        for (const chunk of written.splice(0))
          this.store.journal.putChunk(method, chunk.chunk, generation, chunk.lines);
        await slicer.pause();
        // Fills applied meanwhile: this checkpoint is no longer one moment; a later read writes it.
        if (!this.store.isOpen || kept.retired || model.count !== fills) return;
      }
    }
    const chunks = Array.from({ length: count }, (_, at) => kept.chunks[at] ?? generation);
    for (const chunk of unsaved) chunks[chunk] = generation;
    this.store.journal.put(method, { ...checkpoint, chunks }, written);
    kept.chunks = chunks;
    for (const chunk of unsaved) kept.unsaved.delete(chunk);
  }
}

/**
 * The trips in the order they closed, as a stable sort by close time gives them (a copy: the
 * model's list stays in its own order). The model's order is nearly that already: a trip is added
 * when it closes, and a later fill of its order moves its close on. So the trips that close after
 * a trip listed later are taken out (a walk from the end), sorted alone and merged back: O(n) and
 * a sort of the few moved (sorting half a million trips read back at a start held the event loop
 * 30-40 ms).
 */
export function byCloseTime(trips: readonly Trip[]): readonly Trip[] {
  const moved: number[] = [];
  let earliest = Number.POSITIVE_INFINITY;
  for (let i = trips.length - 1; i >= 0; i--) {
    const close = (trips[i] as Trip).closeTime;
    if (close > earliest) moved.push(i);
    else earliest = close;
  }
  if (moved.length === 0) return trips.slice();
  moved.reverse();
  // (close, list place): the stable sort's order, for the moved and for the rest alike.
  moved.sort((a, b) => (trips[a] as Trip).closeTime - (trips[b] as Trip).closeTime || a - b);
  const out: Trip[] = new Array(trips.length);
  let next = 0;
  let m = 0;
  const taken = new Set(moved);
  for (let i = 0; i < trips.length; i++) {
    if (taken.has(i)) continue;
    const trip = trips[i] as Trip;
    while (m < moved.length && before(trips, moved[m] as number, i)) out[next++] = trips[moved[m++] as number] as Trip;
    out[next++] = trip;
  }
  while (m < moved.length) out[next++] = trips[moved[m++] as number] as Trip;
  return out;
}

/** Whether the trip at `a` sorts before the one at `b` (close time, then place in the list). */
function before(trips: readonly Trip[], a: number, b: number): boolean {
  const ca = (trips[a] as Trip).closeTime;
  const cb = (trips[b] as Trip).closeTime;
  return ca < cb || (ca === cb && a < b);
}

/** The chunks of the trips applied since the last look are unsaved. */
function noteChanged(kept: Kept): void {
  for (const at of kept.model.takeChanged()) kept.unsaved.add(Math.floor(at / TRIPS_PER_CHUNK));
}

function builtOn(openingsKey: string): string {
  return `${JOURNAL_RULES}:${openingsKey}`;
}

function isAfter(a: Key, b: Key): boolean {
  return a.time > b.time || (a.time === b.time && a.tradeId > b.tradeId);
}

/** The figures' openings (openingsKey: [symbol, {quantity, costPrice}] pairs) opened as Figures.reset opens them. */
function openingsOf(openingsKey: string): JournalOpening[] {
  const entries = JSON.parse(openingsKey) as [string, { quantity: string; costPrice: string }][];
  return entries.map(([symbol, opening]) => {
    const quantity = dec(opening.quantity, "quantity");
    return {
      symbol,
      quantity: fixedOf(quantity),
      cost: fixedOf(quantity.times(dec(opening.costPrice, "costPrice"))),
    };
  });
}
