/**
 * The tax report of a year, from the figures by asset (portfolio/): the whole history replayed
 * through a Portfolio of the chosen method (a disposal's cost depends on everything before it),
 * one line per movement of an asset the year disposed of, each with the cost basis PnL by asset
 * uses (a deposit or transfer in at its market value on arrival, an opening position at the
 * user's cost, a dust conversion's coins at what was given for them). Money in the gateway's
 * quote currency at the time; exact decimals.
 *
 *   section "disposal" (the gains):
 *     sell        a sell's base asset, its whole quantity
 *     spend       the coin a crypto-to-crypto buy pays with (a BTC-quoted buy spends BTC)
 *     fee         a fee paid in a coin (MX, the base, a quote other than the quote currency)
 *     conversion  a small balance converted to MX
 *     cover       coins sold before they were held (history missing), realized when they arrive
 *   section "movement" (listed apart, not gains): withdrawals and transfers out, with what they
 *     realized by the same rule; a deposit or transfer in that covers coins sold before.
 *   section "end": the counts, the totals per term and where the history starts (the file's last lines).
 *
 * Each line says which lots it took (taxLots.ts): the earliest and latest acquisition and its
 * quantity per term; with `split`, a line is a row per lot taken, with its acquisition, the days
 * it was held and its term.
 *
 * The quote currency itself is the unit of account: spending it realizes nothing and makes no
 * line, unless it did realize (it came at another price). So, to the last digit:
 *
 *   sum of the disposals' gains = PnL by asset realized over the year - the movements' gains
 *
 * taxSteps walks the history one event a step, so a caller can spread the walk over turns of the
 * event loop (the tax.csv export: http/routes/exportStream.ts); taxRows walks it in one go.
 */
import type { UnplacedPair } from "@mexc-live/contract";
import { absFixed as abs, type Fixed, fixed, fixedText } from "@mexc-live/protocol";
import type { PositionMethod } from "./engine/lots.js";
import type { Leg, TradeLeg } from "./ledger/legs.js";
import { type Move, Portfolio } from "./portfolio/portfolio.js";
import { legsIn, type TaxCurrency } from "./taxCurrency.js";
import {
  DEFAULT_LONG_TERM_DAYS,
  disposalParts,
  heldDays,
  type TaxTerm,
  TermTotals,
  termOf,
  termSplit,
} from "./taxLots.js";

type TaxKind = "sell" | "spend" | "fee" | "conversion" | "cover" | "withdrawal" | "transfer" | "deposit";

/** A line of the tax file: a disposal or a movement. */
export interface TaxLine {
  readonly section: "disposal" | "movement";
  readonly kind: TaxKind;
  readonly time: number;
  /** The pair traded ("" for a conversion or a movement). */
  readonly symbol: string;
  /** The asset disposed of (covered, for "cover" and "deposit"). */
  readonly asset: string;
  /** The currency the amounts are in: the report's (the gateway's quote currency unless asked). */
  readonly currency: string;
  readonly quantity: string;
  /** Part of `quantity` sold beyond what was held (no cost known: its gain comes with a "cover" line). */
  readonly uncovered: string;
  /** What it brought; "" when it could not be valued (then it counts as brought nothing, as PnL by asset does). */
  readonly proceeds: string;
  /** proceeds - gain: the cost of what it took (for the uncovered part, its proceeds). */
  readonly costBasis: string;
  readonly gain: string;
  /** The trade's fee, on its sell or spend line. */
  readonly fee: string;
  readonly feeCurrency: string;
  /** The same as proceeds, costBasis and gain (the file's columns before 2026-11-25); null when unvalued. */
  readonly proceedsValue: string | null;
  readonly costBasisValue: string | null;
  readonly gainValue: string | null;
  readonly quote: string;
  readonly method: PositionMethod;
  /** The trade id, or the movement's or conversion's id. */
  readonly tradeId: string;
  /** When the lots it took were acquired, the earliest and the latest; null when none is known. */
  readonly acquiredFirst: number | null;
  readonly acquiredLast: number | null;
  /** Of `quantity`: held longTermDays or fewer (or with no lot known), and held longer. */
  readonly shortQuantity: string;
  readonly longQuantity: string;
  /** With `split`, the row's lot: when acquired (null: none), days held, its term; else null, null, null. */
  readonly acquired: number | null;
  readonly heldDays: number | null;
  readonly term: TaxTerm | null;
}

/** A term's rows summed: the disposals' proceeds, cost basis and gain. */
interface TermSum {
  readonly proceeds: string;
  readonly costBasis: string;
  readonly gain: string;
}

/** The walk's last step: what the file holds (`disposals`, `movements`: its rows of each section) and where its history starts. */
export interface TaxEnd {
  readonly section: "end";
  /** The first fill known (0 without any); `time`, `symbol` and `gain` keep the shape every row has on the wire. */
  readonly time: number;
  readonly symbol: "";
  readonly gain: "";
  readonly firstFill: number | null;
  readonly disposals: number;
  readonly movements: number;
  /** The pairs whose fills were walked but left out (no base and quote to move), each with its fills and why. */
  readonly unplaced: readonly UnplacedPair[];
  /** The disposals' totals per term (their lots' parts), and the days past which a lot is long term. */
  readonly terms: Readonly<Record<TaxTerm, TermSum>>;
  readonly longTermDays: number;
  /** What the amounts are in, the gateway's quote currency, and the method the cost basis went by. */
  readonly currency: string;
  readonly quote: string;
  readonly method: PositionMethod;
}

/** A step of the tax walk that makes a line of the file. */
export type TaxRow = TaxLine | TaxEnd;

export interface TaxInput {
  /** The history as PnL by asset reads it, oldest first (figures/ledger/ledgerCursor.ts), up to the year's end at least. */
  readonly events: Iterable<Leg>;
  readonly method: PositionMethod;
  readonly year: number;
  /** The gateway's quote currency. */
  readonly quote: string;
  /** The pairs the history left out so far (keeper.ts `history`), read at the end. */
  readonly unplaced?: () => readonly UnplacedPair[];
  /** The currency the report counts in (taxCurrency.ts); the quote currency when not given. */
  readonly currency?: TaxCurrency;
  /** A row per lot a disposal takes; else a row per disposal. */
  readonly split?: boolean;
  /** A lot held more than this many days is long term (DEFAULT_LONG_TERM_DAYS). */
  readonly longTermDays?: number;
}

/** How lines are made: the report's choices. */
interface LineRules {
  readonly method: PositionMethod;
  readonly quote: string;
  /** What the amounts are in: the report's currency. */
  readonly currency: string;
  readonly split: boolean;
  readonly longTermDays: number;
}

/**
 * Movements held back to be listed after the disposals, at most: each ~400 bytes, so 100,000 are
 * ~40 MB, far beyond a year of withdrawals and transfers. Past it they are listed where they fall
 * (their `section` column still tells them apart): nothing is dropped.
 */
const MAX_HELD_MOVEMENTS = 100_000;

/** The year's lines, in one go. */
export function taxRows(input: TaxInput, maxHeld = MAX_HELD_MOVEMENTS): TaxRow[] {
  const rows: TaxRow[] = [];
  for (const step of taxSteps(input, maxHeld)) if (step !== null) rows.push(step);
  return rows;
}

/** A step per event walked (up to the year's end): a line, or null; then the movements; then the end. */
export function* taxSteps(input: TaxInput, maxHeld = MAX_HELD_MOVEMENTS): Generator<TaxRow | null> {
  const { method, quote } = input;
  const rules: LineRules = {
    method,
    quote,
    currency: input.currency?.code ?? quote,
    split: input.split === true,
    longTermDays: input.longTermDays ?? DEFAULT_LONG_TERM_DAYS,
  };
  const start = Date.UTC(input.year, 0, 1);
  const end = Date.UTC(input.year + 1, 0, 1);
  const portfolio = new Portfolio([method], true);
  let lines: TaxLine[] = [];
  let held: TaxLine[] = [];
  let disposals = 0;
  let movements = 0;
  let firstFill: number | null = null;
  const terms = { short: new TermTotals(), long: new TermTotals() };
  portfolio.observer = (move) => {
    if (move.event.time < start) return;
    linesOf(move, move.realized[method] ?? 0n, rules, lines, terms);
  };
  const events = input.currency === undefined ? input.events : legsIn(input.events, input.currency);
  for (const event of events) {
    if (event.time >= end) break;
    if (event.kind === "trade" && firstFill === null) firstFill = event.time;
    portfolio.apply(event);
    if (lines.length === 0) {
      yield null;
      continue;
    }
    const made = lines;
    lines = [];
    for (const line of made) {
      if (line.section === "disposal") {
        disposals++;
        yield line;
      } else if (held.length < maxHeld) held.push(line);
      else {
        movements++;
        yield line;
      }
    }
  }
  const listed = held;
  held = [];
  for (const line of listed) {
    movements++;
    yield line;
  }
  const unplaced = input.unplaced?.() ?? [];
  yield {
    section: "end",
    time: firstFill ?? 0,
    symbol: "",
    gain: "",
    firstFill,
    disposals,
    movements,
    unplaced,
    terms: { short: termSum(terms.short), long: termSum(terms.long) },
    longTermDays: rules.longTermDays,
    currency: rules.currency,
    quote,
    method,
  };
}

/** The end of a year with nothing to walk: no row; `firstFill` the first fill known. */
export function emptyTaxEnd(
  firstFill: number | null,
  rules: Pick<TaxEnd, "longTermDays" | "currency" | "quote" | "method">,
): TaxEnd {
  const none = termSum(new TermTotals());
  return {
    section: "end",
    time: firstFill ?? 0,
    symbol: "",
    gain: "",
    firstFill,
    disposals: 0,
    movements: 0,
    unplaced: [],
    terms: { short: none, long: none },
    ...rules,
  };
}

function termSum(totals: TermTotals): TermSum {
  return { proceeds: fixedText(totals.proceeds), costBasis: fixedText(totals.costBasis), gain: fixedText(totals.gain) };
}

/** The lines a movement makes, if any (module doc), onto `into`; a disposal's parts counted in `terms`. */
function linesOf(
  move: Move,
  realized: Fixed,
  rules: LineRules,
  into: TaxLine[],
  terms: Record<TaxTerm, TermTotals>,
): void {
  const { event, role, quantity, money } = move;
  const { quote } = rules;
  if (role === "flow") {
    if (quantity > 0n && realized === 0n) return;
  } else if (quantity > 0n ? realized === 0n : move.asset === quote && realized === 0n) return;
  const line = lineOf(move, realized, rules);
  if (quantity > 0n) {
    // A cover's coins arrive after they were sold: acquired as they arrive, short term.
    if (line.section === "disposal") terms.short.add(fixedOrZero(line.proceeds), fixedOrZero(line.costBasis), realized);
    into.push({
      ...line,
      acquiredFirst: event.time,
      acquiredLast: event.time,
      shortQuantity: line.quantity,
      ...(rules.split ? { acquired: event.time, heldDays: 0, term: "short" as const } : {}),
    });
    return;
  }
  const parts = disposalParts(abs(quantity), money, move.taken ?? []);
  if (line.section === "disposal")
    for (const part of parts)
      terms[termOf(part.acquired, event.time, rules.longTermDays)].add(part.proceeds, part.cost);
  if (!rules.split) {
    const split = termSplit(parts, event.time, rules.longTermDays);
    into.push({
      ...line,
      acquiredFirst: split.acquiredFirst,
      acquiredLast: split.acquiredLast,
      shortQuantity: fixedText(split.short),
      longQuantity: fixedText(split.long),
    });
    return;
  }
  parts.forEach((part, at) => {
    const term = termOf(part.acquired, event.time, rules.longTermDays);
    const quantityText = fixedText(part.quantity);
    into.push({
      ...line,
      quantity: quantityText,
      uncovered: part.acquired === null ? quantityText : "0",
      proceeds: line.proceeds === "" ? "" : fixedText(part.proceeds),
      costBasis: fixedText(part.cost),
      gain: fixedText(part.proceeds - part.cost),
      fee: at === 0 ? line.fee : "",
      feeCurrency: at === 0 ? line.feeCurrency : "",
      proceedsValue: line.proceedsValue === null ? null : fixedText(part.proceeds),
      costBasisValue: line.costBasisValue === null ? null : fixedText(part.cost),
      gainValue: line.gainValue === null ? null : fixedText(part.proceeds - part.cost),
      acquiredFirst: part.acquired,
      acquiredLast: part.acquired,
      shortQuantity: term === "short" ? quantityText : "0",
      longQuantity: term === "long" ? quantityText : "0",
      acquired: part.acquired,
      heldDays: part.acquired === null ? null : heldDays(part.acquired, event.time),
      term,
    });
  });
}

function fixedOrZero(text: string): Fixed {
  return text === "" ? 0n : fixed(text);
}

/** The line a movement makes, one row per disposal (module doc). */
function lineOf(move: Move, realized: Fixed, rules: LineRules): TaxLine {
  const { method, quote } = rules;
  const { event, role, quantity, money } = move;
  const size = abs(quantity);
  const disposing = quantity < 0n;
  const held = move.heldBefore;
  // What was held of the other sign is what this movement closes.
  const closable = held !== 0n && held > 0n !== quantity > 0n ? abs(held) : 0n;
  const covered = size < closable ? size : closable;
  // A disposal brings its money; a cover brought, earlier, what the coins sold short were carried at.
  const proceeds = disposing ? money : money === null ? null : realized + money;
  const cost = disposing ? (money ?? 0n) - realized : money;
  const trade = event.kind === "trade" ? (event as TradeLeg) : undefined;
  const onTrade = trade !== undefined && (role === "base" || role === "quote");
  return {
    section: role === "flow" ? "movement" : "disposal",
    kind: kindOf(move),
    time: event.time,
    symbol: trade === undefined ? "" : `${trade.base}${trade.quote}`,
    asset: move.asset,
    currency: rules.currency,
    quantity: fixedText(disposing ? size : covered),
    uncovered: fixedText(disposing ? size - covered : 0n),
    proceeds: proceeds === null ? "" : fixedText(proceeds),
    costBasis: cost === null ? "" : fixedText(cost),
    gain: fixedText(realized),
    fee: onTrade ? trade.fee : "",
    feeCurrency: onTrade ? trade.feeCurrency : "",
    proceedsValue: proceeds === null ? null : fixedText(proceeds),
    costBasisValue: cost === null ? null : fixedText(cost),
    gainValue: money === null ? null : fixedText(realized),
    quote,
    method,
    tradeId: "id" in event ? event.id : "",
    acquiredFirst: null,
    acquiredLast: null,
    shortQuantity: "0",
    longQuantity: "0",
    acquired: null,
    heldDays: null,
    term: null,
  };
}

function kindOf(move: Move): TaxKind {
  const { event, role, quantity } = move;
  if (event.kind === "flow") {
    if (quantity > 0n) return "deposit";
    return event.category === "withdrawals" ? "withdrawal" : "transfer";
  }
  if (quantity > 0n) return "cover";
  if (role === "fee") return "fee";
  if (role === "gave") return "conversion";
  return role === "base" ? "sell" : "spend";
}
