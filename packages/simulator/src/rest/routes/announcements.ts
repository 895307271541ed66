/**
 * GET /api/v3/announcements (public: docs/mexc/rest.md#get-apiv3announcements-public): the
 * announcements (announcements.ts) newest first, paged by `page` (from 1) and `limit` (default 20,
 * at most 100, a multiple of 5: any other is refused, as MEXC's docs say), in MEXC's envelope
 * `{code: 0, data: [{details: [{title, url, language, postTime}], totalPage}], msg: ""}` with
 * `totalPage` a string, as in MEXC's example.
 */
import {
  ANNOUNCEMENTS_LIMIT_DEFAULT,
  ANNOUNCEMENTS_LIMIT_MAX,
  ANNOUNCEMENTS_LIMIT_STEP,
} from "@mexc-live/protocol/limits";
import type { RestAnnouncementPage } from "@mexc-live/protocol/rest";
import { REST_PATHS } from "@mexc-live/protocol/rest";
import type { FastifyInstance } from "fastify";
import { restErrors } from "../../errors.js";
import { type RestDeps, weightOf } from "../context.js";

export function registerAnnouncementRoutes(app: FastifyInstance, { announcements }: RestDeps): void {
  app.get(REST_PATHS.announcements, weightOf("GET /api/v3/announcements"), async (request) => {
    const { params } = request.mexc;
    const limit =
      params.optionalInteger("limit", { min: 1, max: ANNOUNCEMENTS_LIMIT_MAX }) ?? ANNOUNCEMENTS_LIMIT_DEFAULT;
    if (limit % ANNOUNCEMENTS_LIMIT_STEP !== 0) {
      throw restErrors.badParameter("limit", `must be a multiple of 5 or 10, at most ${ANNOUNCEMENTS_LIMIT_MAX}`);
    }
    const page = params.limit("page", 1, Number.MAX_SAFE_INTEGER);
    const all = announcements.list();
    const details = all.slice((page - 1) * limit, page * limit);
    return {
      code: 0,
      data: [{ details, totalPage: String(Math.max(1, Math.ceil(all.length / limit))) }],
      msg: "",
    } satisfies RestAnnouncementPage;
  });
}
