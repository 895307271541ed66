/**
 * GET /api/transfers?type=deposit|withdrawal|transfer|internal_transfer|conversion&asset=&from=&to=&limit=&cursor= ->
 * Page<TransferItem>, newest first. GET /api/export/transfers.csv?(same filters) -> all of them
 * as CSV, newest first like the pages, read page by page.
 */
import { type Page, TRANSFER_CSV, type TransferItem } from "@mexc-live/contract";
import { TRANSFER_TYPES } from "@mexc-live/protocol/wallet";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { HISTORY_HEADER, isPartial, PARTIAL_HISTORY } from "../queries/partialHistory.js";
import { assetParam, cursorParam, limitParam, params, parseQuery, timeParam } from "../queryParams.js";
import { sendCsvPages } from "./csvPages.js";

const filters = {
  type: z.enum(TRANSFER_TYPES, { error: `must be ${TRANSFER_TYPES.map((type) => `"${type}"`).join(", ")}` }).optional(),
  asset: assetParam.optional(),
  from: timeParam.optional(),
  to: timeParam.optional(),
};
const query = params({ ...filters, limit: limitParam, cursor: cursorParam.optional() });
const exportQuery = params(filters);

export function transfersRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/transfers", async (request, reply): Promise<Page<TransferItem>> => {
    const q = parseQuery(query, request.query);
    const page = await scopeOf(deps, request).queries.transfers(q);
    if (isPartial(page)) reply.header(HISTORY_HEADER, PARTIAL_HISTORY);
    return page;
  });

  app.get("/api/export/transfers.csv", async (request, reply) => {
    const q = parseQuery(exportQuery, request.query);
    return sendCsvPages(deps, request, reply, "mexc-live-transfers.csv", TRANSFER_CSV, (cursor, limit) =>
      scopeOf(deps, request).queries.transfers({ ...q, cursor, limit }),
    );
  });
}
