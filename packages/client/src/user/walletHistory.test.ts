/**
 * The wallet history against the simulator: transfers to and from other MEXC users with their
 * direction (a sent one is the withdrawal history's transferType 1, docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.17), dust conversions as
 * out rows and an MX in row, and the 90-day window MEXC refuses with code 400 (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.16).
 */

import { DAY_MS } from "@mexc-live/protocol";
import { type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { RestEndpoints } from "../rest/endpoints.js";
import { RestClient } from "../rest/restClient.js";
import { fetchWalletHistory } from "./walletHistory.js";

let sim: RunningSimulator | undefined;
let rest: RestClient | undefined;
afterEach(async () => {
  rest?.close();
  await sim?.close();
  sim = rest = undefined;
});

async function setUp() {
  sim = await startSimulator({ port: 0, seed: 81, demoTrader: false, admin: true });
  rest = new RestClient({ baseUrl: sim.rest, apiKey: sim.apiKey, apiSecret: sim.secretKey });
  return new RestEndpoints(rest);
}
const range = () => ({ from: Date.now() - 2 * DAY_MS, to: Date.now() + 1_000, now: Date.now() });

describe("internal transfers", () => {
  it("come with their direction, a sent one once (its withdrawal record is the same row), none among withdrawals", async () => {
    const endpoints = await setUp();
    const sent = sim!.exchange.internalTransfer("demo", {
      asset: "USDT",
      amount: "120",
      direction: "out",
      counterparty: "555",
    });
    const got = sim!.exchange.internalTransfer("demo", { asset: "USDT", amount: "30.5", direction: "in" });
    sim!.exchange.withdraw("demo", { asset: "USDT", amount: "50" });

    const internal = await fetchWalletHistory(endpoints, "internal_transfer", range());
    expect(internal.map((row) => [row.id, row.type, row.direction, row.asset, row.amount, row.state])).toEqual([
      [sent.tranId, "internal_transfer", "out", "USDT", "120", "completed"],
      [got.tranId, "internal_transfer", "in", "USDT", "30.5", "completed"],
    ]);
    expect(internal[0]!.address).toBe("555");
    const withdrawals = await fetchWalletHistory(endpoints, "withdrawal", range());
    expect(withdrawals.map((row) => row.type)).toEqual(["withdrawal"]);
  });
});

describe("dust conversions", () => {
  it("become one out row per asset converted and one in row of the MX credited, each once", async () => {
    const endpoints = await setUp();
    const conversion = sim!.exchange.convertDust("demo", ["FROP", "SOL"]);
    const rows = await fetchWalletHistory(endpoints, "conversion", range());
    const outs = rows.filter((row) => row.direction === "out");
    expect(outs.map((row) => [row.asset, row.amount]).sort()).toEqual(
      conversion.details.map((detail) => [detail.asset, detail.amount]).sort(),
    );
    const mx = rows.filter((row) => row.direction === "in");
    expect(mx).toEqual([
      expect.objectContaining({
        asset: "MX",
        amount: conversion.totalConvert,
        fee: conversion.totalFee,
        id: `MX:${conversion.details.map((detail) => detail.id).sort()[0]}`,
      }),
    ]);
    // Read again: the same rows (ids are stable), nothing doubled.
    expect(await fetchWalletHistory(endpoints, "conversion", range())).toEqual(rows);
  });
});

describe("the 90-day wallet window (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.16)", () => {
  it("gives up only what MEXC will not serve when it calls a slice too old, and reads the rest", async () => {
    const endpoints = await setUp();
    sim!.exchange.deposit("demo", { asset: "USDT", amount: "10" });
    // Our "now" two days behind MEXC's: our first slice starts before MEXC's 90 days, which it refuses.
    const behind = Date.now() - 2 * DAY_MS;
    const deposits = await fetchWalletHistory(endpoints, "deposit", { from: 0, to: Date.now() + 1_000, now: behind });
    expect(deposits.map((row) => row.amount)).toEqual(["10"]);
    // 14 slices of 7 days (92 days less an hour), and the too-old first one asked again a day later, twice.
    expect(rest!.stats().byEndpoint["GET /api/v3/capital/deposit/hisrec"]).toBe(14 + 2);
  });
});
