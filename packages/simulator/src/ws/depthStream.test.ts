import { Decimal as Big } from "@mexc-live/protocol";
import type { PublicAggreDepths } from "@mexc-live/protocol/wire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUSY_MARKET, startWsHarness, TestClient, type WsHarness } from "../../test/wsTestKit.js";

const SYMBOL = "BTCUSDT";
const DEPTH_10 = `spot@public.aggre.depth.v3.api.pb@10ms@${SYMBOL}`;
const DEPTH_100 = `spot@public.aggre.depth.v3.api.pb@100ms@${SYMBOL}`;

type Book = Map<string, string>;

/** MEXC's local order book procedure (docs/mexc/protocol.md#keeping-a-local-order-book, newer version), as a client would run it. */
function applyPushes(
  snapshot: { lastUpdateId: number; bids: [string, string][]; asks: [string, string][] },
  pushes: PublicAggreDepths[],
) {
  const bids: Book = new Map(snapshot.bids.map(([price, qty]) => [new Big(price).toFixed(), new Big(qty).toFixed()]));
  const asks: Book = new Map(snapshot.asks.map(([price, qty]) => [new Big(price).toFixed(), new Big(qty).toFixed()]));
  let version = snapshot.lastUpdateId;
  const live = pushes.filter((push) => Number(push.toVersion) > snapshot.lastUpdateId);
  expect(Number(live[0]!.fromVersion)).toBeLessThanOrEqual(version + 1);
  for (const push of live) {
    if (version !== snapshot.lastUpdateId) expect(Number(push.fromVersion)).toBe(version + 1);
    for (const [side, levels] of [
      [bids, push.bids ?? []],
      [asks, push.asks ?? []],
    ] as const) {
      for (const level of levels) {
        if (new Big(level.quantity!).eq(0)) side.delete(level.price!);
        else side.set(level.price!, level.quantity!);
      }
    }
    version = Number(push.toVersion);
  }
  return { bids, asks, version };
}

function sorted(book: Book, descending: boolean): [string, string][] {
  return [...book].sort(([a], [b]) => (descending ? new Big(b).cmp(a) : new Big(a).cmp(b)));
}

describe("aggregated depth pushes", () => {
  let sim: WsHarness;
  let client: TestClient;

  beforeAll(async () => {
    sim = await startWsHarness({ market: BUSY_MARKET });
    client = await TestClient.connect(sim.url);
    client.subscribe([DEPTH_10, DEPTH_100]);
    await client.text(0);
  });
  afterAll(async () => {
    client.close();
    await sim.close();
  });

  it("are contiguous, reproduce the engine's book from a REST snapshot, and carry MEXC's fields", async () => {
    await client.pushCount(DEPTH_10, 3);
    const snapshot = sim.exchange.depthSnapshot(SYMBOL, 5000);
    await client.pushCount(DEPTH_10, 30, 10_000);
    sim.market.stop();
    const finalVersion = sim.exchange.depthVersion(SYMBOL);
    // The last windows flush: each channel's last push reaches the book's last version.
    for (const channel of [DEPTH_10, DEPTH_100]) {
      const lastVersion = () => Number(client.pushes(channel).at(-1)?.publicAggreDepths?.toVersion);
      await expect.poll(lastVersion, { timeout: 5_000 }).toBe(finalVersion);
    }

    for (const channel of [DEPTH_10, DEPTH_100]) {
      const pushes = client.pushes(channel);
      const bodies = pushes.map((push) => push.publicAggreDepths!);
      for (let i = 1; i < bodies.length; i++) {
        expect(Number(bodies[i]!.fromVersion)).toBe(Number(bodies[i - 1]!.toVersion) + 1);
      }
      expect(Number(bodies.at(-1)!.toVersion)).toBe(finalVersion);
      const interval = channel === DEPTH_10 ? "10ms" : "100ms";
      expect(bodies[0]!.eventType).toBe(`spot@public.aggre.depth.v3.api.pb@${interval}`);
      expect(pushes[0]).toMatchObject({ channel, symbol: SYMBOL });
      expect(pushes[0]!.sendTime).toBeGreaterThan(0);
      expect(pushes[0]!.symbolId ?? undefined).toBeUndefined();
      expect(pushes[0]!.createTime ?? undefined).toBeUndefined();

      const local = applyPushes(snapshot, bodies);
      const truth = sim.exchange.depthSnapshot(SYMBOL, 5000);
      expect(local.version).toBe(truth.lastUpdateId);
      const trim = (levels: [string, string][]) => levels.map(([p, q]) => [new Big(p).toFixed(), new Big(q).toFixed()]);
      expect(sorted(local.bids, true)).toEqual(trim(truth.bids));
      expect(sorted(local.asks, false)).toEqual(trim(truth.asks));
    }
    // 100 ms windows batch several versions into one push.
    expect(client.pushes(DEPTH_100).length).toBeLessThan(client.pushes(DEPTH_10).length);
  });

  it("carry trimmed decimals", () => {
    for (const push of client.pushes(DEPTH_10)) {
      for (const level of [...(push.publicAggreDepths!.bids ?? []), ...(push.publicAggreDepths!.asks ?? [])]) {
        expect(level.price).toBe(new Big(level.price!).toFixed());
        expect(level.quantity).toBe(new Big(level.quantity!).toFixed());
      }
    }
  });
});

describe("the hidden increase.depth.batch channel (docs/mexc/undocumented.md#websocket item 11.9)", () => {
  const BATCH = `spot@public.increase.depth.batch.v3.api.pb@${SYMBOL}`;

  it("is served: contiguous one-version items, at most 5 a push, that reproduce the engine's book", async () => {
    const sim = await startWsHarness({ market: BUSY_MARKET });
    const client = await TestClient.connect(sim.url);
    try {
      client.subscribe([BATCH]);
      expect(JSON.parse(await client.text(0))).toEqual({ id: 0, code: 0, msg: BATCH });
      await client.pushCount(BATCH, 3);
      const snapshot = sim.exchange.depthSnapshot(SYMBOL, 5000);
      await client.pushCount(BATCH, 40, 10_000);
      sim.market.stop();
      // The last window flushes: its last item is the book's last version.
      const lastVersion = () => Number(client.pushes(BATCH).at(-1)?.publicIncreaseDepthsBatch?.items?.at(-1)?.version);
      await expect.poll(lastVersion, { timeout: 5_000 }).toBe(sim.exchange.depthVersion(SYMBOL));
      const pushes = client.pushes(BATCH);
      expect(pushes[0]).toMatchObject({ channel: BATCH, symbol: SYMBOL });
      const bodies = pushes.map((push) => push.publicIncreaseDepthsBatch!);
      expect(bodies[0]!.eventType).toBe("spot@public.increase.depth.batch.v3.api.pb");
      const items = bodies.flatMap((body) => body.items ?? []);
      for (const body of bodies) expect((body.items ?? []).length).toBeLessThanOrEqual(5);
      for (let i = 1; i < items.length; i++) expect(Number(items[i]!.version)).toBe(Number(items[i - 1]!.version) + 1);
      // As diffs: each batch spans its first to its last version (the protocol's toEvent rule).
      const asDiffs = bodies.map((body) => ({
        fromVersion: body.items![0]!.version!,
        toVersion: body.items!.at(-1)!.version!,
        asks: body.items!.flatMap((item) => item.asks ?? []),
        bids: body.items!.flatMap((item) => item.bids ?? []),
      }));
      const local = applyPushes(snapshot, asDiffs);
      const truth = sim.exchange.depthSnapshot(SYMBOL, 5000);
      expect(local.version).toBe(truth.lastUpdateId);
      expect(sorted(local.bids, true)).toEqual(
        truth.bids.map(([p, q]) => [new Big(p).toFixed(), new Big(q).toFixed()]),
      );
    } finally {
      client.close();
      await sim.close();
    }
  });

  it("is refused 'Blocked!' with the behaviour off", async () => {
    const sim = await startWsHarness({ behaviours: { increaseDepthBatch: false } });
    const client = await TestClient.connect(sim.url);
    try {
      client.subscribe([BATCH]);
      expect(await client.text(0)).toContain("Not Subscribed successfully!");
    } finally {
      client.close();
      await sim.close();
    }
  });
});
