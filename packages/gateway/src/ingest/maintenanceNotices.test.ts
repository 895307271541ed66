/**
 * MEXC's announced maintenances for all accounts (maintenanceNotices.ts): read at start and every
 * 10 minutes, one call each; a malformed answer or a failed read counted, skipped, never thrown;
 * which notice is shown, and until when.
 */
import type { AnnouncementPage } from "@mexc-live/client";
import { ClientError } from "@mexc-live/client";
import { HOUR_MS, MINUTE_MS } from "@mexc-live/protocol";
import type { RestAnnouncement } from "@mexc-live/protocol/rest";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ANNOUNCEMENTS_POLL_LIMIT,
  ANNOUNCEMENTS_POLL_MS,
  MAINTENANCE_NOTICES_KEPT,
  MAINTENANCE_OPEN_END_SHOWN_MS,
  MAINTENANCE_UNDATED_SHOWN_MS,
} from "../config/defaults.js";
import { createLogger } from "../logging.js";
import { createMetrics } from "../metrics.js";
import { startMaintenanceNotices } from "./maintenanceNotices.js";

afterEach(() => {
  vi.useRealTimers();
});

const T0 = Date.UTC(2026, 11, 1, 0, 0);
let serial = 0;
const announcement = (title: string, postTime = T0): RestAnnouncement => ({
  title,
  url: `https://www.mexc.com/announcements/${++serial}`,
  language: "en-US",
  postTime,
});
const page = (items: RestAnnouncement[], skipped = 0): AnnouncementPage => ({ items, totalPage: 1, skipped });
const reads = async (metrics: ReturnType<typeof createMetrics>) =>
  Object.fromEntries((await metrics.announcementReads.get()).values.map((v) => [v.labels.outcome, v.value]));

function harness(answers: (() => AnnouncementPage)[], now: () => number = Date.now) {
  const asked: unknown[] = [];
  const warnings: string[] = [];
  const logger = createLogger({ level: "silent" }).logger;
  logger.warn = ((_: unknown, message: string) => void warnings.push(message)) as never;
  const metrics = createMetrics({ defaultMetrics: false });
  let next = 0;
  const client = {
    announcements: async (query?: unknown) => {
      asked.push(query);
      const answer = answers[Math.min(next++, answers.length - 1)];
      if (answer === undefined) throw new Error("no answer");
      return answer();
    },
  };
  const notices = startMaintenanceNotices({ client, logger, metrics, now });
  return { notices, asked, warnings, metrics };
}

describe("startMaintenanceNotices", () => {
  it("reads once at start and once every 10 minutes (one page of the newest 100 for all accounts), no more", async () => {
    vi.useFakeTimers({ now: T0 });
    const { notices, asked } = harness([() => page([])]);
    await vi.advanceTimersByTimeAsync(3 * ANNOUNCEMENTS_POLL_MS - 1);
    expect(asked).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toHaveLength(4);
    expect(asked[0]).toEqual({ limit: ANNOUNCEMENTS_POLL_LIMIT });
    notices.stop();
    await vi.advanceTimersByTimeAsync(10 * ANNOUNCEMENTS_POLL_MS);
    expect(asked).toHaveLength(4);
  });

  it("counts a malformed answer and skips it: the maintenance already known stays shown; a failed read alike; neither throws", async () => {
    vi.useFakeTimers({ now: T0 });
    const maintenance = announcement("System maintenance 2026-12-02 02:00 - 04:00 (UTC)");
    const { notices, warnings, metrics } = harness([
      () => page([maintenance, announcement("MEXC will list FROP")], 2),
      () => {
        throw new ClientError("BAD_RESPONSE", "GET /api/v3/announcements answered without a data[0].details list");
      },
      () => {
        throw new ClientError("NETWORK", "fetch failed: ECONNRESET");
      },
      () => page([]),
    ]);
    await vi.advanceTimersByTimeAsync(0);
    expect(notices.current()?.startsAt).toBe(Date.UTC(2026, 11, 2, 2));
    await vi.advanceTimersByTimeAsync(2 * ANNOUNCEMENTS_POLL_MS);
    expect(await reads(metrics)).toEqual({ ok: 1, malformed: 1, failed: 1 });
    expect((await metrics.announcementsSkipped.get()).values[0]?.value).toBe(2);
    expect(notices.current()?.title).toBe(maintenance.title);
    // Said once until a read succeeds again.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/not in its shape: skipped/);
    await vi.advanceTimersByTimeAsync(ANNOUNCEMENTS_POLL_MS);
    expect(await reads(metrics)).toEqual({ ok: 2, malformed: 1, failed: 1 });
    expect(notices.current()?.title).toBe(maintenance.title);
    notices.stop();
  });

  it("shows the ongoing one first, then the next upcoming, then the newest without a time; each until it is over", async () => {
    let now = T0;
    const undatedOld = announcement("MEXC Spot System Upgrade Notice (Dec 3)", T0 - HOUR_MS);
    const undatedNew = announcement("MEXC Spot System Upgrade Notice (Dec 4)", T0);
    const later = announcement("System maintenance 2026-12-01 06:00 - 07:00 (UTC)");
    const sooner = announcement("System maintenance 2026-12-01 03:00 - 04:00 (UTC)");
    const noEnd = announcement("System maintenance 2026-12-01 05:00 (UTC)");
    const { notices } = harness([() => page([undatedOld, undatedNew, later, sooner, noEnd])], () => now);
    await notices.read();
    expect(notices.current()?.title).toBe(sooner.title);
    now = Date.UTC(2026, 11, 1, 3, 30);
    expect(notices.current()?.title).toBe(sooner.title);
    now = Date.UTC(2026, 11, 1, 4);
    expect(notices.current()?.title).toBe(noEnd.title);
    // No end given: shown as ongoing MAINTENANCE_OPEN_END_SHOWN_MS after its start, ahead of the upcoming one.
    now = Date.UTC(2026, 11, 1, 5) + MAINTENANCE_OPEN_END_SHOWN_MS - MINUTE_MS;
    expect(notices.current()?.title).toBe(noEnd.title);
    now += MINUTE_MS;
    expect(notices.current()?.title).toBe(undatedNew.title);
    now = T0 + MAINTENANCE_UNDATED_SHOWN_MS;
    expect(notices.current()).toBeNull();
    notices.stop();
  });

  it(`keeps at most MAINTENANCE_NOTICES_KEPT (${MAINTENANCE_NOTICES_KEPT}) notices between reads, the newest postings`, async () => {
    const many = Array.from({ length: MAINTENANCE_NOTICES_KEPT + 1 }, (_, i) =>
      announcement(`MEXC Spot System Upgrade Notice ${i}`, T0 + i * MINUTE_MS),
    );
    const { notices } = harness([() => page(many), () => page([])], () => T0 + HOUR_MS);
    await notices.read();
    // The oldest (notice 0) is gone; the newest shows.
    expect(notices.current()?.title).toBe(`MEXC Spot System Upgrade Notice ${MAINTENANCE_NOTICES_KEPT}`);
    await notices.read();
    expect(notices.current()?.title).toBe(`MEXC Spot System Upgrade Notice ${MAINTENANCE_NOTICES_KEPT}`);
    notices.stop();
  });
});
