/** GET /api/volume?symbol=&from=&to=&tz= -> {items: VolumeItem[]}: traded volume per symbol and day of `tz` (default UTC). */

import type { VolumeItem } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { params, parseQuery, symbolParam, timeParam, tzParam } from "../queryParams.js";

const query = params({
  symbol: symbolParam.optional(),
  from: timeParam.optional(),
  to: timeParam.optional(),
  tz: tzParam.optional(),
});

export function volumeRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/volume", async (request): Promise<{ items: readonly VolumeItem[] }> => {
    const q = parseQuery(query, request.query);
    return { items: await scopeOf(deps, request).queries.volume(q) };
  });
}
