/**
 * What a trader whose key just expired needs (docs/mexc/undocumented.md#api-keys item 11.14, docs/mexc/undocumented.md#requests-and-answers item 11.15): the user stream says at once that
 * MEXC refuses the key (or is under maintenance), with MEXC's error; asks again slowly instead of
 * hammering signed endpoints; keeps the public streams; and once MEXC answers again it is live
 * with everything that happened meanwhile, nothing lost.
 */
import type { IncomingMessage } from "node:http";
import { buildChannel, isMexcApiError } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../../test/soak/harness.js";
import type { UserStreamNotice } from "./userStream.js";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const SPEED = 30;
const SLOW_MS = 1_000;
const reconciled = (h: Harness) => h.notices.filter((notice) => notice.state === "reconciled").length;
const halted = (h: Harness, state: "refused" | "maintenance") =>
  h.notices.filter(
    (notice): notice is Extract<UserStreamNotice, { state: "refused" | "maintenance" }> => notice.state === state,
  );

async function start(seed: number): Promise<Harness> {
  harness = await startHarness({
    sim: { seed, speed: SPEED },
    stream: {
      slowRetry: {
        refused: { initialMs: SLOW_MS, maxMs: SLOW_MS },
        maintenance: { initialMs: SLOW_MS, maxMs: SLOW_MS },
      },
    },
  });
  await harness.waitFor("the first reconciliation", () => reconciled(harness!) >= 1);
  return harness;
}

describe("a key MEXC refuses", () => {
  it("is named at once with MEXC's 700002, asked about slowly, the public streams keep running, and the account is whole again once the key works", async () => {
    const h = await start(61);
    const prices = h.client.marketStream([buildChannel({ stream: "miniTickers", timezone: "UTC+8" })]);
    let priceEvents = 0;
    prices.on("event", () => priceEvents++);

    await h.admin("/_sim/keys", { account: "demo", action: "revoke" });
    await h.waitFor("the refusal", () => halted(h, "refused").length > 0, 10_000);
    const refusal = halted(h, "refused")[0]!;
    expect(isMexcApiError(refusal.error) && refusal.error.mexcCode).toBe(700002);
    expect(refusal.error.kind).toBe("bad_signature");
    expect(refusal.retryInMs).toBeGreaterThan(0);

    // Refused for a while: few signed calls (one try a second here, two calls each), prices still
    // come. Watched over the simulator's next three listen-key requests, timed as they arrive.
    const signedBefore = h.client.rest.stats().byEndpoint["POST /api/v3/userDataStream"] ?? 0;
    const pricesBefore = priceEvents;
    const asked: number[] = [];
    const onRequest = (request: IncomingMessage) => {
      if (request.method === "POST" && request.url?.startsWith("/api/v3/userDataStream")) asked.push(Date.now());
    };
    h.sim.app.server.on("request", onRequest);
    await h.waitFor("three more tries", () => asked.length >= 3, 15_000);
    h.sim.app.server.off("request", onRequest);
    const signedCalls = (h.client.rest.stats().byEndpoint["POST /api/v3/userDataStream"] ?? 0) - signedBefore;
    expect(signedCalls).toBeLessThanOrEqual(8);
    // Not hammered: three tries span at least a retry's wait.
    expect(asked.at(-1)! - asked[0]!).toBeGreaterThanOrEqual(SLOW_MS / 2);
    expect(priceEvents).toBeGreaterThan(pricesBefore);
    expect(h.notices.at(-1)?.state).toBe("refused");

    // The demo trader went on trading all along; the key comes back.
    const refusedAt = h.notices.length;
    await h.admin("/_sim/keys", { account: "demo", action: "restore" });
    await h.waitFor(
      "live and reconciled after the key came back",
      () => h.notices.slice(refusedAt).some((notice) => notice.state === "live") && reconciled(h) > 1,
      15_000,
    );
    expect(await h.settle()).toEqual([]);
    await prices.close();
  }, 60_000);
});

describe("MEXC under maintenance", () => {
  it("says maintenance with MEXC's error while REST refuses, and comes back by itself with nothing lost", async () => {
    const h = await start(62);
    await h.admin("/_sim/maintenance", { seconds: 4 });
    // A key to renew meets the maintenance.
    for (const key of h.sim.listenKeys.list("demo")) h.sim.listenKeys.expireNow(key);
    await h.waitFor("the maintenance notice", () => halted(h, "maintenance").length > 0, 10_000);
    expect(halted(h, "maintenance")[0]!.error.kind).toBe("maintenance");
    const at = h.notices.length;
    await h.waitFor("live again", () => h.notices.slice(at).some((notice) => notice.state === "live"), 20_000);
    expect(await h.settle()).toEqual([]);
  }, 60_000);
});
