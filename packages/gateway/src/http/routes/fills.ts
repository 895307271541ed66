/** GET /api/fills?symbol=&from=&to=&limit=&cursor= -> Page<FillItem>, newest first. */

import type { FillItem, Page } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { HISTORY_HEADER, isPartial, PARTIAL_HISTORY } from "../queries/partialHistory.js";
import { cursorParam, limitParam, params, parseQuery, symbolParam, timeParam } from "../queryParams.js";

const query = params({
  symbol: symbolParam.optional(),
  from: timeParam.optional(),
  to: timeParam.optional(),
  limit: limitParam,
  cursor: cursorParam.optional(),
});

export function fillsRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/fills", async (request, reply): Promise<Page<FillItem>> => {
    const q = parseQuery(query, request.query);
    const page = await scopeOf(deps, request).queries.fills(q);
    if (isPartial(page)) reply.header(HISTORY_HEADER, PARTIAL_HISTORY);
    return page;
  });
}
