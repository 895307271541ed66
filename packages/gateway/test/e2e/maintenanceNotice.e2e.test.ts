/**
 * A maintenance MEXC announces reaches /api/health and every account's health (issue 41 item 3):
 * a demo gateway of two accounts reads the simulator's GET /api/v3/announcements, one read for
 * both (it is public, counted per IP), and shows the notice with its window. The reads come every
 * 10 minutes; the gateway's `announcementsEveryMs` shortens that here.
 */
import type { IncomingMessage } from "node:http";
import type { AccountItem, Health } from "@mexc-live/contract";
import type { TrafficCounts } from "@mexc-live/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging.js";
import { type RunningGateway, startGateway } from "../../src/service.js";
import { getJson, settingsFor, tempDir, waitFor } from "../e2eKit.js";

const EVERY_MS = 400;

describe("an announced maintenance", () => {
  let gateway: RunningGateway;
  const data = tempDir("maintenance-notice");

  beforeAll(async () => {
    gateway = await startGateway(settingsFor(["--port", "0", "--data", data.path]), {
      logger: createLogger({ level: "silent" }),
      simulator: { accounts: 2, seed: 41 },
      announcementsEveryMs: EVERY_MS,
    });
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    data.remove();
  });

  it("shows on /api/health and on each account with its window; MEXC's announcements are read once for all accounts", async () => {
    const sim = gateway.simulator!;
    const soon = new Date(Date.now() + 3_600_000);
    const day = soon.toISOString().slice(0, 10);
    const title = `MEXC Spot System Maintenance Notice: ${day} ${soon.toISOString().slice(11, 16)} - 23:59 (UTC)`;
    const posted = await fetch(`${sim.rest}/_sim/announcements`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title }),
    });
    expect(posted.ok).toBe(true);
    const health = await waitFor(
      "the announced maintenance on /api/health",
      async () => {
        const answer = await getJson<Health>(`${gateway.url}api/health`);
        return answer.upstream.maintenance?.title === title ? answer : undefined;
      },
      20_000,
    );
    const startsAt = Date.parse(`${day}T${soon.toISOString().slice(11, 16)}:00Z`);
    expect(health.upstream.maintenance).toMatchObject({
      url: expect.stringMatching(/^https:\/\/www\.mexc\.com\//),
      startsAt,
    });
    const { items } = await getJson<{ items: AccountItem[] }>(`${gateway.url}api/accounts`);
    expect(items.map((item) => item.health.upstream.maintenance?.title)).toEqual([title, title]);
    // Reads every EVERY_MS for the gateway, not per account: two accounts, still at most one a
    // period. Watched over the next four reads, timed as they reach the simulator.
    const reads: number[] = [];
    const onRequest = (request: IncomingMessage) => {
      if (request.url?.startsWith("/api/v3/announcements")) reads.push(Date.now());
    };
    const before = (await getJson<TrafficCounts>(`${sim.rest}/_sim/traffic`)).rest["GET /api/v3/announcements"] ?? 0;
    sim.app.server.on("request", onRequest);
    await waitFor("four more reads", () => (reads.length >= 4 ? true : undefined), 40 * EVERY_MS);
    sim.app.server.off("request", onRequest);
    const after = (await getJson<TrafficCounts>(`${sim.rest}/_sim/traffic`)).rest["GET /api/v3/announcements"] ?? 0;
    expect(after - before).toBeGreaterThanOrEqual(3);
    // Four reads, one a period: three periods between the first and the last (a few ms of timer
    // and loopback allowed); one a period per account would put two reads in one period.
    expect(reads.at(-1)! - reads[0]!).toBeGreaterThanOrEqual(3 * EVERY_MS - 100);
    expect(after - before).toBeLessThanOrEqual(reads.length + 1);
  }, 60_000);
});
