/**
 * MEXC's announced maintenances, for every account of the gateway: GET /api/v3/announcements is
 * public (counted per IP), so one read serves them all, at start and every ANNOUNCEMENTS_POLL_MS
 * (10 min), one page of the newest ANNOUNCEMENTS_POLL_LIMIT, through the shared public client (its
 * budget keeps MEXC's 5 calls per 2 s). maintenanceTitle.ts says which are maintenances and their
 * window.
 *
 * Notices are kept between reads (a notice leaves MEXC's first page before its day comes), at most
 * MAINTENANCE_NOTICES_KEPT, until they are over: a window's end, its start plus
 * MAINTENANCE_OPEN_END_SHOWN_MS without an end, its posting plus MAINTENANCE_UNDATED_SHOWN_MS
 * without a window. The one shown (each account's health, `upstream.maintenance`): an ongoing
 * one first, then the next upcoming, then the newest announced without a time.
 *
 * Nothing here breaks anything: a failed read is logged (once until one succeeds) and counted, an
 * answer not in MEXC's shape is counted as malformed and skipped (what was known stays), and the
 * next read comes on time.
 */
import type { AnnouncementPage, MexcClient } from "@mexc-live/client";
import { isClientError } from "@mexc-live/client";
import type { MaintenanceNotice } from "@mexc-live/contract";
import {
  ANNOUNCEMENTS_POLL_LIMIT,
  ANNOUNCEMENTS_POLL_MS,
  MAINTENANCE_NOTICES_KEPT,
  MAINTENANCE_OPEN_END_SHOWN_MS,
  MAINTENANCE_UNDATED_SHOWN_MS,
} from "../config/defaults.js";
import type { Logger } from "../logging.js";
import type { GatewayMetrics } from "../metrics.js";
import { maintenanceNotice } from "./maintenanceTitle.js";

export interface MaintenanceNoticesDeps {
  /** The gateway's public client (no key needed), paced by the shared REST budget. */
  readonly client: Pick<MexcClient, "announcements">;
  readonly logger: Logger;
  readonly metrics: Pick<GatewayMetrics, "announcementReads" | "announcementsSkipped">;
  readonly now?: () => number;
  /** Between reads; default ANNOUNCEMENTS_POLL_MS. Tests shorten it. */
  readonly everyMs?: number;
}

export interface MaintenanceNotices {
  /** The maintenance to show now; null when none. */
  current(): MaintenanceNotice | null;
  /** One read now (the timer runs them too); never rejects. */
  read(): Promise<void>;
  stop(): void;
}

/** When a notice is over and forgotten. */
function noticeEndsAt(notice: MaintenanceNotice): number {
  if (notice.startsAt === null) return notice.postedAt + MAINTENANCE_UNDATED_SHOWN_MS;
  return notice.endsAt ?? notice.startsAt + MAINTENANCE_OPEN_END_SHOWN_MS;
}

/** Ongoing first (the one ending first), then the next upcoming, then the newest without a time. */
function noticeToShow(notices: Iterable<MaintenanceNotice>, now: number): MaintenanceNotice | null {
  let best: MaintenanceNotice | null = null;
  let bestRank: readonly [number, number] = [Number.POSITIVE_INFINITY, 0];
  for (const notice of notices) {
    if (noticeEndsAt(notice) <= now) continue;
    const rank: readonly [number, number] =
      notice.startsAt === null
        ? [2, -notice.postedAt]
        : notice.startsAt <= now
          ? [0, noticeEndsAt(notice)]
          : [1, notice.startsAt];
    if (rank[0] < bestRank[0] || (rank[0] === bestRank[0] && rank[1] < bestRank[1])) {
      best = notice;
      bestRank = rank;
    }
  }
  return best;
}

export function startMaintenanceNotices(deps: MaintenanceNoticesDeps): MaintenanceNotices {
  const { client, logger, metrics } = deps;
  const now = deps.now ?? Date.now;
  /** By link (or title without one): a notice read again replaces itself. */
  const kept = new Map<string, MaintenanceNotice>();
  let failing = false;
  let stopped = false;

  const take = (page: AnnouncementPage): void => {
    if (page.skipped > 0) metrics.announcementsSkipped.inc(page.skipped);
    for (const item of page.items) {
      const notice = maintenanceNotice(item);
      if (notice !== undefined) kept.set(notice.url ?? notice.title, notice);
    }
    const at = now();
    for (const [key, notice] of kept) if (noticeEndsAt(notice) <= at) kept.delete(key);
    // The furthest over first: the newest postings stay.
    const excess = [...kept.entries()].sort((a, b) => a[1].postedAt - b[1].postedAt);
    for (const [key] of excess.slice(0, Math.max(0, kept.size - MAINTENANCE_NOTICES_KEPT))) kept.delete(key);
  };

  const read = async (): Promise<void> => {
    if (stopped) return;
    try {
      take(await client.announcements({ limit: ANNOUNCEMENTS_POLL_LIMIT }));
      metrics.announcementReads.inc({ outcome: "ok" });
      if (failing) logger.info("MEXC's announcements are read again");
      failing = false;
    } catch (error) {
      if (stopped || (isClientError(error) && error.code === "CLOSED")) return;
      const malformed = isClientError(error) && error.code === "BAD_RESPONSE";
      metrics.announcementReads.inc({ outcome: malformed ? "malformed" : "failed" });
      if (!failing) {
        logger.warn(
          { err: (error as Error).message },
          malformed
            ? "MEXC's announcements answer is not in its shape: skipped; maintenance notices as last read"
            : "MEXC's announcements could not be read; maintenance notices as last read, asking again later",
        );
      }
      failing = true;
    }
  };

  const timer = setInterval(() => void read(), deps.everyMs ?? ANNOUNCEMENTS_POLL_MS);
  timer.unref();
  void read();
  return {
    current: () => noticeToShow(kept.values(), now()),
    read,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
