/**
 * GET /api/export/tax.csv?year=2025&method=avg|fifo -> the disposals of a tax year as CSV: every
 * sell with the cost basis of what it sold, by the method asked (default: --cost-basis), in the
 * pair's quote asset and valued in the quote currency at fill time; exact decimals.
 */
import { csvRow } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import type { TaxRow } from "../../derive/index.js";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { intParam, methodParam, params, parseQuery } from "../queryParams.js";

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
    const rows = await scopeOf(deps, request).queries.taxRows({ year: q.year, method: q.method });
    const method = rows[0]?.method ?? q.method ?? "default";
    reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="mexc-live-tax-${q.year}-${method}.csv"`)
      .header("cache-control", "no-store");
    return csvRow(TAX_COLUMNS) + rows.map(taxCsvRow).join("");
  });
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
