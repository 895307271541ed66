/**
 * GET /api/export/tax.csv?year=2025&method=avg|fifo|lifo|hifo|lofo&lots=disposal|split&longTermDays=365&currency=EUR
 * -> the disposals of a tax year as CSV, from the figures by asset (figures/taxReport.ts): every
 * sell with its whole quantity, every coin a crypto-to-crypto buy spent, every fee paid in a coin,
 * every dust conversion, each with the cost basis PnL by asset uses and the lots it took (a row
 * per lot with lots=split), in the currency asked (the quote currency unless asked:
 * figures/taxCurrency.ts); exact decimals. Then, in a section of their own, the withdrawals and
 * transfers out (not gains); then the disposals' totals per term; at the end, what the file
 * holds and where its history starts, then a line per pair whose fills it leaves out (no base and
 * quote known), with the reason (docs/figures.md, "The tax report"). The cost basis is
 * worked out by walking the history there was when the export began, oldest first, in slices as
 * the client reads (exportStream.ts); a year without a fill or a wallet movement answers at once.
 * One export per account at a time (exportSlots.ts). Its route: exports.ts.
 */
import { csvRow, LONG_TERM_DAYS, type UnplacedPair } from "@mexc-live/contract";
import type { ExportQuery } from "@mexc-live/contract/api";
import type { FastifyReply } from "fastify";
import type { TaxEnd, TaxLine, TaxRow } from "../../figures/index.js";
import { USDT_AT_PAR_NOTE } from "../../store/usdConversion.js";
import { type CsvSteps, csvStream, sendCsv } from "./exportStream.js";

const TAX_COLUMNS = [
  "date",
  "time",
  "symbol",
  "asset",
  "quantity",
  "proceeds",
  "costBasis",
  "gain",
  "currency",
  "fee",
  "feeCurrency",
  "proceedsValue",
  "costBasisValue",
  "gainValue",
  "quote",
  "method",
  "tradeId",
  "kind",
  "uncovered",
] as const;
/** One row per disposal: when its lots were acquired, and its quantity per term. */
const DISPOSAL_COLUMNS = [...TAX_COLUMNS, "acquiredFirst", "acquiredLast", "shortQuantity", "longQuantity"] as const;
/** lots=split, a row per lot: when it was acquired, the days it was held, its term. */
const SPLIT_COLUMNS = [...TAX_COLUMNS, "acquired", "heldDays", "term"] as const;
const TERM_COLUMNS = ["term", "proceeds", "costBasis", "gain", "currency"] as const;

/** Where older history comes from: the import of MEXC's exported files. */
const IMPORTS_DOC = "docs/imports.md";
/** What to do about fills left out. */
const TROUBLESHOOTING_DOC = "docs/troubleshooting.md#fills-left-out";

/** The tax report of `q.year` as a CSV download, from the steps of its walk. */
export function sendTaxCsv(
  reply: FastifyReply,
  q: ExportQuery<"tax">,
  steps: Iterable<TaxRow | null> | AsyncIterable<TaxRow | null>,
): FastifyReply {
  const method = q.method ?? "default";
  const lines = taxLines(steps, q);
  const name = [q.year, method, q.currency, q.lots === "split" ? "lots" : undefined].filter(
    (part) => part !== undefined,
  );
  return sendCsv(reply, `mexc-live-tax-${name.join("-")}.csv`, csvStream(csvRow(columnsOf(q)), lines));
}

function columnsOf(q: ExportQuery<"tax">): readonly string[] {
  return q.lots === "split" ? SPLIT_COLUMNS : DISPOSAL_COLUMNS;
}

/** A CSV line per line of the report, null for an event walked that makes none (the rows' reader closed with it). */
function taxLines(steps: Iterable<TaxRow | null> | AsyncIterable<TaxRow | null>, q: ExportQuery<"tax">): CsvSteps {
  const file = new TaxFile(q);
  return Symbol.asyncIterator in steps ? asyncTaxLines(steps, file) : syncTaxLines(steps, file);
}

function* syncTaxLines(steps: Iterable<TaxRow | null>, file: TaxFile): Generator<string | null> {
  for (const step of steps) yield file.line(step);
  yield file.end();
}

async function* asyncTaxLines(steps: AsyncIterable<TaxRow | null>, file: TaxFile): AsyncGenerator<string | null> {
  for await (const step of steps) yield file.line(step);
  yield file.end();
}

/** The file's text around its rows: the movements' section heading, the totals per term, the closing lines. */
class TaxFile {
  private disposals = 0;
  private movements = 0;
  private ended: TaxEnd | undefined;
  private readonly year: number;
  private readonly split: boolean;

  constructor(private readonly q: ExportQuery<"tax">) {
    this.year = q.year;
    this.split = q.lots === "split";
  }

  line(step: TaxRow | null): string | null {
    if (step === null) return null;
    if (step.section === "end") {
      this.ended = step;
      return null;
    }
    if (step.section === "disposal") {
      this.disposals++;
      return taxCsvRow(step, this.split);
    }
    // The first movement opens their section: a blank line, its title, the columns again.
    const heading =
      this.movements === 0
        ? `\r\n${csvRow([`# Withdrawals and transfers out of ${this.year} and movements in that covered coins sold before (not gains)`])}${csvRow(columnsOf(this.q))}`
        : "";
    this.movements++;
    return heading + taxCsvRow(step, this.split);
  }

  /** The closing lines: what the file holds and from which history. */
  end(): string {
    const first = this.ended?.firstFill ?? null;
    const history =
      first === null
        ? "no fill known"
        : `history from ${new Date(first).toISOString().slice(0, 10)} (the first fill known)`;
    const longTermDays = this.ended?.longTermDays ?? this.q.longTermDays ?? LONG_TERM_DAYS.default;
    const currency = this.ended?.currency ?? this.q.currency ?? "";
    const terms = this.ended?.terms;
    const termRow = (term: "short" | "long") => {
      const sum = terms?.[term];
      return csvRow([term, sum?.proceeds ?? "0", sum?.costBasis ?? "0", sum?.gain ?? "0", currency]);
    };
    const rows = this.split ? "rows (one per lot taken)" : "rows (one per disposal)";
    // A report in another currency says how it converted (a line of its own: the note has commas).
    const converted =
      this.ended !== undefined && this.ended.currency !== this.ended.quote ? csvRow([`# ${USDT_AT_PAR_NOTE}`]) : "";
    return `\r\n${csvRow([
      `# Totals of the ${this.year} disposals per term (long: lots held more than ${longTermDays} days; short: the rest and what was sold before it was held)`,
    ])}${csvRow(TERM_COLUMNS)}${termRow("short")}${termRow("long")}\r\n${csvRow([
      `# ${this.disposals} disposal ${rows} and ${this.movements} withdrawal or transfer rows in ${this.year}; cost basis by ${this.ended?.method ?? this.q.method ?? ""}; amounts in ${currency}`,
    ])}${converted}${csvRow([`# ${history}; older history can be imported (${IMPORTS_DOC})`])}${unplacedLines(this.ended?.unplaced)}`;
  }
}

/**
 * A line per pair whose fills are left out (no base and quote known: figures/fillPairs.ts), with
 * how many and why; none when every fill is placed. Read defensively: a web instance has the end
 * row from its collector.
 */
function unplacedLines(unplaced: readonly UnplacedPair[] | undefined): string {
  if (!Array.isArray(unplaced)) return "";
  return unplaced
    .map(({ symbol, fills, reason }) =>
      csvRow([
        `# left out: ${fills} ${fills === 1 ? "fill" : "fills"} of ${symbol}: ${reason} (${TROUBLESHOOTING_DOC})`,
      ]),
    )
    .join("");
}

/** A time as its UTC day, "" for none. */
function dayText(time: number | null): string {
  return time === null ? "" : new Date(time).toISOString().slice(0, 10);
}

function taxCsvRow(row: TaxLine, split: boolean): string {
  const lots = split
    ? [dayText(row.acquired), row.heldDays === null ? "" : String(row.heldDays), row.term ?? ""]
    : [dayText(row.acquiredFirst), dayText(row.acquiredLast), row.shortQuantity, row.longQuantity];
  return csvRow([
    new Date(row.time).toISOString().slice(0, 10),
    new Date(row.time).toISOString(),
    row.symbol,
    row.asset,
    row.quantity,
    row.proceeds,
    row.costBasis,
    row.gain,
    row.currency,
    row.fee,
    row.feeCurrency,
    row.proceedsValue,
    row.costBasisValue,
    row.gainValue,
    row.quote,
    row.method,
    row.tradeId,
    row.kind,
    row.uncovered,
    ...lots,
  ]);
}
