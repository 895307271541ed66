/**
 * GET /api/export/tax.csv?year=2025&method=avg|fifo|lifo|hifo -> the disposals of a tax year as CSV, from
 * the figures by asset (figures/taxReport.ts): every sell with its whole quantity, every coin a
 * crypto-to-crypto buy spent, every fee paid in a coin, every dust conversion, each with the cost
 * basis PnL by asset uses, in the quote currency at the time; exact decimals. Then, in a section
 * of their own, the withdrawals and transfers out (not gains); at the end, how many lines the file
 * holds and where its history starts, then a line per pair whose fills it leaves out (no base and
 * quote known), with the reason. The cost basis is worked out by walking the history there
 * was when the export began, oldest first, in slices as the client reads (exportStream.ts); a year
 * without a fill or a wallet movement answers at once. One export per account at a time
 * (exportSlots.ts). Its route: exports.ts.
 */
import { csvRow, type UnplacedPair } from "@mexc-live/contract";
import type { ExportQuery } from "@mexc-live/contract/api";
import type { FastifyReply } from "fastify";
import type { TaxEnd, TaxLine, TaxRow } from "../../figures/index.js";
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
  const lines = taxLines(steps, q.year);
  return sendCsv(reply, `mexc-live-tax-${q.year}-${method}.csv`, csvStream(csvRow(TAX_COLUMNS), lines));
}

/** A CSV line per line of the report, null for an event walked that makes none (the rows' reader closed with it). */
function taxLines(steps: Iterable<TaxRow | null> | AsyncIterable<TaxRow | null>, year: number): CsvSteps {
  const file = new TaxFile(year);
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

/** The file's text around its rows: the movements' section heading, the closing lines. */
class TaxFile {
  private disposals = 0;
  private movements = 0;
  private ended: TaxEnd | undefined;

  constructor(private readonly year: number) {}

  line(step: TaxRow | null): string | null {
    if (step === null) return null;
    if (step.section === "end") {
      this.ended = step;
      return null;
    }
    if (step.section === "disposal") {
      this.disposals++;
      return taxCsvRow(step);
    }
    // The first movement opens their section: a blank line, its title, the columns again.
    const heading =
      this.movements === 0
        ? `\r\n${csvRow([`# Withdrawals and transfers out of ${this.year} and movements in that covered coins sold before (not gains)`])}${csvRow(TAX_COLUMNS)}`
        : "";
    this.movements++;
    return heading + taxCsvRow(step);
  }

  /** The closing lines: what the file holds and from which history. */
  end(): string {
    const first = this.ended?.firstFill ?? null;
    const history =
      first === null
        ? "no fill known"
        : `history from ${new Date(first).toISOString().slice(0, 10)} (the first fill known)`;
    return `\r\n${csvRow([
      `# ${this.disposals} disposals and ${this.movements} withdrawals or transfers out in ${this.year}; ${history}; older history can be imported (${IMPORTS_DOC})`,
    ])}${unplacedLines(this.ended?.unplaced)}`;
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

function taxCsvRow(row: TaxLine): string {
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
  ]);
}
