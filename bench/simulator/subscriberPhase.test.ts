import { buildChannel } from "@mexc-live/protocol";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSubscriberPhase } from "./subscriberPhase.js";

const SPEED = 50;
let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, seed: 7, speed: SPEED, symbols: ["BTCUSDT", "ETHUSDT"] });
});
afterAll(() => simulator.close());

describe("runSubscriberPhase against the real simulator", () => {
  it("counts the same decodable, gap-free pushes on every socket and closes them all", async () => {
    const channels = ["BTCUSDT", "ETHUSDT"].flatMap((symbol) =>
      (["aggreDepth", "aggreDeals", "aggreBookTicker"] as const).map((stream) =>
        buildChannel({ stream, symbol, interval: "10ms" }),
      ),
    );
    const events: string[] = [];

    const result = await runSubscriberPhase({
      url: simulator.ws,
      channels,
      sockets: 3,
      warmupMs: 200,
      windowMs: 600,
      onWindowStart: () => events.push("start"),
      onWindowEnd: () => events.push("end"),
    });

    expect(events).toEqual(["start", "end"]);
    expect(result.closedByServer).toEqual([]);
    expect(result.minSocketFrames).toBeGreaterThan(10);
    // The window starts and ends on each socket between two pushes, at most a few apart.
    expect(result.maxSocketFrames - result.minSocketFrames).toBeLessThanOrEqual(result.maxSocketFrames * 0.1);
    expect(result.bytes).toBeGreaterThan(result.frames * 20);
    const { check } = result;
    expect(check).toMatchObject({ undecodable: 0, foreignChannel: 0, depthGaps: 0 });
    expect(check.frames).toBeGreaterThanOrEqual(result.minSocketFrames);
    expect(check.frames).toBeLessThanOrEqual(result.maxSocketFrames);
    expect(Object.keys(check.byStream).sort()).toEqual(["aggreBookTicker", "aggreDeals", "aggreDepth"]);
    expect(check.depthVersions).toBeGreaterThan(check.byStream.aggreDepth ?? 0);
    await expect.poll(() => simulator.webSocket.stats().connections).toBe(0);
  });

  it("fails with the simulator's reply when a subscription is refused", async () => {
    await expect(
      runSubscriberPhase({
        url: simulator.ws,
        channels: ["spot@public.nonsense"],
        sockets: 2,
        warmupMs: 0,
        windowMs: 0,
      }),
    ).rejects.toThrow(/subscription refused: Not Subscribed successfully!/);
    await expect.poll(() => simulator.webSocket.stats().connections).toBe(0);
  });
});
