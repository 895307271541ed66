/**
 * GET /api/export/tax.csv?year=2025&method=avg|fifo -> the disposals of a tax year as CSV: every
 * sell with the cost basis of what it sold, by the method asked (default: --cost-basis), in the
 * pair's quote asset and valued in the quote currency at fill time; exact decimals. The cost
 * basis is worked out by walking the fills there were when the export began, oldest first, in
 * slices as the client reads (exportStream.ts); a year without a fill answers at once. One export
 * per account at a time (exportSlots.ts).
 */
import { csvRow } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import type { TaxRow } from "../../derive/index.js";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { intParam, methodParam, params, parseQuery } from "../queryParams.js";
import { takeExportSlot } from "./exportSlots.js";
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
] as const;

const query = params({ year: intParam(2000, 2200), method: methodParam.optional() });

export function exportTaxRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/export/tax.csv", async (request, reply) => {
    const q = parseQuery(query, request.query);
    const { queries } = scopeOf(deps, request);
    takeExportSlot(deps, request, reply);
    const steps = await queries.taxRows({ year: q.year, method: q.method });
    const method = q.method ?? "default";
    return sendCsv(reply, `mexc-live-tax-${q.year}-${method}.csv`, csvStream(csvRow(TAX_COLUMNS), taxLines(steps)));
  });
}

/** A CSV line per disposal, null for a fill walked that makes none (the rows' reader closed with it). */
function taxLines(steps: Iterable<TaxRow | null> | AsyncIterable<TaxRow | null>): CsvSteps {
  return Symbol.asyncIterator in steps ? asyncTaxLines(steps) : syncTaxLines(steps);
}

function* syncTaxLines(steps: Iterable<TaxRow | null>): Generator<string | null> {
  for (const step of steps) yield step === null ? null : taxCsvRow(step);
}

async function* asyncTaxLines(steps: AsyncIterable<TaxRow | null>): AsyncGenerator<string | null> {
  for await (const step of steps) yield step === null ? null : taxCsvRow(step);
}

function taxCsvRow(row: TaxRow): string {
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
  ]);
}
