import { buildChannel, encodePush } from "@mexc-live/protocol";
import type { PushWrapper } from "@mexc-live/protocol/wire";
import { describe, expect, it } from "vitest";
import { FrameChecker } from "./frameCheck.js";

const DEPTH = buildChannel({ stream: "aggreDepth", symbol: "BTCUSDT", interval: "10ms" });
const DEALS = buildChannel({ stream: "aggreDeals", symbol: "BTCUSDT", interval: "10ms" });

function depthFrame(fromVersion: number, toVersion: number, channel = DEPTH): Uint8Array {
  const wrapper: PushWrapper = {
    channel,
    symbol: "BTCUSDT",
    sendTime: 1_700_000_000_000,
    publicAggreDepths: {
      asks: [{ price: "100.5", quantity: "2" }],
      bids: [],
      eventType: "spot@public.aggre.depth.v3.api.pb@10ms",
      fromVersion: String(fromVersion),
      toVersion: String(toVersion),
    },
  };
  return encodePush(wrapper);
}

function dealsFrame(trades: number): Uint8Array {
  const deal = { price: "100.5", quantity: "0.1", tradeType: 1, time: 1_700_000_000_000 };
  return encodePush({
    channel: DEALS,
    symbol: "BTCUSDT",
    sendTime: 1_700_000_000_000,
    publicAggreDeals: {
      deals: Array.from({ length: trades }, () => deal),
      eventType: "spot@public.aggre.deals.v3.api.pb@10ms",
    },
  });
}

describe("FrameChecker", () => {
  it("counts contiguous depth pushes by stream with the book changes and trades they carry", () => {
    const checker = new FrameChecker([DEPTH, DEALS]);
    checker.check(depthFrame(10, 12));
    checker.check(depthFrame(13, 13));
    checker.check(dealsFrame(3));

    expect(checker.result()).toEqual({
      frames: 3,
      undecodable: 0,
      foreignChannel: 0,
      depthGaps: 0,
      byStream: { aggreDepth: 2, aggreDeals: 1 },
      depthVersions: 4,
      deals: 3,
    });
  });

  it("reports a depth push that skips versions, even right after a reset", () => {
    const checker = new FrameChecker([DEPTH]);
    checker.check(depthFrame(10, 12));
    checker.reset();
    checker.check(depthFrame(14, 15));

    expect(checker.result().depthGaps).toBe(1);
  });

  it("reports undecodable frames and frames on channels that were not subscribed", () => {
    const checker = new FrameChecker([DEPTH]);
    checker.check(Uint8Array.from([0x0f, 0xff, 0xff, 0xff]));
    checker.check(dealsFrame(1));

    expect(checker.result()).toMatchObject({ frames: 2, undecodable: 1, foreignChannel: 1, byStream: {} });
  });
});
