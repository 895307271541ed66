/**
 * POST /api/import?name=FILE with a file MEXC's website exported (spot trade history, deposit or
 * withdrawal history; CSV) as the body: the dashboard's drop zone and `mexc-live import FILE` do
 * the same (imports/importHistory.ts). All or nothing: 200 {format, rows, added, duplicates}, or
 * 400 {error, message, problems: [{line, message}]} with nothing imported. PnL, fees and volume
 * are recomputed with the new fills.
 */
import type { FastifyInstance } from "fastify";
import { HttpError, ImportError } from "../../errors.js";
import { writeScopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";

/** Largest file accepted: a year of a busy account's trades is a few MB. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
const MAX_PROBLEMS_SENT = 200;
const TEXT_TYPES = [
  "text/csv",
  "text/plain",
  "application/csv",
  "application/vnd.ms-excel",
  "application/octet-stream",
];

export function importRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.register(async (scope) => {
    scope.addContentTypeParser(TEXT_TYPES, { parseAs: "string", bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) =>
      done(null, body),
    );
    scope.post("/api/import", { bodyLimit: MAX_IMPORT_BYTES }, async (request, reply) => {
      if (typeof request.body !== "string" || request.body === "") {
        throw new HttpError("BAD_REQUEST", "body: send the exported file as text/csv");
      }
      const { writes } = writeScopeOf(deps, request);
      if (writes === undefined) {
        throw new HttpError(
          "NOT_ON_WEB_INSTANCE",
          "imports go to the collector, which keeps the history: send the file to it",
        );
      }
      try {
        return writes.importFile(request.body);
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        return reply.code(400).send({
          error: "BAD_REQUEST",
          message: error.message,
          problems: error.problems.slice(0, MAX_PROBLEMS_SENT),
          ...(error.problems.length > MAX_PROBLEMS_SENT ? { more: error.problems.length - MAX_PROBLEMS_SENT } : {}),
        });
      }
    });
  });
}
