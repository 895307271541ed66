/**
 * GET /api/fees -> FeeSummary: cumulative fees per currency and valued in the quote currency.
 * GET /api/fees/days?from=&to=&tz= -> FeeDaysAnswer: fees by day of `tz` (default UTC) over the
 * history (default: all of it), each day with the fees so far; the last day's `cumulative` is
 * `total`, which is /api/fees' totalValue.
 */

import type { FeeDaysAnswer, FeeSummary } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { sendFiguresVersion } from "../figuresVersionHeader.js";
import { params, parseQuery, timeParam, tzParam } from "../queryParams.js";

const query = params({});
const daysQuery = params({ from: timeParam.optional(), to: timeParam.optional(), tz: tzParam.optional() });

export function feesRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/fees", async (request, reply): Promise<FeeSummary> => {
    parseQuery(query, request.query);
    const { queries } = scopeOf(deps, request);
    sendFiguresVersion(reply, queries);
    return queries.fees();
  });

  app.get("/api/fees/days", async (request, reply): Promise<FeeDaysAnswer> => {
    const q = parseQuery(daysQuery, request.query);
    const { queries } = scopeOf(deps, request);
    sendFiguresVersion(reply, queries);
    return queries.feeDays(q);
  });
}
