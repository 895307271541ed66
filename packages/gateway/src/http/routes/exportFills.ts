/**
 * GET /api/export/fills.csv?symbol=&from=&to= -> every fill in the range as CSV, oldest first:
 * the fills stored when the export began (none stored while it streams), read and written in
 * slices as the client reads (exportStream.ts); one export per account at a time (exportSlots.ts).
 */
import { csvHeader, FILL_CSV } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { HISTORY_HEADER, isPartial, PARTIAL_HISTORY } from "../queries/partialHistory.js";
import { params, parseQuery, symbolParam, timeParam } from "../queryParams.js";
import { takeExportSlot } from "./exportSlots.js";
import { csvLines, csvStream, sendCsv } from "./exportStream.js";

const query = params({ symbol: symbolParam.optional(), from: timeParam.optional(), to: timeParam.optional() });

export function exportFillsRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/export/fills.csv", async (request, reply) => {
    const q = parseQuery(query, request.query);
    const { queries } = scopeOf(deps, request);
    takeExportSlot(deps, request, reply);
    const fills = await queries.allFills(q);
    if (isPartial(fills)) reply.header(HISTORY_HEADER, PARTIAL_HISTORY);
    const name = `mexc-live-fills${q.symbol ? `-${q.symbol}` : ""}.csv`;
    return sendCsv(reply, name, csvStream(csvHeader(FILL_CSV), csvLines(FILL_CSV, fills)));
  });
}
