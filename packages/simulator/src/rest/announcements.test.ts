/**
 * GET /api/v3/announcements (docs/mexc/rest.md#get-apiv3announcements-public): public, newest first, `limit` a multiple
 * of 5 up to 100 (another is refused), at most 5 calls per 2 s, MEXC's envelope; POST /_sim/announcements posts one.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_JSON, sendRaw, testSimulator } from "../../test/restKit.js";
import type { SimulatorParts } from "../simulator.js";

let sim: SimulatorParts | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe("GET /api/v3/announcements", () => {
  it("answers the newest first in MEXC's envelope, unsigned", async () => {
    const parts = testSimulator({ admin: true });
    sim = parts;
    const posted = await parts.app.inject({
      method: "POST",
      url: "/_sim/announcements",
      headers: ADMIN_JSON,
      payload: JSON.stringify({ title: "System maintenance on 2026-12-01 02:00 (UTC)" }),
    });
    expect(posted.statusCode).toBe(200);
    const answer = (await sendRaw(parts, "GET", "/api/v3/announcements", { query: "limit=5" })).json();
    expect(answer).toMatchObject({ code: 0, msg: "", data: [{ totalPage: "1" }] });
    const titles = answer.data[0].details.map((item: { title: string }) => item.title);
    expect(titles[0]).toBe("System maintenance on 2026-12-01 02:00 (UTC)");
    expect(answer.data[0].details[0]).toMatchObject({
      url: expect.stringMatching(/^https:/),
      postTime: expect.any(Number),
    });
  });

  it("refuses a limit that is not a multiple of 5, or above 100, naming it", async () => {
    sim = testSimulator();
    for (const limit of ["7", "105"]) {
      const answer = await sendRaw(sim, "GET", "/api/v3/announcements", { query: `limit=${limit}` });
      expect(answer.statusCode).toBe(400);
      expect(answer.json().msg).toMatch(/^limit/);
    }
    expect((await sendRaw(sim, "GET", "/api/v3/announcements", { query: "limit=100" })).statusCode).toBe(200);
  });

  it("answers the sixth call within 2 s with 429 (MEXC's 5 calls per 2 s), per IP, Retry-After 2", async () => {
    sim = testSimulator({ behaviours: { requestRate: true } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await sendRaw(sim, "GET", "/api/v3/announcements", {})).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await sendRaw(sim, "GET", "/api/v3/announcements", {});
    expect(refused.headers["retry-after"]).toBe("2");
    // Other endpoints keep their own rate.
    expect((await sim.app.inject({ method: "GET", url: "/api/v3/ping" })).statusCode).toBe(200);
  });
});
