/**
 * GET /api/v3/announcements through the client (announcements.ts): MEXC's shape read, the query
 * checked at its bounds before anything is sent, malformed entries left out and counted, and the
 * 5 calls per 2 s kept by the weight budget (against the simulator, which answers 429 past them).
 */
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { ClientError } from "../errors.js";
import { readAnnouncementPage } from "./announcements.js";
import { RestEndpoints } from "./endpoints.js";
import { RestClient } from "./restClient.js";

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const ENDPOINT = "GET /api/v3/announcements";

describe("announcements()", () => {
  it("reads MEXC's announcements newest first, unsigned: title, url, language, posting time", async () => {
    sim = await startSimulator({ port: 0, seed: 3, demoTrader: false, admin: true });
    await fetch(`${sim.rest.replace(/\/api\/v3$/, "")}/_sim/announcements`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "MEXC Spot System Maintenance Notice: 2026-12-01 02:00 - 04:00 (UTC)" }),
    });
    // No key at all: the call is public.
    const endpoints = new RestEndpoints(new RestClient({ baseUrl: sim.rest }));
    const page = await endpoints.announcements({ limit: 5 });
    expect(page.skipped).toBe(0);
    expect(page.totalPage).toBe(1);
    expect(page.items.map((item) => item.title)).toEqual([
      "MEXC Spot System Maintenance Notice: 2026-12-01 02:00 - 04:00 (UTC)",
      "MEXC will list the FROP/USDT spot pair",
    ]);
    expect(page.items[0]).toMatchObject({
      url: expect.stringMatching(/^https:\/\//),
      language: "en-US",
      postTime: expect.any(Number),
    });
  });

  it("keeps to MEXC's 5 calls per 2 s: the sixth waits, and the simulator answers no 429", async () => {
    sim = await startSimulator({ port: 0, seed: 3, demoTrader: false, behaviours: { requestRate: true } });
    const rest = new RestClient({ baseUrl: sim.rest });
    const endpoints = new RestEndpoints(rest);
    const start = performance.now();
    const left: number[] = [];
    for (let i = 0; i < 6; i++) {
      await endpoints.announcements();
      left.push(performance.now() - start);
    }
    expect(left[4]).toBeLessThan(1_500);
    expect(left[5]).toBeGreaterThanOrEqual(2_000);
    expect(rest.stats().retries).toBe(0);
  });

  it("checks limit (a multiple of 5 from 5 to 100), page (1 to 1000) and language before sending, naming the field", async () => {
    let sent = 0;
    const endpoints = new RestEndpoints(
      new RestClient({
        baseUrl: "http://127.0.0.1:8999",
        fetch: async () => {
          sent++;
          return new Response(JSON.stringify({ code: 0, data: [{ details: [], totalPage: "0" }], msg: "" }));
        },
      }),
    );
    for (const limit of [5, 100]) await endpoints.announcements({ limit });
    for (const page of [1, 1000]) await endpoints.announcements({ page });
    expect(sent).toBe(4);
    for (const [query, field] of [
      [{ limit: 0 }, "limit"],
      [{ limit: 7 }, "limit"],
      [{ limit: 105 }, "limit"],
      [{ limit: 2.5 }, "limit"],
      [{ page: 0 }, "page"],
      [{ page: 1001 }, "page"],
      [{ language: "en US; drop" }, "language"],
    ] as const) {
      const refused = await endpoints.announcements(query).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ClientError);
      expect((refused as ClientError).code).toBe("BAD_OPTION");
      expect((refused as ClientError).message).toContain(`announcements ${field}`);
    }
    expect(sent).toBe(4);
  });
});

describe("readAnnouncementPage", () => {
  it("leaves out and counts entries without a title, an http(s) url or a posting time; takes a numeric-string time and totalPage", () => {
    const page = readAnnouncementPage(
      {
        code: 0,
        data: [
          {
            details: [
              {
                title: "Completion of X Layer Mainnet Upgrade",
                url: "https://www.mexc.com/help/x",
                language: "CN",
                postTime: 1761582756071,
              },
              { title: "", url: "https://www.mexc.com/a", postTime: 1 },
              { title: "no url", postTime: 1761582756071 },
              { title: "script url", url: "javascript:alert(1)", postTime: 1761582756071 },
              { title: "no time", url: "https://www.mexc.com/b" },
              { title: "time as text", url: "https://www.mexc.com/c", postTime: "1761620404821" },
              null,
              "a string",
            ],
            totalPage: "123",
          },
        ],
        msg: "",
      },
      ENDPOINT,
    );
    expect(page.items.map((item) => item.title)).toEqual(["Completion of X Layer Mainnet Upgrade", "time as text"]);
    expect(page.items[1]?.postTime).toBe(1761620404821);
    expect(page.skipped).toBe(6);
    expect(page.totalPage).toBe(123);
  });

  it("an answer without the data[0].details list is BAD_RESPONSE naming the endpoint", () => {
    for (const answer of [{}, { data: [] }, { data: {} }, { data: [{ details: "none" }] }, null, []]) {
      expect(() => readAnnouncementPage(answer, ENDPOINT)).toThrow(
        expect.objectContaining({ code: "BAD_RESPONSE", message: expect.stringContaining(ENDPOINT) }),
      );
    }
  });
});
