/**
 * GET /api/export/fills.csv?symbol=&from=&to= -> every fill in the range as CSV, oldest first,
 * streamed in chunks so a long history never sits in memory whole.
 */
import { Readable } from "node:stream";
import { csvHeader, csvLine, FILL_CSV, type FillItem } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { HISTORY_HEADER, isPartial, PARTIAL_HISTORY } from "../queries/partialHistory.js";
import { params, parseQuery, symbolParam, timeParam } from "../queryParams.js";

/** Rows per chunk written to the response. */
const ROWS_PER_CHUNK = 500;

const query = params({ symbol: symbolParam.optional(), from: timeParam.optional(), to: timeParam.optional() });

export function exportFillsRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/export/fills.csv", async (request, reply) => {
    const q = parseQuery(query, request.query);
    const fills = await scopeOf(deps, request).queries.allFills(q);
    const name = `mexc-live-fills${q.symbol ? `-${q.symbol}` : ""}.csv`;
    if (isPartial(fills)) reply.header(HISTORY_HEADER, PARTIAL_HISTORY);
    reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${name}"`)
      .header("cache-control", "no-store");
    return reply.send(Readable.from(csvChunks(fills), { objectMode: false }));
  });
}

async function* csvChunks(fills: Iterable<FillItem> | AsyncIterable<FillItem>): AsyncGenerator<string> {
  yield csvHeader(FILL_CSV);
  let chunk = "";
  let rows = 0;
  for await (const fill of fills) {
    chunk += csvLine(FILL_CSV, fill);
    if (++rows === ROWS_PER_CHUNK) {
      yield chunk;
      chunk = "";
      rows = 0;
    }
  }
  if (chunk !== "") yield chunk;
}
