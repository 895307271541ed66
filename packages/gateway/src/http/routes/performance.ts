/**
 * GET /api/performance?from=&to= -> PerformanceSummary: start and end equity, the net flows
 * (deposits minus withdrawals, transfers in minus out, valued when each happened), the
 * time-weighted return, and the net deposits line since the start of the history. The range
 * defaults to the last 30 days.
 */
import type { PerformanceSummary } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { HISTORY_HEADER, isPartial, PARTIAL_HISTORY } from "../../queries/partialHistory.js";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { params, parseQuery, timeParam } from "../queryParams.js";

const DEFAULT_SPAN_MS = 30 * 86_400_000;
const query = params({ from: timeParam.optional(), to: timeParam.optional() });

export function performanceRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/performance", async (request, reply): Promise<PerformanceSummary> => {
    const q = parseQuery(query, request.query);
    const to = q.to ?? Date.now();
    const summary = await scopeOf(deps, request).queries.performance({ from: q.from ?? to - DEFAULT_SPAN_MS, to });
    if (isPartial(summary)) reply.header(HISTORY_HEADER, PARTIAL_HISTORY);
    return summary;
  });
}
