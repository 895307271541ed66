/**
 * The user stream against the real simulator on 127.0.0.1 (soak/harness.ts): whatever goes
 * wrong on the way, what downstream was told equals the simulator's ledger exactly.
 */
import { decodePush } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { cancelEverything, type Harness, startHarness } from "../../test/soak/harness.js";
import { ClientView, diffAgainstLedger } from "../../test/soak/ledgerDiff.js";
import type { RawFrame } from "../rawFrame.js";
import type { Logger } from "../redact.js";
import type { LastFill, UserEvent } from "./executionRecord.js";
import { PRIVATE_CHANNELS, type UserStream } from "./userStream.js";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const SPEED = 30;
const reconciledCount = (h: Harness) => h.notices.filter((notice) => notice.state === "reconciled").length;
const currentKey = (h: Harness) => h.sim.listenKeys.list("demo")[0];
/** Resolves once `stream` has delivered `count` more fills from the socket (not from REST). */
const streamFills = (stream: UserStream, count: number, timeoutMs = 20_000) =>
  new Promise<void>((resolve, reject) => {
    let seen = 0;
    const listener = (event: UserEvent) => {
      if (event.type !== "fill" || event.source !== "stream" || ++seen < count) return;
      clearTimeout(timer);
      stream.off("event", listener);
      resolve();
    };
    stream.on("event", listener);
    const timer = setTimeout(() => {
      stream.off("event", listener);
      reject(new Error(`timed out waiting for ${count} fills from the stream (${seen} came)`));
    }, timeoutMs);
  });
const decodes = (bytes: Uint8Array) => {
  try {
    decodePush(bytes);
    return true;
  } catch {
    return false;
  }
};

describe("UserStream against the simulator", () => {
  it("delivers every fill, order state and balance once: what it missed before starting from REST, the rest from the stream", async () => {
    harness = await startHarness({ sim: { seed: 41, speed: SPEED }, startStream: false });
    await harness.ledgerFills(2); // the demo trader trades before the stream exists
    const stream = harness.stream;
    const fromStream = streamFills(stream, 2);
    await harness.waitFor("the first reconciliation", () => reconciledCount(harness!) >= 1);
    await fromStream;
    expect(await harness.settle()).toEqual([]);
    const { delivered } = stream.stats();
    expect(delivered.rest).toBeGreaterThan(0);
    expect(delivered.stream).toBeGreaterThan(0);
    const states = harness.notices.map((notice) => notice.state);
    expect(states.slice(0, 3)).toEqual(["connecting", "live", "reconciled"]);
  });

  it("listen key expiry mid-stream: a fresh key, resubscribed, reconciled, no fill lost", async () => {
    harness = await startHarness({ sim: { seed: 42, speed: SPEED } });
    const h = harness;
    await h.waitFor("the first reconciliation", () => reconciledCount(h) >= 1);
    await streamFills(h.stream, 1); // a fill on the first key's socket
    const first = currentKey(h)!;
    const before = reconciledCount(h);
    h.sim.listenKeys.expireNow(first);
    await h.waitFor("a fresh key and a reconciliation after it", () => {
      const key = currentKey(h);
      return key !== undefined && key !== first && reconciledCount(h) > before;
    });
    await streamFills(h.stream, 1); // and one on the fresh key's
    expect(await h.settle()).toEqual([]);
    expect(h.stream.stats().listenKeys.replaced).toBeGreaterThanOrEqual(1);
    expect(h.notices.some((notice) => notice.state === "gap")).toBe(true);
  });

  it("values MEXC never documented on every push: delivered as UNKNOWN, counted, no REST storm, nothing lost", async () => {
    harness = await startHarness({ sim: { seed: 44, speed: SPEED, faults: "unknown-enum=1" } });
    const h = harness;
    const unknownOrders: unknown[] = [];
    h.stream.on("event", (event) => {
      if (event.type === "order" && event.status === "UNKNOWN") unknownOrders.push(event.rawValues);
    });
    await h.waitFor("the first reconciliation", () => reconciledCount(h) >= 1);
    await h.waitFor("many undocumented pushes", () => h.sim.faults.injected()["unknown-enum"] >= 40, 30_000);
    await h.waitFor("undocumented orders delivered", () => unknownOrders.length > 0);
    const stats = h.stream.stats();
    expect(unknownOrders[0]).toEqual({ status: 99, orderType: 99 });
    expect(stats.unknownValues["privateOrders.status=99"]).toBeGreaterThan(10);
    expect(stats.unknownValues["privateAccount.type=UNDOCUMENTED_CHANGE"]).toBeGreaterThan(10);
    // One reconciliation at start and at most one per minute per cause (two causes): not one per push.
    expect(stats.reconciliations).toBeLessThanOrEqual(3);
    expect(await h.settle()).toEqual([]);
  });

  it("dropped sockets: every drop is a gap that a reconciliation closes, nothing lost or repeated", async () => {
    harness = await startHarness({ sim: { seed: 43, speed: SPEED, faults: "drop=0.02" } });
    const h = harness;
    await h.waitFor("three drops", () => h.sim.faults.injected().drop >= 3, 30_000);
    expect(await h.settle()).toEqual([]);
    const stats = h.stream.stats();
    expect(stats.gaps).toBeGreaterThanOrEqual(3);
    expect(stats.reconciliations).toBeGreaterThan(stats.gaps - 1);
  }, 45_000);

  it("a stalled socket is declared dead, replaced and reconciled", async () => {
    harness = await startHarness({ sim: { seed: 44, speed: SPEED } });
    const h = harness;
    await h.waitFor("the first reconciliation", () => reconciledCount(h) >= 1);
    h.sim.faults.set("stall=1");
    await h.waitFor("a stall", () => h.sim.faults.injected().stall >= 1);
    h.sim.faults.set("");
    await h.waitFor("a gap", () => h.notices.some((notice) => notice.state === "gap"));
    const gapAt = h.notices.findIndex((notice) => notice.state === "gap");
    await h.waitFor("the reconciliation that closes it", () =>
      h.notices.slice(gapAt).some((notice) => notice.state === "reconciled"),
    );
    expect(await h.settle()).toEqual([]);
    const gap = h.notices.find((notice) => notice.state === "gap");
    expect(gap && "reason" in gap && gap.reason).toBe("stall");
  });

  it("24 h rotation on the scaled clock: a fresh socket before MEXC's cut, no gap, nothing lost or repeated", async () => {
    const speed = 3_600; // 24 h = 24 real seconds; a listen key lives 1 real second unless kept alive
    harness = await startHarness({
      sim: {
        seed: 45,
        speed,
        market: { makerRequoteMs: 60_000, takerIntervalMs: 120_000, demoTraderIntervalMs: [300_000, 900_000] },
        ws: { idleTimeoutMs: 2 * 3_600_000, noSubscriptionTimeoutMs: 2 * 3_600_000 },
        // A key living one real second is kept alive every 100 ms. Paced at MEXC's 20 requests a
        // second, the start's reconciliation (about 20 calls) held a keepalive back until the key
        // had died and the socket was refused: an artefact of the compressed clock (real keys live
        // 60 min, kept every 30). The pace has its own tests (rest/weightBudget.test.ts).
        behaviours: { requestRate: false },
      },
      client: {
        connection: { pingIntervalMs: 200, deadAfterMs: 1_500, rotateAfterMs: 20_000, ackTimeoutMs: 2_000 },
        rateLimit: { maxRequestsPerSecond: 1_000 },
      },
      stream: { keepaliveMs: 100 },
    });
    const h = harness;
    await h.waitFor("a rotation", () => (h.stream.stats().connection?.rotations ?? 0) >= 1, 30_000);
    // The first socket gone (the simulator would have cut it at 24 h), the fresh one alone.
    await h.waitFor("the first socket closed", () => h.sim.webSocket.stats().connections === 1);
    expect(await h.settle()).toEqual([]);
    expect(h.notices.filter((notice) => notice.state === "gap")).toEqual([]);
    expect(h.view.fills.size).toBeGreaterThan(0);
  }, 60_000);

  it("never writes the API key, the secret or a listen key to the log", async () => {
    const lines: string[] = [];
    const capture = (level: string) => (fields: object, message?: string) =>
      lines.push(`${level} ${message ?? ""} ${JSON.stringify(fields)}`);
    const logger: Logger = {
      debug: capture("debug"),
      info: capture("info"),
      warn: capture("warn"),
      error: capture("error"),
    };
    harness = await startHarness({
      sim: { seed: 46, speed: SPEED, faults: "drop=0.01,http429=0.2,malformed=0.01,refuse=0.05" },
      client: { logger },
    });
    const h = harness;
    const keys = new Set<string>();
    h.sim.listenKeys.onInvalidated((key) => keys.add(key));
    await h.waitFor("the first reconciliation", () => reconciledCount(h) >= 1);
    h.sim.listenKeys.expireNow(currentKey(h)!);
    await h.waitFor("a fresh key", () => currentKey(h) !== undefined);
    // Faults and fills logged over a while (drops, 429s, refusals, malformed frames).
    await h.waitFor("more than 10 lines logged", () => lines.length > 10);
    await h.ledgerFills(2);
    for (const key of h.sim.listenKeys.list("demo")) keys.add(key);
    await h.stream.close();
    const text = [...lines, ...h.notices.map((notice) => JSON.stringify(notice))].join("\n");
    expect(lines.length).toBeGreaterThan(10);
    expect(keys.size).toBeGreaterThanOrEqual(2);
    for (const secret of [h.sim.apiKey, h.sim.secretKey, ...keys]) expect(text.includes(secret)).toBe(false);
  });

  it("a restart resumed from stored last fills reconciles only what it missed", async () => {
    harness = await startHarness({ sim: { seed: 47, speed: SPEED } });
    const h = harness;
    await h.waitFor("the first reconciliation", () => reconciledCount(h) >= 1);
    await streamFills(h.stream, 2);
    await h.stream.close();
    const stoppedAt = h.client.rest.serverNow();
    const lastFills: Record<string, LastFill> = {};
    for (const fill of h.view.fills.values()) {
      const last = lastFills[fill.symbol];
      if (!last || fill.timestamp >= last.time)
        lastFills[fill.symbol] = { tradeId: fill.tradeId, time: fill.timestamp };
    }
    const knownTradeIds = [...h.view.fills.values()]
      .filter((fill) => fill.timestamp >= (lastFills[fill.symbol]?.time ?? 0) - 1_000)
      .map((fill) => fill.tradeId);
    const openOrders = [...h.view.orders.values()]
      .filter((order) => order.status === "NEW" || order.status === "PARTIALLY_FILLED")
      .map(({ symbol, orderId }) => ({ symbol, orderId }));
    await h.ledgerFills(2); // trading goes on while "the process" is down

    const restarted = h.client.userStream({
      resume: { lastFills, knownTradeIds, openOrders, since: stoppedAt },
      keepaliveMs: 60_000,
    });
    const second = new ClientView();
    restarted.on("event", (event) => {
      second.add(event);
      h.view.add(event);
    });
    await h.waitFor("the restarted stream's reconciliation", () => restarted.stats().reconciliations >= 1);
    await h.admin("/_sim/trader", { running: false });
    // Nothing left to trade (no open order, the trader stopped): the ledger stops moving, and one
    // more reconciliation reads it as it stays.
    await cancelEverything(h.client);
    await restarted.reconcileNow();
    // Nothing the first run delivered came again (ClientView would list it as repeated)...
    expect(h.view.repeatedFills).toEqual([]);
    // ...and the two runs together are the ledger, fills included.
    const ledger = await h.ledger();
    const differences = diffAgainstLedger(h.view, ledger).filter((line) => !line.startsWith("balance"));
    expect(differences).toEqual([]);
    expect(second.fills.size).toBeLessThan(ledger.trades.length);
    await restarted.close();
  });

  it("hands every private frame to onRawFrame before decoding it, malformed ones included", {
    timeout: 60_000,
  }, async () => {
    const frames: RawFrame[] = [];
    harness = await startHarness({
      sim: { seed: 49, speed: SPEED, faults: "malformed=0.2" },
      stream: { onRawFrame: (frame) => frames.push({ ...frame, bytes: Buffer.from(frame.bytes) }) },
    });
    const h = harness;
    const streamTradeIds: string[] = [];
    h.stream.on("event", (event) => {
      if (event.type === "fill" && event.source === "stream") streamTradeIds.push(event.tradeId);
    });
    await h.waitFor(
      "malformed frames and stream fills",
      () => h.stream.stats().malformedFrames >= 2 && streamTradeIds.length >= 3,
      50_000, // usually 2-5 s; a loaded CI machine trades slower
    );
    await h.stream.close();

    const intact = frames.filter((frame) => decodes(frame.bytes));
    expect(frames.length - intact.length).toBe(h.stream.stats().malformedFrames);
    for (const frame of intact) {
      expect(PRIVATE_CHANNELS).toContain(frame.channel);
      expect(frame.channel).toBe(decodePush(frame.bytes).channel);
    }
    const recordedTradeIds = new Set(intact.map((frame) => decodePush(frame.bytes).privateDeals?.tradeId));
    for (const tradeId of streamTradeIds) expect(recordedTradeIds).toContain(tradeId);
    const times = frames.map((frame) => frame.receivedAt);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("iterates events and notices in order, and leaving the loop closes the stream", async () => {
    harness = await startHarness({ sim: { seed: 48, speed: SPEED }, startStream: false });
    const seen: string[] = [];
    for await (const item of harness.stream) {
      seen.push(item.type === "state" ? item.state : item.source);
      if (seen.includes("reconciled") && seen.filter((kind) => kind === "stream").length >= 5) break;
    }
    expect(seen[0]).toBe("connecting");
    expect(seen.indexOf("live")).toBeLessThan(seen.indexOf("reconciled"));
    expect(harness.notices.at(-1)?.state).toBe("closed");
  });
});
