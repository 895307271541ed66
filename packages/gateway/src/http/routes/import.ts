/**
 * POST /api/import?name=FILE with a file MEXC's website exported (spot trade history, deposit or
 * withdrawal history; CSV, at most MAX_IMPORT_BYTES) as the body: the dashboard's drop zone and
 * `mexc-live import FILE` do the same (ingest/imports/importHistory.ts, docs/imports.md). All or nothing:
 * 200 {format, rows, added, duplicates[, warning]}, or 400 {error, message, problems: [{line,
 * message}]} with nothing imported (reading stops at MAX_PROBLEMS bad rows). One import at a time
 * per account (409 IMPORT_RUNNING); it runs in slices of the event loop, so the gateway keeps
 * serving meanwhile. PnL, fees and volume are recomputed with the new fills.
 *
 * The ECB's history of euro reference rates (eurofxref-hist.csv, recognised by its header; or
 * eurofxref-hist.zip sent as application/zip) goes to the rates every account shares:
 * 200 {format: "ecbRates", rows, added, duplicates, differing, differingDays, currencies, from, to}.
 */
import { API_PATHS } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { HttpError, ImportError, ImportStopped } from "../../errors.js";
import { MAX_IMPORT_BYTES } from "../../ingest/imports/limits.js";
import { writeScopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";

/** A zip archive's bytes (the ECB serves its history zipped); Windows' browsers say x-zip-compressed. */
const ZIP_TYPES = ["application/zip", "application/x-zip-compressed"];

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
    scope.addContentTypeParser(ZIP_TYPES, { parseAs: "buffer", bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) =>
      done(null, body),
    );
    scope.post(API_PATHS.import, { bodyLimit: MAX_IMPORT_BYTES }, async (request, reply) => {
      const body = request.body;
      if (!(typeof body === "string" || Buffer.isBuffer(body)) || body.length === 0) {
        throw new HttpError("BAD_REQUEST", "body: send the exported file as text/csv (a zip as application/zip)");
      }
      const { writes } = writeScopeOf(deps, request);
      if (writes === undefined) {
        throw new HttpError(
          "NOT_ON_WEB_INSTANCE",
          "imports go to the collector, which keeps the history: send the file to it",
        );
      }
      try {
        return await writes.importFile(body);
      } catch (error) {
        if (error instanceof ImportStopped) throw new HttpError("CLOSING", error.message);
        if (!(error instanceof ImportError)) throw error;
        return reply.code(400).send({ error: "BAD_REQUEST", message: error.message, problems: error.problems });
      }
    });
  });
}
