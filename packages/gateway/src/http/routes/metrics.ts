/** GET /metrics -> the gateway's Prometheus metrics as text. */
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../deps.js";

export function metricsRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get("/metrics", async (_request, reply) => {
    reply.header("content-type", deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}
