import { decodePush } from "@mexc-live/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BUSY_MARKET, startWsHarness, TestClient, type WsHarness } from "../../test/wsTestKit.js";

const DEPTH = "spot@public.aggre.depth.v3.api.pb@10ms@BTCUSDT";

function decodes(frame: Buffer): boolean {
  try {
    decodePush(frame);
    return true;
  } catch {
    return false;
  }
}

describe("WebSocket faults", () => {
  let sim: WsHarness | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it("drop: kills open sockets without a close frame", async () => {
    sim = await startWsHarness({ speed: 10, faults: "drop=1" });
    const client = await TestClient.connect(sim.url);
    client.subscribe([DEPTH]);
    expect((await client.waitClosed(3_000)).code).toBe(1006);
    expect(sim.faults.injected().drop).toBeGreaterThanOrEqual(1);
  });

  it("stall: a socket goes silent (no data, no PONG) but stays open", async () => {
    sim = await startWsHarness({ speed: 10, market: BUSY_MARKET });
    const client = await TestClient.connect(sim.url);
    client.subscribe([DEPTH]);
    await client.text(0);
    await client.pushCount(DEPTH, 1);
    sim.faults.set("stall=1");
    await client.until(() => sim!.faults.injected().stall >= 1, 3_000, "a stall");
    // No more stalls: a socket opened now is served, the stalled one stays silent.
    sim.faults.set("");
    const healthy = await TestClient.connect(sim.url);
    healthy.subscribe([DEPTH]);
    await healthy.text(0);
    const frames = client.frames.length;
    const texts = client.texts.length;
    client.send({ method: "PING" });
    healthy.send({ method: "PING" });
    // While the healthy socket gets its PONG and ten more pushes, the stalled one gets nothing.
    await healthy.until(() => healthy.texts.some((text) => text.includes("PONG")), 3_000, "the healthy socket's PONG");
    await healthy.pushCount(DEPTH, healthy.pushes(DEPTH).length + 10);
    healthy.close();
    expect(client.texts.length).toBe(texts);
    expect(client.frames.length).toBe(frames);
    expect(client.isOpen).toBe(true);
  });

  it("refuse: upgrades are refused with 503 for a while, then accepted again", async () => {
    sim = await startWsHarness({ speed: 10, faults: "refuse=1" });
    await expect(TestClient.connect(sim.url)).rejects.toThrow("HTTP 503");
    sim.faults.set("");
    await expect(TestClient.connect(sim.url)).rejects.toThrow("HTTP 503"); // still in the 5 s window
    expect(sim.faults.injected().refuse).toBe(2);
    // Accepted again once the window (5 simulated seconds, 0.5 real at speed 10) is over.
    const accepted = () =>
      TestClient.connect(sim!.url).then(
        (client) => client,
        () => undefined,
      );
    const client = (await vi.waitFor(async () => (await accepted()) ?? Promise.reject(new Error("still refused")), {
      timeout: 5_000,
      interval: 100,
    })) as TestClient;
    expect(client.isOpen).toBe(true);
    client.close();
  });

  it("expire-listen-keys: a connected key dies early and its sockets close", async () => {
    // No close for want of a subscription or of traffic: at speed 1000 MEXC's 30 s are 30 real ms,
    // less than a loaded machine takes to send the subscription (CI, load 12: closed for that instead).
    sim = await startWsHarness({
      speed: 1000,
      faults: "expire-listen-keys=1",
      options: { idleTimeoutMs: 1e9, noSubscriptionTimeoutMs: 1e9 },
    });
    const { listenKey } = sim.account("alice");
    const client = await TestClient.connect(`${sim.url}?listenKey=${listenKey}`);
    client.subscribe(["spot@private.account.v3.api.pb"]);
    expect(await client.waitClosed(3_000)).toEqual({ code: 1000, reason: "listen key expired" });
    expect(sim.listenKeys.resolve(listenKey)).toBeUndefined();
    expect(sim.faults.injected()["expire-listen-keys"]).toBeGreaterThanOrEqual(1);
  });

  it("malformed: public frames are replaced by ones that do not decode", async () => {
    sim = await startWsHarness({ faults: "malformed=1", market: BUSY_MARKET });
    const client = await TestClient.connect(sim.url);
    client.subscribe([DEPTH]);
    await client.until(() => client.frames.length >= 5, 5_000, "5 frames");
    expect(client.frames.some(decodes)).toBe(false);
    expect(sim.faults.injected().malformed).toBeGreaterThanOrEqual(5);
  });

  it("malformed: a private push is never lost, the broken frame comes in addition", async () => {
    sim = await startWsHarness({ faults: "malformed=1" });
    const { listenKey } = sim.account("bob");
    const client = await TestClient.connect(`${sim.url}?listenKey=${listenKey}`);
    client.subscribe(["spot@private.account.v3.api.pb"]);
    await client.text(0);
    for (let i = 1; i <= 3; i++) sim.exchange.credit("bob", "USDT", String(i));
    const pushes = await client.pushCount("spot@private.account.v3.api.pb", 3);
    expect(pushes.map((push) => push.privateAccount!.balanceAmountChange)).toEqual(["1", "2", "3"]);
    expect(client.frames.filter((frame) => !decodes(frame))).toHaveLength(3);
    expect(client.frames.map(decodes)).toEqual([false, true, false, true, false, true]);
  });

  it("depth-gap: an aggre.depth push is withheld, so versions jump", async () => {
    sim = await startWsHarness({ faults: "depth-gap=0.3", market: BUSY_MARKET });
    const client = await TestClient.connect(sim.url);
    client.subscribe([DEPTH]);
    const bodies = (await client.pushCount(DEPTH, 30, 10_000)).map((push) => push.publicAggreDepths!);
    const jumps = bodies.slice(1).filter((body, i) => Number(body.fromVersion) !== Number(bodies[i]!.toVersion) + 1);
    expect(jumps.length).toBeGreaterThan(0);
    for (let i = 1; i < bodies.length; i++) {
      expect(Number(bodies[i]!.fromVersion)).toBeGreaterThan(Number(bodies[i - 1]!.toVersion));
    }
    expect(sim.faults.injected()["depth-gap"]).toBeGreaterThanOrEqual(jumps.length);
  });
});
