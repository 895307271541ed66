/**
 * GET /api/precisions -> DisplayPrecisions: the places each pair's prices and quantities and each
 * asset's amounts are shown in, from the gateway's one exchangeInfo (figures/displayPrecision.ts).
 * Public market facts, the same for every account. Empty maps until exchangeInfo has been read,
 * and on a `--role web` instance, which reads no exchangeInfo: the dashboard then rounds for
 * reading, as before.
 */

import type { DisplayPrecisions } from "@mexc-live/contract";
import { API_PATHS } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../deps.js";
import { params, parseQuery } from "../queryParams.js";

const query = params({});

export function precisionsRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get(API_PATHS.precisions, async (request): Promise<DisplayPrecisions> => {
    parseQuery(query, request.query);
    return deps.precisions?.() ?? { assets: {}, symbols: {} };
  });
}
