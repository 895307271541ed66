import { decodeEvent, decodePush, type MexcEvent, toEvent } from "@mexc-live/protocol";
import { describe, expect, it } from "vitest";
import { decimalsCheckedOnRead } from "../../packages/protocol/src/codec.js";
import { readFrameEvent } from "../../packages/protocol/src/frameEvents.js";
import { buildCorpus, FRAME_MIX, type FrameKind, PRIVATE_KINDS } from "./corpus.js";
import { toDecimal } from "./markets.js";

const corpus = buildCorpus({ frames: 2_000, seed: 7 });
const events: MexcEvent[] = corpus.frames.map((frame) => toEvent(decodePush(frame), 0));

describe("decode bench corpus", () => {
  it("has the issue's mix: 60% depth diffs, 25% trades, 10% book tickers, 5% private", () => {
    const share = (kinds: readonly FrameKind[]) =>
      corpus.kinds.filter((k) => kinds.includes(k)).length / corpus.frames.length;
    expect(share(["depthDiff"])).toBe(0.6);
    expect(share(["trade"])).toBe(0.25);
    expect(share(["bookTicker"])).toBe(0.1);
    expect(share(PRIVATE_KINDS)).toBe(0.05);
    expect(corpus.counts).toEqual({ depthDiff: 1200, trade: 500, bookTicker: 200, balance: 40, order: 35, fill: 25 });
  });

  it("hits the requested size exactly even when the shares do not divide it", () => {
    const odd = buildCorpus({ frames: 997, seed: 1 });
    expect(odd.frames).toHaveLength(997);
    expect(Object.values(odd.counts).reduce((a, b) => a + b, 0)).toBe(997);
    for (const [kind, share] of Object.entries(FRAME_MIX)) {
      expect(Math.abs(odd.counts[kind as FrameKind] - 997 * share)).toBeLessThan(1);
    }
  });

  it("decodes every frame with decodePush into the event of its kind", () => {
    expect(events.map((e) => e.type)).toEqual(corpus.kinds);
    expect(corpus.totalBytes).toBe(corpus.frames.reduce((sum, f) => sum + f.length, 0));
  });

  it("gives every frame the same event whether the reader or toEvent checked its levels' and trades' decimals", () => {
    const other = corpus.frames[0]!;
    for (const [i, frame] of corpus.frames.entries()) {
      const checkedOnRead = decodePush(frame);
      expect(decimalsCheckedOnRead(checkedOnRead)).toBe(true);
      const trusted = toEvent(checkedOnRead, 0);
      const wrapper = decodePush(frame);
      decodePush(other);
      // No longer the last decoded: toEvent checks every decimal of it itself, as before the reader did.
      expect(decimalsCheckedOnRead(wrapper)).toBe(false);
      expect(trusted, `frame ${i}`).toEqual(toEvent(wrapper, 0));
      expect(trusted, `frame ${i}`).toEqual(events[i]);
    }
  });

  it("gives every frame the same event with decodeEvent, every frame read by its own reader", () => {
    let ours = 0;
    for (const [i, frame] of corpus.frames.entries()) {
      if (readFrameEvent(frame, 0) !== undefined) ours++;
      expect(decodeEvent(frame, 0), `frame ${i}`).toStrictEqual(events[i]);
      expect(JSON.stringify(decodeEvent(frame, 0)), `frame ${i}`).toBe(JSON.stringify(events[i]));
    }
    // The aggregated streams' 95 % and the private pushes' 5 % alike (the corpus has no trigger orders).
    expect(ours).toBe(corpus.frames.length);
  });

  it("uses MEXC's channel strings and wrapper fields", () => {
    for (const event of events) {
      if (event.type === "depthDiff") {
        expect(event.channel).toMatch(/^spot@public\.aggre\.depth\.v3\.api\.pb@(100ms|10ms)@[A-Z]+USDT$/);
        expect(event.channel.endsWith(`@${event.symbol}`)).toBe(true);
        expect(BigInt(event.toVersion) >= BigInt(event.fromVersion)).toBe(true);
        expect(event.asks.length + event.bids.length).toBeGreaterThanOrEqual(2);
        expect(Math.max(event.asks.length, event.bids.length)).toBeLessThanOrEqual(10);
      }
      if (event.type === "trade") {
        expect(event.channel).toMatch(/^spot@public\.aggre\.deals\.v3\.api\.pb@(100ms|10ms)@[A-Z]+USDT$/);
        expect(event.trades.length).toBeGreaterThanOrEqual(1);
        expect(event.trades.length).toBeLessThanOrEqual(5);
        expect(event.trades.every((t) => /^\d{18}X\d$/.test(t.tradeId ?? ""))).toBe(true);
      }
      if (event.type === "bookTicker") {
        expect(event.channel).toMatch(/^spot@public\.aggre\.bookTicker\.v3\.api\.pb@(100ms|10ms)@[A-Z]+USDT$/);
        expect(event.version).toMatch(/^\d{9,}$/);
      }
      if (event.type === "balance") expect(event.channel).toBe("spot@private.account.v3.api.pb");
      if (event.type === "order") expect(event.orderId).toMatch(/^C02__\d{21}$/);
      if (event.type === "fill") expect(event.channel).toBe("spot@private.deals.v3.api.pb");
      expect(event.timestamp).toBeGreaterThan(1_795_000_000_000);
    }
  });

  it("writes decimals trimmed, as MEXC pushes do", () => {
    const prices = events.flatMap((e) => (e.type === "depthDiff" ? [...e.asks, ...e.bids] : []));
    expect(prices.some((l) => l.quantity === "0")).toBe(true);
    for (const level of prices) {
      expect(level.price).toMatch(/^(0|[1-9]\d*)(\.\d*[1-9])?$/);
      expect(level.quantity).toMatch(/^(0|[1-9]\d*)(\.\d*[1-9])?$/);
    }
    expect([toDecimal(11714549, 2), toDecimal(1000, 2), toDecimal(0, 8), toDecimal(5, 3)]).toEqual([
      "117145.49",
      "10",
      "0",
      "0.005",
    ]);
  });

  it("is the same bytes for the same seed and different bytes for another", () => {
    const again = buildCorpus({ frames: 2_000, seed: 7 });
    const other = buildCorpus({ frames: 2_000, seed: 8 });
    const bytes = Buffer.concat(corpus.frames);
    expect(Buffer.concat(again.frames).equals(bytes)).toBe(true);
    expect(Buffer.concat(other.frames).equals(bytes)).toBe(false);
  });
});
