import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { startWsHarness, TestClient, type WsHarness } from "../../test/wsTestKit.js";

const DEALS = "spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT";

describe("WebSocket session timers on a fast clock", () => {
  let sim: WsHarness | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it("closes a socket with no valid subscription after 30 s (30 ms at speed 1000)", async () => {
    sim = await startWsHarness({ speed: 1000 });
    const started = Date.now();
    const client = await TestClient.connect(sim.url);
    client.subscribe(["spot@public.deals.v3.api.pb@BTCUSDT"]); // blocked: not a valid subscription
    const closed = await client.waitClosed();
    expect(closed).toEqual({ code: 1000, reason: "no valid subscription for 30s" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it("closes a subscribed socket after 60 s without traffic", async () => {
    sim = await startWsHarness({ speed: 1000 });
    const client = await TestClient.connect(sim.url);
    // Before the subscription: the server's 60 s count cannot start earlier. Taken after its
    // answer was read, a late read under load made the count look short (31 ms for 45).
    const started = Date.now();
    client.subscribe([DEALS]);
    await client.text(0);
    const closed = await client.waitClosed();
    expect(closed).toEqual({ code: 1000, reason: "no traffic for 60s" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it("keeps a subscribed socket that PINGs open well past 60 s", async () => {
    sim = await startWsHarness({ speed: 100 });
    const client = await TestClient.connect(sim.url);
    client.subscribe([DEALS]);
    for (let i = 0; i < 30; i++) {
      await sleep(50);
      client.send({ method: "PING" });
    }
    // 1.5 s at speed 100 = 150 simulated seconds.
    expect(client.isOpen).toBe(true);
    expect(client.texts.filter((text) => text.includes("PONG")).length).toBeGreaterThan(20);
    client.close();
  });

  it("restarts the 30 s rule when the last subscription is removed", async () => {
    sim = await startWsHarness({ speed: 1000, options: { idleTimeoutMs: 1e9 } });
    const client = await TestClient.connect(sim.url);
    client.subscribe([DEALS]);
    await sleep(60);
    expect(client.isOpen).toBe(true);
    client.send({ method: "UNSUBSCRIPTION", params: [DEALS] });
    const closed = await client.waitClosed();
    expect(closed.reason).toBe("no valid subscription for 30s");
  });

  it("closes every connection at 24 h (864 ms at speed 100000)", async () => {
    sim = await startWsHarness({ speed: 100_000, options: { idleTimeoutMs: 1e12, noSubscriptionTimeoutMs: 1e12 } });
    const client = await TestClient.connect(sim.url);
    const started = Date.now();
    client.subscribe([DEALS]);
    await sleep(600);
    expect(client.isOpen).toBe(true);
    const closed = await client.waitClosed();
    expect(closed).toEqual({ code: 1000, reason: "connection reached 24h" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
  });
});
