/** GET /api/orders?status=open|all&symbol=&limit=&cursor= -> Page<OrderItem>, newest first. */

import type { OrderItem, Page } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { HISTORY_HEADER, isPartial, PARTIAL_HISTORY } from "../queries/partialHistory.js";
import { cursorParam, limitParam, params, parseQuery, statusParam, symbolParam } from "../queryParams.js";

const query = params({
  status: statusParam.default("all"),
  symbol: symbolParam.optional(),
  limit: limitParam,
  cursor: cursorParam.optional(),
});

export function ordersRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/orders", async (request, reply): Promise<Page<OrderItem>> => {
    const q = parseQuery(query, request.query);
    const page = await scopeOf(deps, request).queries.orders(q);
    if (isPartial(page)) reply.header(HISTORY_HEADER, PARTIAL_HISTORY);
    return page;
  });
}
