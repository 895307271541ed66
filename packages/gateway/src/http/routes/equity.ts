/** GET /api/equity?from=&to=&step= -> {items: EquityPoint[]}, oldest first. */

import type { EquityPoint } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { HISTORY_HEADER, isPartial, PARTIAL_HISTORY } from "../queries/partialHistory.js";
import { durationParam, params, parseQuery, timeParam } from "../queryParams.js";

const query = params({
  from: timeParam.optional(),
  to: timeParam.optional(),
  step: durationParam.optional(),
});

export function equityRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/equity", async (request, reply): Promise<{ items: readonly EquityPoint[] }> => {
    const q = parseQuery(query, request.query);
    const items = await scopeOf(deps, request).queries.equity(q);
    if (isPartial(items)) reply.header(HISTORY_HEADER, PARTIAL_HISTORY);
    return { items };
  });
}
