/** GET /api/pnl?symbol= -> {items: PnlItem[]}: realized (average cost) and unrealized PnL per symbol. */

import type { PnlItem } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../deps.js";
import { params, parseQuery, symbolParam } from "../queryParams.js";

const query = params({ symbol: symbolParam.optional() });

export function pnlRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/pnl", async (request): Promise<{ items: readonly PnlItem[] }> => {
    const { symbol } = parseQuery(query, request.query);
    const items = await deps.queries.pnl();
    return { items: symbol === undefined ? items : items.filter((item) => item.symbol === symbol) };
  });
}
