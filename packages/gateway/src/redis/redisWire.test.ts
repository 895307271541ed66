import { describe, expect, it } from "vitest";
import { decodeBusMessage, decodeDemand, decodeFigures, decodeSnapshotRecord } from "./redisWire.js";

const update = { topic: "fills", data: { tradeId: "1" }, exchangeTime: 1, receiveTime: 2 };

describe("redis wire", () => {
  it("decodes updates and drops", () => {
    expect(decodeBusMessage(JSON.stringify({ k: "u", e: "run", s: 3, u: update }))).toEqual({
      k: "u",
      e: "run",
      s: 3,
      u: update,
    });
    expect(decodeBusMessage(JSON.stringify({ k: "d", e: "run", s: 4, t: "market.BTCUSDT.depth" }))).toMatchObject({
      k: "d",
    });
  });

  it("refuses what is not one of ours", () => {
    for (const text of [
      "not json",
      "[]",
      JSON.stringify({ k: "u", e: "run", s: 1.5, u: update }),
      JSON.stringify({ k: "u", e: "run", s: 1, u: { ...update, topic: "secrets" } }),
      JSON.stringify({ k: "u", e: "run", s: 1, u: { ...update, exchangeTime: "1" } }),
      JSON.stringify({ k: "u", e: "run", s: 1, u: { topic: "fills", exchangeTime: 1, receiveTime: 2 } }),
      JSON.stringify({ k: "d", e: "run", s: 1, t: "market.btc.depth" }),
      JSON.stringify({ k: "x", e: "run", s: 1 }),
    ]) {
      expect(decodeBusMessage(text), text).toBeUndefined();
    }
  });

  it("decodes demand, snapshot records and figures, refusing malformed ones", () => {
    expect(decodeDemand(JSON.stringify({ i: "web-1", t: ["market.BTCUSDT.ticker"] }))).toEqual({
      i: "web-1",
      t: ["market.BTCUSDT.ticker"],
    });
    expect(decodeDemand(JSON.stringify({ i: "web-1", t: ["nope"] }))).toBeUndefined();
    const record = { e: "run", s: 9, snap: { data: [], exchangeTime: 1, receiveTime: 2 } };
    expect(decodeSnapshotRecord(JSON.stringify(record))).toEqual(record);
    expect(decodeSnapshotRecord(JSON.stringify({ ...record, snap: { data: [] } }))).toBeUndefined();
    expect(decodeFigures(JSON.stringify({ fees: { quote: "USDT" }, pnl: [], volume: [] }))).toBeDefined();
    expect(decodeFigures(JSON.stringify({ fees: null, pnl: [], volume: [] }))).toBeUndefined();
  });
});
