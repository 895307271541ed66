/**
 * MEXC's platform announcements (GET /api/v3/announcements, public: docs/mexc/rest.md#get-apiv3announcements-public):
 * newest first, paged by `page` (from 1) and `limit` (default 20, at most 100, a multiple of 5:
 * any other is refused, as MEXC's docs say), in MEXC's envelope
 * `{code: 0, data: [{details: [{title, url, language, postTime}], totalPage}], msg: ""}` with
 * `totalPage` a string, as in MEXC's example. The simulator starts with one listing notice; the
 * admin route POST /_sim/announcements adds one (a maintenance notice, say).
 */
import {
  ANNOUNCEMENTS_LIMIT_DEFAULT,
  ANNOUNCEMENTS_LIMIT_MAX,
  ANNOUNCEMENTS_LIMIT_STEP,
} from "@mexc-live/protocol/limits";
import type { RestAnnouncement, RestAnnouncementPage } from "@mexc-live/protocol/rest";
import { REST_PATHS } from "@mexc-live/protocol/rest";
import type { FastifyInstance } from "fastify";
import type { SimClock } from "../clock.js";
import { restErrors } from "../errors.js";
import { weightOf } from "./context.js";

/** Announcements kept; the oldest go first (a bound on what the admin route can add). */
const ANNOUNCEMENTS_KEPT_MAX = 1_000;
/** Where the links point: MEXC's own site, never fetched. */
const LINK_BASE = "https://www.mexc.com/announcements/";

export interface Announcements {
  /** Adds one posted now; returns it. */
  add(title: string): RestAnnouncement;
  list(): readonly RestAnnouncement[];
}

export function createAnnouncements(clock: SimClock): Announcements {
  const items: RestAnnouncement[] = [];
  let next = 1;
  const add = (title: string): RestAnnouncement => {
    const item = { title, url: `${LINK_BASE}${next++}`, language: "en-US", postTime: clock.now() };
    items.unshift(item);
    if (items.length > ANNOUNCEMENTS_KEPT_MAX) items.pop();
    return item;
  };
  add("MEXC will list the FROP/USDT spot pair");
  return { add, list: () => items };
}

export function registerAnnouncementRoutes(app: FastifyInstance, announcements: Announcements): void {
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
