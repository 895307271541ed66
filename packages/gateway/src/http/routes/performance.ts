/**
 * GET /api/performance?from=&to=&method= -> PerformanceSummary: over the range (default: all the
 * known history up to now), the bridge from start to end equity (deposits, withdrawals, transfers,
 * realized, unrealized, fees), the PnL it adds up to (endEquity - startEquity - netFlows) and by
 * asset, the time-weighted return, and the net deposits line since the start of the history
 * (ingest/portfolioQueries.ts; docs/figures.md). `from` and `to` move to the 15-minute marks the
 * figures are kept at, `to` being the range's last instant (included); the answer says the range
 * used and, in `coverage`, where it stands against the history (no figure for a range before it
 * or after now). A `to` before `from` is refused, naming `to`.
 */
import type { PerformanceSummary } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { sendFiguresVersion } from "../figuresVersionHeader.js";
import { HISTORY_HEADER, isPartial, PARTIAL_HISTORY } from "../queries/partialHistory.js";
import { methodParam, params, parseQuery, timeParam } from "../queryParams.js";

const query = params({ from: timeParam.optional(), to: timeParam.optional(), method: methodParam.optional() });

export function performanceRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/performance", async (request, reply): Promise<PerformanceSummary> => {
    const q = parseQuery(query, request.query);
    const { queries } = scopeOf(deps, request);
    sendFiguresVersion(reply, queries);
    const summary = await queries.performance(q);
    if (isPartial(summary)) reply.header(HISTORY_HEADER, PARTIAL_HISTORY);
    return summary;
  });
}
