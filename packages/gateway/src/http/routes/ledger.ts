/**
 * GET /api/ledger?asset=&type=&from=&to=&limit=&cursor= -> Page<LedgerItem>, newest first: every
 * balance change, what it was (`type`: trade, trade_fee, deposit, ...; MEXC's own in `rawType`)
 * and what caused it (`ref`). GET /api/export/ledger.csv?(same filters) -> all of it as CSV.
 */
import { LEDGER_CSV, type LedgerItem, type Page } from "@mexc-live/contract";
import { LEDGER_KINDS } from "@mexc-live/protocol/wallet";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { HISTORY_HEADER, isPartial, PARTIAL_HISTORY } from "../queries/partialHistory.js";
import { assetParam, cursorParam, limitParam, params, parseQuery, timeParam } from "../queryParams.js";
import { sendCsvPages } from "./csvPages.js";

const filters = {
  asset: assetParam.optional(),
  type: z.enum(LEDGER_KINDS, { error: `must be one of ${LEDGER_KINDS.join(", ")}` }).optional(),
  from: timeParam.optional(),
  to: timeParam.optional(),
};
const query = params({ ...filters, limit: limitParam, cursor: cursorParam.optional() });
const exportQuery = params(filters);

export function ledgerRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/ledger", async (request, reply): Promise<Page<LedgerItem>> => {
    const q = parseQuery(query, request.query);
    const page = await scopeOf(deps, request).queries.ledger(q);
    if (isPartial(page)) reply.header(HISTORY_HEADER, PARTIAL_HISTORY);
    return page;
  });

  app.get("/api/export/ledger.csv", async (request, reply) => {
    const q = parseQuery(exportQuery, request.query);
    return sendCsvPages(deps, request, reply, "mexc-live-ledger.csv", LEDGER_CSV, (cursor, limit) =>
      scopeOf(deps, request).queries.ledger({ ...q, cursor, limit }),
    );
  });
}
