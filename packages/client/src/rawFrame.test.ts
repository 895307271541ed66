import { decodePush, encodePush } from "@mexc-live/protocol";
import type { PushWrapper } from "@mexc-live/protocol/wire";
import { describe, expect, it } from "vitest";
import { frameChannel, handOutRawFrame, type RawFrame } from "./rawFrame.js";

const DEALS = "spot@private.deals.v3.api.pb";
/** The official privateDeals example (docs/mexc/protocol.md#the-official-example-values). */
const DEALS_FRAME = {
  channel: DEALS,
  symbol: "MXUSDT",
  sendTime: 1736417034332,
  privateDeals: {
    price: "3.6962",
    quantity: "1",
    amount: "3.6962",
    tradeType: 2,
    tradeId: "505979017439002624X1",
    orderId: "C02__505979017439002624115",
    feeAmount: "0.0003998377369698171",
    feeCurrency: "MX",
    time: 1736417034280,
  },
} as PushWrapper;

/** Field 1 (channel), length-delimited. */
function channelField(channel: string): Uint8Array {
  const text = Buffer.from(channel, "utf8");
  return Buffer.concat([Buffer.from([0x0a, text.length]), text]);
}

/** The frame without its channel field (encodePush writes it first). */
function withoutChannel(frame: PushWrapper): Uint8Array {
  const bytes = encodePush(frame);
  expect(bytes.subarray(0, channelField(frame.channel).length)).toEqual(channelField(frame.channel));
  return bytes.subarray(channelField(frame.channel).length);
}

describe("frameChannel", () => {
  it("reads the channel a push names, as decodePush does", () => {
    const bytes = encodePush(DEALS_FRAME);
    expect(frameChannel(bytes)).toBe(DEALS);
    expect(frameChannel(bytes)).toBe(decodePush(bytes).channel);
  });

  it("finds the channel after the body and the other header fields too", () => {
    const bytes = Buffer.concat([withoutChannel(DEALS_FRAME), channelField(DEALS)]);
    expect(decodePush(bytes).channel).toBe(DEALS);
    expect(frameChannel(bytes)).toBe(DEALS);
  });

  it("is null for garbage, a truncated header, an empty frame and a push without a channel", () => {
    expect(frameChannel(Buffer.from([0x0f, 0xff, 0xff, 0xff]))).toBeNull();
    expect(frameChannel(encodePush(DEALS_FRAME).subarray(0, 5))).toBeNull();
    expect(frameChannel(new Uint8Array())).toBeNull();
    expect(frameChannel(withoutChannel(DEALS_FRAME))).toBeNull();
    expect(frameChannel(Buffer.from([0x0a, 0x02, 0xff, 0xfe]))).toBeNull();
  });
});

describe("handOutRawFrame", () => {
  it("hands out the bytes as received, the receive time and the channel", () => {
    const seen: RawFrame[] = [];
    const bytes = encodePush(DEALS_FRAME);
    handOutRawFrame((frame) => seen.push(frame), bytes, 1_700_000_000_123, undefined);
    expect(seen).toEqual([{ bytes, receivedAt: 1_700_000_000_123, channel: DEALS }]);
    expect(seen[0]?.bytes).toBe(bytes);
  });

  it("logs a hook that throws instead of letting it stop the stream", () => {
    const warnings: object[] = [];
    const logger = { debug() {}, info() {}, warn: (object: object) => warnings.push(object), error() {} };
    expect(() =>
      handOutRawFrame(
        () => {
          throw new Error("disk full");
        },
        new Uint8Array([1]),
        1,
        logger,
      ),
    ).not.toThrow();
    expect(warnings).toEqual([{ err: "disk full" }]);
  });
});
