/**
 * An account's read models, one set (readModel.ts): fed each leg in turn, saved together at a
 * day's start, resumed together from one checkpoint. The figures by pair go first: the journal
 * reads their moves of the leg, and the realized PnL's causes what a fill realized by pair; the
 * causes are told the portfolio's moves. A new model is its file and its place in `kinds` below.
 */
import type { OpeningPosition } from "@mexc-live/contract";
import type { CostMethod } from "../engine/lots.js";
import { Figures } from "../figures.js";
import { Journal } from "../journal/trips.js";
import { PortfolioModel } from "../portfolio/portfolioModel.js";
import type { PriceBook } from "../priceBook.js";
import type { LedgerModel, Resume } from "../readModel.js";
import { RealizedCausesModel } from "../realizedCauses.js";
import type { LedgerRows, TextRow } from "./ledgerRows.js";
import type { Leg } from "./legs.js";

export class LedgerModels {
  readonly pairs: Figures;
  readonly portfolio: PortfolioModel;
  readonly journal: Journal;
  /** The realized PnL by asset by cause, told the portfolio's moves. */
  readonly realized: RealizedCausesModel;
  /** Every model, in the order each leg is applied. */
  readonly all: readonly LedgerModel[];

  constructor(book: PriceBook, method: CostMethod) {
    this.pairs = new Figures(book, method);
    this.realized = new RealizedCausesModel(book.quote, this.pairs);
    this.portfolio = new PortfolioModel(this.realized);
    this.journal = new Journal(this.pairs);
    this.all = [this.pairs, this.portfolio, this.journal, this.realized];
  }

  /** Starts from the positions held before the history (the portfolio takes them as legs). */
  open(openings: readonly OpeningPosition[]): void {
    this.pairs.reset(openings);
    this.journal.open(this.pairs.openedPositions());
  }

  apply(leg: Leg): void {
    for (const model of this.all) model.apply(leg);
  }

  /** Every model's checkpoint row at the start of `day`. */
  states(day: number): TextRow[] {
    return this.all.map((model) => ({ model: model.name, kind: "state", day, text: model.save() }));
  }

  /** What `day` added to each model's series (every leg of it applied). */
  endDay(day: number): TextRow[] {
    const rows: TextRow[] = [];
    for (const model of this.all) {
      const text = model.endDay(day);
      if (text !== undefined) rows.push({ model: model.name, kind: "series", day, text });
    }
    return rows;
  }

  /**
   * Every model from its checkpoint row of `day`, the series of the days before it `live`'s (the
   * models kept until now) or the store's (a start). False when a row is missing or not one this
   * version wrote: then none is taken.
   */
  restore(rows: LedgerRows, day: number, live: LedgerModels | undefined): boolean {
    for (const model of this.all) {
      const text = rows.get(model.name, "state", day);
      if (text === undefined) return false;
      const resume: Resume = {
        day,
        live: live?.all.find((kept) => kept.name === model.name),
        series: (fromDay, toDay = day) => seriesBefore(rows, model.name, fromDay, Math.min(toDay, day)),
        seriesInPool: (fromDay, toDay = day) => seriesInPool(rows, model.name, fromDay, Math.min(toDay, day)),
      };
      if (!model.restore(text, resume)) return false;
    }
    return true;
  }
}

/** A model's series rows from `fromDay` to the day before `day`, oldest first, a month's rows at a time. */
function* seriesBefore(rows: LedgerRows, model: string, fromDay: number, day: number): Generator<string> {
  for (const [from, to] of monthsBefore(rows, model, fromDay, day))
    for (const [, text] of rows.rows(model, "series", from, to)) yield text;
}

/** The months [from, to] of a model's series rows from `fromDay` to the day before `day`. */
function* monthsBefore(rows: LedgerRows, model: string, fromDay: number, day: number): Generator<[number, number]> {
  let from = Number.isFinite(fromDay) ? fromDay : (rows.firstDay(model, "series") ?? day);
  while (from < day) {
    const to = Math.min(day - 1, from + MONTH_MS - 1);
    yield [from, to];
    from = to + 1;
  }
}

const MONTH_MS = 31 * 86_400_000;

/** As seriesBefore, the rows inflated off the event loop (LedgerRows.rowsInPool): a read that walks many of them. */
async function* seriesInPool(rows: LedgerRows, model: string, fromDay: number, day: number): AsyncGenerator<string> {
  for (const [from, to] of monthsBefore(rows, model, fromDay, day)) yield* rows.rowsInPool(model, "series", from, to);
}
