import { Decimal as Big, type ChannelStream, decodePush, parseChannel, WRAPPER_FIELDS } from "@mexc-live/protocol";
import type { PushWrapper } from "@mexc-live/protocol/wire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUSY_MARKET, startWsHarness, TestClient, type WsHarness } from "../../test/wsTestKit.js";

const CHANNELS = {
  deals: "spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT",
  bookTicker: "spot@public.aggre.bookTicker.v3.api.pb@10ms@BTCUSDT",
  limitDepth: "spot@public.limit.depth.v3.api.pb@BTCUSDT@20",
  batch: "spot@public.bookTicker.batch.v3.api.pb@BTCUSDT",
  kline: "spot@public.kline.v3.api.pb@BTCUSDT@Min1",
  miniTicker: "spot@public.miniTicker.v3.api.pb@BTCUSDT@UTC+8",
  miniTickers: "spot@public.miniTickers.v3.api.pb@UTC+5:30",
} as const;

/** The optional wrapper fields a decoded push actually carries. */
function presentFields(push: PushWrapper): string[] {
  const fields = push as unknown as Record<string, unknown>;
  return ["symbol", "symbolId", "createTime", "sendTime"].filter((field) => fields[field] != null);
}

describe("public market streams", () => {
  let sim: WsHarness;
  let client: TestClient;

  beforeAll(async () => {
    // Speed 5: the 3 s mini-ticker cadence comes every 600 ms.
    sim = await startWsHarness({ speed: 5, market: BUSY_MARKET });
    client = await TestClient.connect(sim.url);
    client.subscribe(Object.values(CHANNELS));
    await client.text(0);
    for (const channel of Object.values(CHANNELS)) await client.pushCount(channel, 2, 8_000);
  });
  afterAll(async () => {
    client.close();
    await sim.close();
  });

  it("carry exactly the wrapper fields MEXC sends on each stream", () => {
    for (const channel of Object.values(CHANNELS)) {
      const stream: ChannelStream = parseChannel(channel).stream;
      for (const push of client.pushes(channel)) {
        expect(presentFields(push), channel).toEqual([...WRAPPER_FIELDS[stream]]);
      }
    }
    const [kline] = client.pushes(CHANNELS.kline);
    expect(kline!.symbolId).toBe(sim.exchange.symbols.get("BTCUSDT")!.symbolId);
  });

  it("push aggregated trades with ids, sides and the window's eventType", () => {
    const deals = client.pushes(CHANNELS.deals).flatMap((push) => push.publicAggreDeals!.deals ?? []);
    expect(deals.length).toBeGreaterThan(0);
    for (const deal of deals) {
      expect([1, 2]).toContain(deal.tradeType);
      expect(deal.tradeId).toMatch(/^\d+X1$/);
      expect(new Big(deal.quantity!).gt(0)).toBe(true);
    }
    expect(client.pushes(CHANNELS.deals)[0]!.publicAggreDeals!.eventType).toBe(
      "spot@public.aggre.deals.v3.api.pb@100ms",
    );
  });

  it("push the best bid below the best ask, with the depth version", () => {
    for (const push of client.pushes(CHANNELS.bookTicker)) {
      const body = push.publicAggreBookTicker!;
      expect(new Big(body.bidPrice!).lt(body.askPrice!)).toBe(true);
      expect(body.version).toMatch(/^\d+$/);
    }
    const batch = client.pushes(CHANNELS.batch)[0]!.publicBookTickerBatch!;
    expect(batch.items!.length).toBeGreaterThan(0);
    expect(batch.version).toMatch(/^\d+$/);
  });

  it("push top-20 depth snapshots, best first, with a version", () => {
    const body = client.pushes(CHANNELS.limitDepth).at(-1)!.publicLimitDepths!;
    expect(body.bids).toHaveLength(20);
    expect(body.asks).toHaveLength(20);
    expect(body.eventType).toBe("spot@public.limit.depth.v3.api.pb");
    expect(new Big(body.bids![0]!.price!).gt(body.bids![1]!.price!)).toBe(true);
    expect(new Big(body.asks![0]!.price!).lt(body.asks![1]!.price!)).toBe(true);
    expect(Number(body.version)).toBeGreaterThan(0);
  });

  it("push the open kline bar with its window in seconds", () => {
    const body = client.pushes(CHANNELS.kline).at(-1)!.publicSpotKline!;
    expect(body.interval).toBe("Min1");
    expect(body.windowEnd! - body.windowStart!).toBe(60);
    expect(body.windowStart! % 60).toBe(0);
    expect(new Big(body.highestPrice!).gte(body.lowestPrice!)).toBe(true);
  });

  it("push mini tickers for one symbol and for every symbol of a time zone", () => {
    const one = client.pushes(CHANNELS.miniTicker).at(-1)!.publicMiniTicker!;
    expect(one.symbol).toBe("BTCUSDT");
    expect(new Big(one.price!).gt(0)).toBe(true);
    const first = client.pushes(CHANNELS.miniTickers)[0]!.publicMiniTickers!.items!;
    // Every pair but the Assessment Zone ones (docs/mexc/undocumented.md#fills-and-keys item 11.29).
    const listed = [...sim.exchange.symbols.values()].filter((config) => !config.assessmentZone);
    expect(first.map((item) => item.symbol).sort()).toEqual(listed.map((config) => config.symbol).sort());
  });
});

describe("fan-out", () => {
  it("sends the same bytes of each push to 100 subscribers", async () => {
    const sim = await startWsHarness({ market: BUSY_MARKET });
    const channel = "spot@public.aggre.depth.v3.api.pb@100ms@ETHUSDT";
    const clients = await Promise.all(Array.from({ length: 100 }, () => TestClient.connect(sim.url)));
    try {
      for (const client of clients) client.subscribe([channel]);
      await Promise.all(clients.map((client) => client.text(0)));
      // Compare pushes from the same versions on every socket.
      const reference = clients[0]!;
      await reference.pushCount(channel, 4, 8_000);
      const target = reference.pushes(channel)[3]!.publicAggreDepths!.toVersion;
      for (const client of clients) {
        await client.until(
          () => client.pushes(channel).some((push) => push.publicAggreDepths!.toVersion === target),
          5_000,
          "the reference push",
        );
      }
      const frameOf = (client: TestClient) =>
        client.frames.find((frame) => decodePush(frame).publicAggreDepths?.toVersion === target);
      const bytes = frameOf(reference)!;
      for (const client of clients) expect(Buffer.compare(frameOf(client)!, bytes)).toBe(0);
      expect(sim.ws.stats().subscriptions).toBe(100);
    } finally {
      for (const client of clients) client.close();
      await sim.close();
    }
  });
});
