/**
 * Why the realized PnL by asset and the pairs' total differ (GET /api/pnl/realized; contract
 * realized.ts; issue 57 item 1), a read model of the one loop (keeper.ts). The portfolio by asset
 * tells it what every move realized (portfolio.ts RealizedHook): the asset, what the move stood
 * for in its event (a trade's base, quote or fee, a flow, a conversion, an opening) and what it
 * realized by each method. Each move's realized goes to one cause:
 *
 *   a trade on a pair quoted in the quote currency (base or quote)   quotePairs
 *   a trade on a pair quoted in another coin: its base               otherBase
 *                                              its quote              otherQuote
 *   a trade's fee paid in a coin                                      feeCoins
 *   a withdrawal, deposit or transfer                                 flows
 *   a conversion of small balances                                    conversions
 *   an opening                                                        openings
 *
 * so the causes sum to the realized PnL by asset, exactly (every move realizes once, in one
 * cause). The answer takes the pairs' total out of quotePairs: what the trades of the pairs quoted
 * in the quote currency realized by asset, minus what those pairs realized by pair. Then
 *
 *   byAsset = byPair + the causes' realized, summed
 *
 * to the last of the figures' 18 places. The same over a range (GET /api/pnl/realized?from&to, the
 * journal's calendar): the running sums of each cause and of the pairs' realized by pair (the
 * pairs' model's, figures.ts, read after each fill) are marked every 15 minutes they move
 * (realizedMarks.ts), and a range is the difference of its two ends' marks. Pure: no IO.
 */
import {
  type CostMethodName,
  MAX_CAUSE_NAMES,
  type PnlItem,
  REALIZED_CAUSES,
  type RealizedCause,
  type RealizedCauseName,
  type RealizedCauses,
} from "@mexc-live/contract";
import { type Fixed, FixedCell, type FixedRead, fixed, fixedText } from "@mexc-live/protocol";
import { COST_METHODS, type CostMethod } from "./engine/lots.js";
import type { Leg } from "./ledger/legs.js";
import type { AssetTotals, MoveRole, RealizedHook } from "./portfolio/portfolio.js";
import { BUCKET_MS } from "./portfolio/portfolioModel.js";
import type { LedgerModel } from "./readModel.js";
import {
  type BucketNames,
  causeSlot,
  dayRowText,
  type Mark,
  methodIndex,
  noNames,
  pairsSlot,
  SLOTS,
  valuesWithin,
} from "./realizedMarks.js";

/**
 * Names (pairs, assets) a cause keeps at most: MEXC lists about 2,500 spot pairs (its exchangeInfo),
 * so an account cannot have traded more; past it a name is counted in `more` only. A bucket of a
 * mark (realizedMarks.ts) keeps as many.
 */
const MAX_KEPT_NAMES = 4_096;
/** 2: the running sums in one vector with the pairs' realized by pair (ranges), marks in series rows. */
const STATE_VERSION = 2;

/** A cause's names over the whole history (the cause is here once a move of it came). */
interface Tally {
  readonly names: Set<string>;
  /** Names past MAX_KEPT_NAMES, each counted once it realized something. */
  more: number;
  readonly unpriced: Set<string>;
}

interface SavedTally {
  readonly names: readonly string[];
  readonly more: number;
  readonly unpriced: readonly string[];
}

/** What the pairs' model tells of the fill it applied last (figures.ts): what it realized by pair. */
interface PairMoves {
  lastRealized(method: CostMethod): FixedRead;
}

/** The cause of one move of the portfolio, and the name it goes under (the pair, or the asset). */
function causeOf(event: Leg, role: MoveRole, asset: string, quote: string): { cause: RealizedCauseName; name: string } {
  switch (event.kind) {
    case "trade": {
      if (role === "fee") return { cause: "feeCoins", name: asset };
      const symbol = event.fill.symbol;
      if (event.quote === quote) return { cause: "quotePairs", name: symbol };
      return { cause: role === "quote" ? "otherQuote" : "otherBase", name: symbol };
    }
    case "flow":
      return { cause: "flows", name: asset };
    case "conversion":
      return { cause: "conversions", name: asset };
    default:
      return { cause: "openings", name: asset };
  }
}

/** Adds `name` to `names`, at most MAX_KEPT_NAMES; false when it was left out. */
function keep(names: Set<string>, name: string): boolean {
  if (names.has(name)) return true;
  if (names.size >= MAX_KEPT_NAMES) return false;
  names.add(name);
  return true;
}

function setOf(sets: Map<RealizedCauseName, Set<string>>, cause: RealizedCauseName): Set<string> {
  let set = sets.get(cause);
  if (set === undefined) {
    set = new Set();
    sets.set(cause, set);
  }
  return set;
}

/** A cause of an answer: its names sorted, at most MAX_CAUSE_NAMES listed; not known when a move had no price. */
function causeItem(
  cause: RealizedCauseName,
  realized: Fixed,
  names: Iterable<string>,
  more: number,
  unpriced: Iterable<string>,
): RealizedCause {
  const sorted = [...names].sort();
  const unpricedSorted = [...unpriced].sort();
  return {
    cause,
    realized: unpricedSorted.length > 0 ? null : fixedText(realized),
    names: sorted.slice(0, MAX_CAUSE_NAMES),
    more: sorted.length - Math.min(sorted.length, MAX_CAUSE_NAMES) + more,
    unpriced: unpricedSorted,
  };
}

export class RealizedCausesModel implements LedgerModel, RealizedHook {
  readonly name = "realized";
  private tallies = new Map<RealizedCauseName, Tally>();
  /** The running sums since the history's start (realizedMarks.ts SLOTS). */
  private values: FixedCell[] = Array.from({ length: SLOTS }, () => new FixedCell());
  /** The open day: its vector at the start, its marks. */
  private dayStart: readonly bigint[] = new Array<bigint>(SLOTS).fill(0n);
  private marks: Mark[] = [];
  /** The bucket the last move fell in (its end; undefined before any), its names, and whether anything moved in it. */
  private open: number | undefined;
  private bucket: BucketNames = noNames();
  private moved = false;

  /**
   * `quote`: the quote currency the portfolio values in (the pairs quoted in it are quotePairs);
   * `pairs`: the figures by pair, applied each leg before this model (ledger/models.ts).
   */
  constructor(
    private readonly quote: string,
    private readonly pairs?: PairMoves,
  ) {}

  /** A fill on a pair quoted in the quote currency: what it realized by pair (the portfolio's moves come through RealizedHook). */
  apply(leg: Leg): void {
    if (leg.kind === "unplaced") return;
    this.enter(leg.time);
    if (leg.kind !== "trade" || leg.quote !== this.quote || this.pairs === undefined) return;
    for (const [i, method] of COST_METHODS.entries()) {
      const realized = this.pairs.lastRealized(method);
      if (realized.isZero()) continue;
      (this.values[pairsSlot(i)] as FixedCell).add(realized);
      this.moved = true;
    }
  }

  realized(event: Leg, role: MoveRole, asset: string, index: number, realized: FixedRead): void {
    const cause = this.causeMoved(event, role, asset);
    (this.values[causeSlot(cause, index)] as FixedCell).add(realized);
  }

  unpriced(event: Leg, role: MoveRole, asset: string): void {
    const cause = this.causeMoved(event, role, asset);
    const tally = this.tallies.get(cause) as Tally;
    keep(tally.unpriced, asset);
    keep(setOf(this.bucket.unpriced, cause), asset);
  }

  /** The move's cause, its name counted in, over the whole history and in its bucket. */
  private causeMoved(event: Leg, role: MoveRole, asset: string): RealizedCauseName {
    this.enter(event.time);
    this.moved = true;
    const { cause, name } = causeOf(event, role, asset, this.quote);
    let tally = this.tallies.get(cause);
    if (tally === undefined) {
      tally = { names: new Set(), more: 0, unpriced: new Set() };
      this.tallies.set(cause, tally);
    }
    if (!keep(tally.names, name)) tally.more++;
    keep(setOf(this.bucket.names, cause), name);
    return cause;
  }

  /** A move at `time`: the bucket before it is marked when this one is another. */
  private enter(time: number): void {
    const end = Math.floor(time / BUCKET_MS) * BUCKET_MS + BUCKET_MS;
    if (end === this.open) return;
    this.markOpen();
    this.open = end;
  }

  private markOpen(): void {
    if (this.open !== undefined && this.moved)
      this.marks.push({ time: this.open, values: this.current(), names: this.bucket });
    this.bucket = noNames();
    this.moved = false;
  }

  private current(): bigint[] {
    return this.values.map((cell) => cell.value);
  }

  /**
   * The answer by `method` over the whole history: `totals`, every asset's by the portfolio now
   * (their realized summed is the figure by asset), `pairs` the figures by pair now, `quoteOf` a
   * pair's quote asset.
   */
  answer(
    method: CostMethod,
    totals: Iterable<AssetTotals>,
    pairs: readonly PnlItem[],
    quoteOf: (symbol: string) => string | undefined,
  ): RealizedCauses {
    let byAsset = 0n;
    for (const asset of totals) byAsset += asset.realized[method];
    let byPair = 0n;
    for (const pair of pairs) if (quoteOf(pair.symbol) === this.quote) byPair += fixed(pair.realized, "realized");
    const m = methodIndex(method);
    const causes: RealizedCause[] = [];
    for (const cause of REALIZED_CAUSES) {
      const tally = this.tallies.get(cause);
      if (tally === undefined && (cause !== "quotePairs" || byPair === 0n)) continue;
      const realized = (this.values[causeSlot(cause, m)] as FixedCell).value - (cause === "quotePairs" ? byPair : 0n);
      causes.push(causeItem(cause, realized, tally?.names ?? [], tally?.more ?? 0, tally?.unpriced ?? []));
    }
    return {
      quote: this.quote,
      method: method as CostMethodName,
      byAsset: fixedText(byAsset),
      byPair: fixedText(byPair),
      causes,
    };
  }

  /**
   * The answer by `method` over a range, from its two ends' vectors (realizedMarks.ts), `start` at
   * `from` and `end` at `to` (bucket boundaries), and the marks between them (after `from`, at or
   * before `to`); `byAsset` the portfolio's realized between the two ends, every asset summed.
   */
  rangeAnswer(
    method: CostMethod,
    range: { readonly from: number; readonly to: number },
    byAsset: Fixed,
    start: readonly bigint[],
    end: readonly bigint[],
    marks: Iterable<Mark>,
  ): RealizedCauses {
    const m = methodIndex(method);
    const names = new Map<RealizedCauseName, Set<string>>();
    const unpriced = new Map<RealizedCauseName, Set<string>>();
    const more = new Map<RealizedCauseName, number>();
    for (const mark of marks) {
      for (const [cause, moved] of mark.names.names) {
        const kept = setOf(names, cause);
        for (const name of moved) if (!keep(kept, name)) more.set(cause, (more.get(cause) ?? 0) + 1);
      }
      for (const [cause, assets] of mark.names.unpriced)
        for (const asset of assets) keep(setOf(unpriced, cause), asset);
    }
    const slot = (at: number) => (end[at] as bigint) - (start[at] as bigint);
    const byPair = slot(pairsSlot(m));
    const causes: RealizedCause[] = [];
    for (const cause of REALIZED_CAUSES) {
      const moved = names.has(cause) || unpriced.has(cause);
      if (!moved && (cause !== "quotePairs" || byPair === 0n)) continue;
      const realized = slot(causeSlot(cause, m)) - (cause === "quotePairs" ? byPair : 0n);
      causes.push(causeItem(cause, realized, names.get(cause) ?? [], more.get(cause) ?? 0, unpriced.get(cause) ?? []));
    }
    return {
      quote: this.quote,
      method: method as CostMethodName,
      from: range.from,
      to: range.to - 1,
      byAsset: fixedText(byAsset),
      byPair: fixedText(byPair),
      causes,
    };
  }

  /** The vector at `time`, a bucket boundary in the open day or after it (the days' before are the store's rows). */
  valuesInOpenDay(time: number): readonly bigint[] {
    if (this.open !== undefined && time >= this.open) return this.current();
    return valuesWithin({ start: this.dayStart, marks: this.marks }, time);
  }

  /** The open day's marks after `from` and at or before `to`, the open bucket's too (its vector now). */
  *marksInOpenDay(from: number, to: number): Generator<Mark> {
    for (const mark of this.marks) if (mark.time > from && mark.time <= to) yield mark;
    const open = this.open;
    if (open !== undefined && this.moved && open > from && open <= to)
      yield { time: open, values: this.current(), names: this.bucket };
  }

  save(): string {
    const tallies: Record<string, SavedTally> = {};
    for (const [cause, tally] of this.tallies)
      tallies[cause] = { names: [...tally.names], more: tally.more, unpriced: [...tally.unpriced] };
    return JSON.stringify({ version: STATE_VERSION, values: this.values.map((cell) => cell.text()), tallies });
  }

  /** The day's series row: its start and its marks (the open bucket marked first); the next day starts. */
  endDay(): string | undefined {
    this.markOpen();
    this.open = undefined;
    const text = this.marks.length === 0 ? undefined : dayRowText({ start: this.dayStart, marks: this.marks });
    this.dayStart = this.current();
    this.marks = [];
    return text;
  }

  restore(text: string): boolean {
    let saved: { version?: unknown; values?: unknown; tallies?: Record<string, SavedTally> };
    try {
      saved = JSON.parse(text) as typeof saved;
    } catch {
      return false;
    }
    if (
      saved.version !== STATE_VERSION ||
      !Array.isArray(saved.values) ||
      saved.values.length !== SLOTS ||
      typeof saved.tallies !== "object" ||
      saved.tallies === null
    )
      return false;
    const tallies = new Map<RealizedCauseName, Tally>();
    for (const [cause, tally] of Object.entries(saved.tallies)) {
      if (!(REALIZED_CAUSES as readonly string[]).includes(cause)) return false;
      tallies.set(cause as RealizedCauseName, {
        names: new Set(tally.names),
        more: tally.more,
        unpriced: new Set(tally.unpriced),
      });
    }
    this.tallies = tallies;
    this.values = (saved.values as string[]).map((value) => FixedCell.parse(value));
    this.dayStart = this.current();
    this.marks = [];
    this.open = undefined;
    this.bucket = noNames();
    this.moved = false;
    return true;
  }
}
