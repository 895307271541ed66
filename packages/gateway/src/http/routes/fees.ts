/** GET /api/fees -> FeeSummary: cumulative fees per currency and valued in the quote currency. */

import type { FeeSummary } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { params, parseQuery } from "../queryParams.js";

const query = params({});

export function feesRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/fees", async (request): Promise<FeeSummary> => {
    parseQuery(query, request.query);
    return scopeOf(deps, request).queries.fees();
  });
}
