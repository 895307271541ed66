/**
 * The tax report's walk over an account's store (GET /api/export/tax.csv; figures/taxReport.ts):
 * the history there was when the export began, in the currency asked (figures/taxCurrency.ts).
 * A currency other than the quote currency and USD needs the ECB's rates of every day from the
 * history's first to the year's end (or today): a day without one is refused before the first
 * row, naming the days (400 naming `currency`).
 */

import { LONG_TERM_DAYS } from "@mexc-live/contract";
import type { ExportQuery } from "@mexc-live/contract/api";
import { HttpError } from "../../errors.js";
import { emptyTaxEnd, type TaxRow, taxSteps } from "../../figures/index.js";
import type { FiguresKeeper } from "../../figures/keeper.js";
import type { Leg } from "../../figures/ledger/legs.js";
import { type TaxCurrency, taxCurrency } from "../../figures/taxCurrency.js";
import type { ExchangeRateStore } from "../../store/exchangeRates.js";
import type { GatewayStore } from "../../store/index.js";
import { dayRuns, USD } from "../../store/usdConversion.js";
import type { FieldMask } from "../fieldMask.js";

/** What the tax report reads the ECB's rates through (store/exchangeRates.ts). */
export type TaxRates = Pick<ExchangeRateStore, "rateOn" | "missingDays" | "currencies">;

/** The quote currencies a report converts from: counted at par with USD. */
const USD_AT_PAR = new Set(["USDT", USD]);
/** Runs of missing days a refusal names at most (then how many more). */
const MISSING_RUNS_NAMED = 12;

export interface TaxQueryDeps {
  readonly store: GatewayStore;
  readonly keeper: FiguresKeeper;
  readonly mask: FieldMask;
  /** The ECB's rates; undefined: only the quote currency and USD are offered. */
  readonly rates: TaxRates | undefined;
  /** Now, for the current year's last day with a rate. */
  readonly now?: () => number;
}

export async function taxQuery(
  query: ExportQuery<"tax">,
  { store, keeper, mask, rates, now = Date.now }: TaxQueryDeps,
): Promise<Iterable<TaxRow | null>> {
  // The fills there are now, none stored while the walk runs (it spans turns of the loop).
  const upToRow = store.fillsMark();
  const from = Date.UTC(query.year, 0, 1);
  const to = Date.UTC(query.year + 1, 0, 1) - 1;
  const method = query.method ?? keeper.figures.method;
  const portfolio = keeper.queries;
  const longTermDays = query.longTermDays ?? LONG_TERM_DAYS.default;
  const asked = query.currency;
  const converting = asked !== undefined && asked !== portfolio.quote;
  if (converting && !USD_AT_PAR.has(portfolio.quote))
    throw new HttpError(
      "BAD_REQUEST",
      `currency: the report converts USDT or USD; this gateway counts in ${portfolio.quote}`,
    );
  if (converting && asked !== USD && (rates === undefined || !rates.currencies().includes(asked)))
    throw new HttpError(
      "BAD_REQUEST",
      `currency: no rates for ${asked}: import the ECB's eurofxref-hist.csv (docs/exchange-rates.md)${rates === undefined ? "" : `; known: ${rates.currencies().join(", ")}`}`,
    );
  // A year without a fill or a wallet movement disposes of nothing: no need to walk the years before it.
  const quiet =
    store.allFills({ from, to, upToRow }).next().done === true &&
    !store.allTransfers().some((transfer) => transfer.time >= from && transfer.time <= to);
  if (quiet) {
    const first = store.fillHistory({ upToRow }).next();
    const currency = asked ?? portfolio.quote;
    return [
      emptyTaxEnd(first.done === true ? null : first.value.time, {
        longTermDays,
        currency,
        quote: portfolio.quote,
        method,
      }),
    ];
  }
  const history = await portfolio.history({ to, upToRow });
  const legs = history.events[Symbol.iterator]();
  const first = legs.next();
  let currency: TaxCurrency | undefined;
  if (converting && asked === USD) currency = { code: USD, at: () => (amount) => amount };
  else if (converting && rates !== undefined && first.done !== true) {
    const lastDay = Math.min(to, now());
    const missing = rates.missingDays(asked, dayOf(first.value.time), dayOf(Math.max(lastDay, first.value.time)));
    if (missing.length > 0) {
      legs.return?.();
      const runs = dayRuns(missing);
      const named = runs.slice(0, MISSING_RUNS_NAMED).join(", ");
      const more = runs.length > MISSING_RUNS_NAMED ? ` and ${runs.length - MISSING_RUNS_NAMED} more runs` : "";
      throw new HttpError(
        "BAD_REQUEST",
        `currency: no ${asked} rate for ${named}${more} (${missing.length} days of the history up to ${query.year}'s end); import the ECB's newer eurofxref-hist.csv (docs/exchange-rates.md)`,
      );
    }
    currency = taxCurrency(asked, (code, day) => rates.rateOn(code, day));
  }
  const steps = taxSteps({
    events: first.done === true ? [] : following(first.value, legs),
    unplaced: () => history.unplaced(),
    method,
    year: query.year,
    quote: portfolio.quote,
    ...(currency === undefined ? {} : { currency }),
    split: query.lots === "split",
    longTermDays,
  });
  return maskSteps(steps, mask);
}

function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** `first`, then the rest of `legs`. */
function* following(first: Leg, legs: Iterator<Leg>): Generator<Leg> {
  yield first;
  for (let next = legs.next(); next.done !== true; next = legs.next()) yield next.value;
}

function* maskSteps(steps: Iterable<TaxRow | null>, mask: FieldMask): Generator<TaxRow | null> {
  for (const step of steps) yield step === null ? null : mask(step);
}
