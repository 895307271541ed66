/**
 * The money-weighted return (internal rate of return) of a range, as Portfolio Performance
 * states it (help.portfolio-performance.info, "Money weighted rate of return", Eq 1): the rate
 * IRR such that the start equity and every flow, grown at IRR for the days left in the range,
 * make the end equity:
 *
 *   MVB * (1 + IRR)^(D / 365) + sum CF_t * (1 + IRR)^(RD_t / 365) = MVE
 *
 * with D the range's days, RD_t the days left after flow t (deposits in, withdrawals out, valued
 * when they happened). `annual` divides the days by 365 (Portfolio Performance's "IRR"); `period`
 * by D (the same growth over the whole range: (1 + period) = (1 + annual)^(D / 365)).
 *
 * The amounts are decimals; the rate is a root of a sum of powers with fractional exponents, which
 * no finite decimal holds: it is solved in binary floating point over the amounts scaled to their
 * sum (the one place a figure is), for x = ln(1 + period), by Newton steps kept inside a bracket
 * of a sign change (a bisection where a step would leave it) until the bracket is narrower than
 * X_TOLERANCE: 1 + period is then right to about one part in 10^12, and given to 10 places.
 */
import type { MoneyWeightedNoRate } from "@mexc-live/contract";
import { DAY_MS, type Decimal, dec, fmt, ZERO } from "@mexc-live/protocol";

/** A flow into the account (+) or out of it (-), valued at its time in the quote currency. */
export interface MoneyFlow {
  readonly time: number;
  readonly value: Decimal;
}

/** Why the rate cannot be solved (the contract's MoneyWeightedNoRate says what each means). */
type NoRateReason = Extract<MoneyWeightedNoRate, "emptyRange" | "nothingInvested" | "noRoot">;

export type MoneyWeightedRate =
  | { readonly kind: "rate"; readonly period: string; readonly annual: string | null }
  | { readonly kind: "none"; readonly reason: NoRateReason };

/** Days in a year of Portfolio Performance's Eq 1. */
const YEAR_DAYS = 365;
/** The solver stops once its bracket on ln(1 + period) is this narrow (2^-40). */
const X_TOLERANCE = 2 ** -40;
/** ln(1 + period) is looked for in [-X_LIMIT, X_LIMIT]: a period return from -100 % (to 1e-26) to e^60. */
const X_LIMIT = 60;
/** The steps of the search for a sign change, outwards from 0 (a rate of 0) both ways. */
const SEARCH_STEP = 0.25;
/** At most this many Newton or bisection steps (a bisection of [-60, 60] to 2^-40 takes 47). */
const MAX_STEPS = 200;
/** An annual rate at least this large is given as null (a range of minutes annualised). */
const MAX_ANNUAL = 1e12;
/** Places of the rates given. */
const PLACES = 10;

/**
 * The money-weighted return over [start.time, end.time] of `start.value` at the start, the flows
 * (those in the range count, a flow at its start with all of the range left; any order) and
 * `end.value` at the end.
 */
export function moneyWeightedRate(start: MoneyFlow, flows: readonly MoneyFlow[], end: MoneyFlow): MoneyWeightedRate {
  const length = end.time - start.time;
  if (!(length > 0)) return { kind: "none", reason: "emptyRange" };
  const inside = flows.filter((flow) => flow.time >= start.time && flow.time <= end.time && !flow.value.eq(0));
  const invested = start.value.gt(0) || inside.some((flow) => flow.value.gt(0));
  if (!invested) return { kind: "none", reason: "nothingInvested" };
  // The terms c * e^(x * w) - MVE, the amounts scaled to their sum of magnitudes.
  let scale = start.value.abs().plus(end.value.abs());
  for (const flow of inside) scale = scale.plus(flow.value.abs());
  const terms: Term[] = [{ c: ratio(start.value, scale), w: 1 }];
  for (const flow of inside) terms.push({ c: ratio(flow.value, scale), w: (end.time - flow.time) / length });
  const target = ratio(end.value, scale);
  if (end.value.eq(0) && !inside.some((flow) => flow.value.lt(0) && flow.time === end.time)) {
    // Nothing left and nothing taken out at the end: everything was lost (x -> -infinity), unless
    // money taken out earlier makes a rate of its own.
    if (terms.every((term) => term.c >= 0)) return rate(-1, length);
  }
  const x = solve((at) => npv(terms, target, at));
  return x === undefined ? { kind: "none", reason: "noRoot" } : rate(Math.expm1(x), length, x);
}

interface Term {
  /** The amount, scaled. */
  readonly c: number;
  /** The share of the range left after it (1 for the start equity). */
  readonly w: number;
}

function ratio(value: Decimal, scale: Decimal): number {
  return scale.eq(0) ? 0 : Number(value.div(scale).toFixed(20));
}

/** The sum at x and its derivative. */
function npv(terms: readonly Term[], target: number, x: number): [value: number, slope: number] {
  let value = -target;
  let slope = 0;
  for (const { c, w } of terms) {
    const grown = c * Math.exp(x * w);
    value += grown;
    slope += grown * w;
  }
  return [value, slope];
}

/**
 * A root of f in [-X_LIMIT, X_LIMIT]: the sign change nearest 0 (a rate of 0) found stepping out
 * both ways, then narrowed to X_TOLERANCE; undefined when f never changes sign.
 */
function solve(f: (x: number) => [number, number]): number | undefined {
  const at0 = f(0)[0];
  if (at0 === 0) return 0;
  let low: number | undefined;
  let high: number | undefined;
  for (let step = SEARCH_STEP; step <= X_LIMIT && low === undefined; step += SEARCH_STEP) {
    for (const [near, far] of [
      [step - SEARCH_STEP, step],
      [-(step - SEARCH_STEP), -step],
    ] as const) {
      const fNear = f(near)[0];
      const fFar = f(far)[0];
      if (fFar === 0) return far;
      if (Math.sign(fNear) !== Math.sign(fFar)) {
        [low, high] = near < far ? [near, far] : [far, near];
        break;
      }
    }
  }
  if (low === undefined || high === undefined) return undefined;
  const lowSign = Math.sign(f(low)[0]);
  let x = (low + high) / 2;
  for (let i = 0; i < MAX_STEPS && high - low > X_TOLERANCE; i++) {
    const [value, slope] = f(x);
    if (value === 0) return x;
    if (Math.sign(value) === lowSign) low = x;
    else high = x;
    const step = value / slope;
    const next = x - step;
    if (next > low && next < high) {
      if (Math.abs(step) < X_TOLERANCE) return next;
      x = next;
    } else x = (low + high) / 2;
  }
  return x;
}

/** The rates of a period growth of 1 + `period` (x = its log, when known) over `length` ms. */
function rate(period: number, length: number, x = Math.log1p(period)): MoneyWeightedRate {
  const annual = Math.expm1((x * YEAR_DAYS * DAY_MS) / length);
  return {
    kind: "rate",
    period: decimalOf(period),
    annual: Number.isFinite(annual) && annual < MAX_ANNUAL ? decimalOf(annual) : null,
  };
}

function decimalOf(value: number): string {
  return fmt(value === 0 ? ZERO : dec(value.toFixed(PLACES)));
}
