/**
 * GET /api/v3/announcements (public; docs/mexc/rest.md#get-apiv3announcements-public): MEXC's platform
 * announcements, newest first. The query is checked before anything is sent (`limit` a multiple of
 * 5 from 5 to 100, as MEXC's docs require: another is refused by MEXC; `page` from 1); the
 * answer's envelope `{code, data: [{details: [...], totalPage}], msg}` is read here: an answer
 * without the `details` list is BAD_RESPONSE, an entry without a title, an http(s) url or a
 * posting time is left out and counted (`skipped`). The rate (5 calls per 2 s) is the weight
 * budget's (protocol's ENDPOINT_REQUEST_RATES).
 */
import {
  ANNOUNCEMENTS_LIMIT_DEFAULT,
  ANNOUNCEMENTS_LIMIT_MAX,
  ANNOUNCEMENTS_LIMIT_STEP,
} from "@mexc-live/protocol/limits";
import type { Params, RestAnnouncement, RestAnnouncementPage } from "@mexc-live/protocol/rest";
import { ANNOUNCEMENT_PAGE_MAX } from "../constants.js";
import { ClientError } from "../errors.js";

export interface AnnouncementQuery {
  /** MEXC's language code, default en-US (MEXC's own default). */
  readonly language?: string;
  /** From 1, at most ANNOUNCEMENT_PAGE_MAX (1000). */
  readonly page?: number;
  /** A multiple of 5 from 5 to 100; default 20 (MEXC's default). */
  readonly limit?: number;
}

export interface AnnouncementPage {
  /** Newest first, as MEXC lists them; only entries with a title, an http(s) url and a posting time. */
  readonly items: readonly RestAnnouncement[];
  /** How many pages MEXC says there are (a string in its example); undefined when it says nothing readable. */
  readonly totalPage: number | undefined;
  /** Entries of the answer left out: no title, no http(s) url, or no posting time. */
  readonly skipped: number;
}

/** MEXC's language codes: "en-US", "zh-CN", "CN" in its example. */
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z]{2,4})?$/;

/** The query's parameters, checked (BAD_OPTION naming the field). */
export function announcementParams(query: AnnouncementQuery): Params {
  const { language = "en-US", page = 1, limit = ANNOUNCEMENTS_LIMIT_DEFAULT } = query;
  if (!LANGUAGE.test(language)) {
    throw new ClientError(
      "BAD_OPTION",
      `announcements language must be a code such as en-US (got ${language.length} characters)`,
    );
  }
  if (!Number.isInteger(page) || page < 1 || page > ANNOUNCEMENT_PAGE_MAX) {
    throw new ClientError(
      "BAD_OPTION",
      `announcements page must be a whole number from 1 to ${ANNOUNCEMENT_PAGE_MAX} (got ${page})`,
    );
  }
  if (
    !Number.isInteger(limit) ||
    limit < ANNOUNCEMENTS_LIMIT_STEP ||
    limit > ANNOUNCEMENTS_LIMIT_MAX ||
    limit % ANNOUNCEMENTS_LIMIT_STEP !== 0
  ) {
    throw new ClientError(
      "BAD_OPTION",
      `announcements limit must be a multiple of ${ANNOUNCEMENTS_LIMIT_STEP} from ${ANNOUNCEMENTS_LIMIT_STEP} to ${ANNOUNCEMENTS_LIMIT_MAX} (got ${limit})`,
    );
  }
  return { language, page, limit };
}

/** MEXC's answer, read: BAD_RESPONSE without the `data[0].details` list. */
export function readAnnouncementPage(answer: unknown, endpoint: string): AnnouncementPage {
  const data = (answer as RestAnnouncementPage | null)?.data;
  const first = Array.isArray(data) ? (data[0] as unknown) : undefined;
  const details = (first as { details?: unknown } | undefined)?.details;
  if (typeof first !== "object" || first === null || !Array.isArray(details)) {
    throw new ClientError("BAD_RESPONSE", `${endpoint} answered without a data[0].details list of announcements`);
  }
  const items: RestAnnouncement[] = [];
  for (const entry of details as unknown[]) {
    const item = readAnnouncement(entry);
    if (item !== undefined) items.push(item);
  }
  const total = Number((first as { totalPage?: unknown }).totalPage);
  return {
    items,
    totalPage: Number.isInteger(total) && total >= 0 ? total : undefined,
    skipped: details.length - items.length,
  };
}

function readAnnouncement(entry: unknown): RestAnnouncement | undefined {
  if (typeof entry !== "object" || entry === null) return undefined;
  const { title, url, language, postTime } = entry as Record<string, unknown>;
  const posted = typeof postTime === "string" && /^\d{1,16}$/.test(postTime) ? Number(postTime) : postTime;
  if (typeof title !== "string" || title.trim() === "") return undefined;
  if (typeof url !== "string" || !/^https?:\/\/\S+$/.test(url)) return undefined;
  if (typeof posted !== "number" || !Number.isSafeInteger(posted) || posted <= 0) return undefined;
  return {
    title,
    url,
    ...(typeof language === "string" ? { language } : {}),
    postTime: posted,
  };
}
