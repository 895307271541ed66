/** GET /api/balances -> {items: BalanceItem[]}: every asset held, valued in the quote currency. */

import type { BalanceItem } from "@mexc-live/contract";
import { API_PATHS } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { params, parseQuery } from "../queryParams.js";

const query = params({});

export function balancesRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get(API_PATHS.balances, async (request): Promise<{ items: readonly BalanceItem[] }> => {
    parseQuery(query, request.query);
    return { items: await scopeOf(deps, request).queries.balances() };
  });
}
