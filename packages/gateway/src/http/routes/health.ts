/** GET /api/health -> Health: demo or live, and the state of the MEXC connection. */

import type { Health } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../deps.js";
import { params, parseQuery } from "../queryParams.js";

const query = params({});

export function healthRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/health", async (request): Promise<Health> => {
    parseQuery(query, request.query);
    return deps.health();
  });
}
