/**
 * Which announcements tell of a maintenance of MEXC's own, and the window their titles give
 * (maintenanceTitle.ts): titles in MEXC's words, each as GET /api/v3/announcements answers it.
 */
import { DAY_MS } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import {
  MAINTENANCE_TITLE_MAX_CHARS,
  MAINTENANCE_WINDOW_AFTER_POST_MAX_MS,
  MAINTENANCE_WINDOW_MAX_MS,
} from "../config/defaults.js";
import { maintenanceNotice, maintenanceWindow } from "./maintenanceTitle.js";

const POSTED = Date.UTC(2025, 10, 17, 8);
const item = (title: string, url = "https://www.mexc.com/announcements/17827791531809") => ({
  title,
  url,
  language: "en-US",
  postTime: POSTED,
});
const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

describe("maintenanceNotice", () => {
  it("takes a title that names a maintenance or a system upgrade; not listings, a token's wallet or network, a completion, futures only", () => {
    const taken = [
      "MEXC Spot System Upgrade Notice (Dec 14)",
      "Notice on MEXC System Maintenance on November 19, 2025, between 14:00 to 15:00 (UTC)",
      "Scheduled maintenance of Spot and Futures trading",
    ];
    const left = [
      "OKX to list Virtuals Protocol (VIRTUAL) for spot trading",
      "Completion of X Layer Mainnet Upgrade",
      "MEXC Will Suspend Deposits and Withdrawals of TON for Wallet Maintenance",
      "Network maintenance of the Arbitrum chain",
      "MEXC Futures System Upgrade Notice (Dec 14)",
      "Maintenance completed: spot trading resumes",
    ];
    expect(taken.map((title) => maintenanceNotice(item(title))?.title)).toEqual(taken);
    expect(left.map((title) => maintenanceNotice(item(title)))).toEqual(left.map(() => undefined));
  });

  it("without a time and its zone in the title: announced, no window, with its link", () => {
    expect(maintenanceNotice(item("MEXC Spot System Upgrade Notice (Dec 14)"))).toEqual({
      title: "MEXC Spot System Upgrade Notice (Dec 14)",
      url: "https://www.mexc.com/announcements/17827791531809",
      postedAt: POSTED,
      startsAt: null,
      endsAt: null,
    });
    // A time without its zone is not read: MEXC's own notices always say (UTC).
    expect(maintenanceNotice(item("System maintenance on 2025-11-19 14:00 - 15:00"))?.startsAt).toBeNull();
  });

  it("keeps the title to MAINTENANCE_TITLE_MAX_CHARS, one line; a link that is not https:// is dropped", () => {
    const long = `System maintenance ${"x".repeat(MAINTENANCE_TITLE_MAX_CHARS)}`;
    const notice = maintenanceNotice(item(`${long}\n`, "http://www.mexc.com/a"));
    expect(notice?.title).toHaveLength(MAINTENANCE_TITLE_MAX_CHARS);
    expect(notice?.url).toBeNull();
    expect(maintenanceNotice(item("System\nmaintenance  notice"))?.title).toBe("System maintenance notice");
  });
});

describe("maintenanceWindow", () => {
  it("reads the ways MEXC writes a time: a range on one day, an end with its own date, a start alone, a zone's offset", () => {
    const cases: [string, number, number | null][] = [
      [
        "System maintenance on November 19, 2025, between 14:00 to 15:00 (UTC)",
        utc(2025, 11, 19, 14),
        utc(2025, 11, 19, 15),
      ],
      ["System maintenance: Nov 19, 2025, 14:00 - 15:30 (UTC)", utc(2025, 11, 19, 14), utc(2025, 11, 19, 15, 30)],
      ["System maintenance 2025-11-19 14:00–15:00 UTC", utc(2025, 11, 19, 14), utc(2025, 11, 19, 15)],
      ["System maintenance 19 Nov 2025 23:00 - 01:00 (UTC)", utc(2025, 11, 19, 23), utc(2025, 11, 20, 1)],
      [
        "System maintenance from Nov 19, 2025, 22:00 to Nov 20, 2025, 02:00 (UTC)",
        utc(2025, 11, 19, 22),
        utc(2025, 11, 20, 2),
      ],
      ["System maintenance at Nov 19, 2025, 16:04 (UTC)", utc(2025, 11, 19, 16, 4), null],
      ["System upgrade 2025-11-19 03:00 - 04:30 (UTC+7)", utc(2025, 11, 18, 20), utc(2025, 11, 18, 21, 30)],
      ["System upgrade 2025-11-19 2:00 pm - 3:00 pm (UTC-05:30)", utc(2025, 11, 19, 19, 30), utc(2025, 11, 19, 20, 30)],
    ];
    for (const [title, startsAt, endsAt] of cases) {
      expect({ title, window: maintenanceWindow(title, POSTED) }).toEqual({ title, window: { startsAt, endsAt } });
    }
  });

  it("reads no window from a day that does not exist, an hour past 23, a zone past 14 h, or a start too far from the posting", () => {
    for (const title of [
      "System maintenance 2025-02-30 02:00 - 04:00 (UTC)",
      "System maintenance 2025-11-19 24:00 - 25:00 (UTC)",
      "System maintenance 2025-11-19 13:00 pm (UTC)",
      "System maintenance 2025-11-19 02:00 (UTC+15)",
      "System maintenance 2024-11-19 02:00 (UTC)",
    ]) {
      expect({ title, window: maintenanceWindow(title, POSTED) }).toEqual({ title, window: undefined });
    }
    // At the bound: a start MAINTENANCE_WINDOW_AFTER_POST_MAX_MS after the posting is read, a minute later not.
    const edge = new Date(POSTED + MAINTENANCE_WINDOW_AFTER_POST_MAX_MS);
    const at = (d: Date) => `System maintenance ${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} (UTC)`;
    expect(maintenanceWindow(at(edge), POSTED)?.startsAt).toBe(edge.getTime());
    expect(maintenanceWindow(at(new Date(edge.getTime() + 60_000)), POSTED)).toBeUndefined();
  });

  it("takes no end past MAINTENANCE_WINDOW_MAX_MS (3 days): the start stays", () => {
    const days = MAINTENANCE_WINDOW_MAX_MS / DAY_MS;
    const within = maintenanceWindow(
      `System maintenance from 2025-11-19 00:00 to 2025-11-${19 + days} 00:00 (UTC)`,
      POSTED,
    );
    expect(within).toEqual({ startsAt: utc(2025, 11, 19), endsAt: utc(2025, 11, 19 + days) });
    const beyond = maintenanceWindow(
      `System maintenance from 2025-11-19 00:00 to 2025-11-${19 + days} 00:01 (UTC)`,
      POSTED,
    );
    expect(beyond).toEqual({ startsAt: utc(2025, 11, 19), endsAt: null });
  });
});
