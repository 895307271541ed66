import { DAY_MS } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_JSON, DOCS_ACCOUNT, sendSigned, testSimulator } from "../../test/restKit.js";
import type { SimulatorOptions, SimulatorParts } from "../simulator.js";

const DOCS = DOCS_ACCOUNT.account;

let sim: SimulatorParts | undefined;
afterEach(() => sim?.close());

function start(options: SimulatorOptions = {}) {
  sim = testSimulator(options);
  const parts = sim;
  const call = async (path: string, params: Record<string, string> = {}) => {
    const response = await sendSigned(parts, DOCS_ACCOUNT, "GET", path, params);
    return { status: response.statusCode, body: response.json() };
  };
  return { sim: parts, call };
}

describe("GET /api/v3/capital/deposit/hisrec", () => {
  it("answers the last 7 days newest first, filters coin and status, and honours limit", async () => {
    const { sim, call } = start();
    const now = Date.now();
    sim.exchange.deposit(DOCS, { asset: "USDT", amount: "10", time: now - 8 * DAY_MS });
    sim.exchange.deposit(DOCS, { asset: "USDT", amount: "20", time: now - 3 * DAY_MS });
    sim.exchange.deposit(DOCS, { asset: "BTC", amount: "0.5", time: now - DAY_MS });
    const all = await call("/api/v3/capital/deposit/hisrec");
    expect(all.status).toBe(200);
    expect(all.body.map((deposit: { coin: string; amount: string }) => `${deposit.amount} ${deposit.coin}`)).toEqual([
      "0.5 BTC",
      "20 USDT",
    ]);
    expect(all.body[0]).toMatchObject({ status: 5, network: "Bitcoin(BTC)", unlockConfirm: "2" });
    const usdt = await call("/api/v3/capital/deposit/hisrec", { coin: "USDT-TRX" });
    expect(usdt.body.map((deposit: { amount: string }) => deposit.amount)).toEqual(["20"]);
    expect((await call("/api/v3/capital/deposit/hisrec", { status: "6" })).body).toEqual([]);
    expect((await call("/api/v3/capital/deposit/hisrec", { status: "5", limit: "1" })).body).toHaveLength(1);
    const older = await call("/api/v3/capital/deposit/hisrec", {
      startTime: String(now - 10 * DAY_MS),
      endTime: String(now - 4 * DAY_MS),
    });
    expect(older.body.map((deposit: { amount: string }) => deposit.amount)).toEqual(["10"]);
  });

  it("refuses a span over 7 days, a startTime over 90 days ago, a limit over 1000 and an unknown status, naming each", async () => {
    const { call } = start();
    const now = Date.now();
    const refused = async (params: Record<string, string>) =>
      (await call("/api/v3/capital/deposit/hisrec", params)).body;
    expect(await refused({ startTime: String(now - 8 * DAY_MS), endTime: String(now) })).toEqual({
      code: 33333,
      msg: "startTime and endTime diff cannot exceed 7 days",
    });
    // startTime alone runs to now (the docs: endTime "default: current time").
    expect((await refused({ startTime: String(now - 8 * DAY_MS) })).code).toBe(33333);
    // Real MEXC's answer for the 90 days (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.16); the documented behaviour alone: 33333 (below).
    expect(await refused({ startTime: String(now - 91 * DAY_MS), endTime: String(now - 90 * DAY_MS) })).toEqual({
      code: 400,
      msg: "The start time cannot be earlier than 90 days",
    });
    expect(await refused({ limit: "1001" })).toEqual({
      code: 33333,
      msg: "limit must be a whole number from 1 to 1000",
    });
    expect((await refused({ status: "13" })).msg).toContain("status must be one of 1, 2,");
  });

  it("writes times in whole seconds with the wholeSecondTimes behaviour, in ms without it", async () => {
    for (const wholeSecondTimes of [true, false]) {
      const { sim, call } = start({ behaviours: { wholeSecondTimes } });
      const deposit = sim.exchange.deposit(DOCS, { asset: "USDT", amount: "1", time: Date.now() - 1234 });
      const [answer] = (await call("/api/v3/capital/deposit/hisrec")).body;
      const expected = wholeSecondTimes ? Math.floor(deposit.updateTime / 1000) * 1000 : deposit.updateTime;
      expect(answer.updateTime).toBe(expected);
      await sim.close();
    }
  });
});

describe("GET /api/v3/capital/withdraw/history", () => {
  it("answers each withdrawal with its amount, the fee included, newest first, and the same window rules", async () => {
    const { sim, call } = start();
    const now = Date.now();
    sim.exchange.withdraw(DOCS, { asset: "USDT", amount: "51", time: now - 2 * DAY_MS });
    sim.exchange.withdraw(DOCS, { asset: "BTC", amount: "0.1", time: now - DAY_MS });
    const { body } = await call("/api/v3/capital/withdraw/history");
    expect(
      body.map((w: { coin: string; amount: string; transactionFee: string }) => [w.coin, w.amount, w.transactionFee]),
    ).toEqual([
      ["BTC", "0.1", "0.0003"],
      ["USDT", "51", "1"],
    ]);
    expect(body[0]).toMatchObject({ status: 7, transferType: 0, confirmNo: null, remark: "" });
    expect((await call("/api/v3/capital/withdraw/history", { coin: "BTC", status: "7" })).body).toHaveLength(1);
    expect((await call("/api/v3/capital/withdraw/history", { status: "11" })).body.code).toBe(33333);
    expect(
      (await call("/api/v3/capital/withdraw/history", { startTime: String(now - 9 * DAY_MS), endTime: String(now) }))
        .body.code,
    ).toBe(33333);
  });

  it("says since 2026 the chain's short code, the explorer's page of the transaction and the id it was asked with", async () => {
    const { sim, call } = start();
    const admin = await sim.app.inject({
      method: "POST",
      url: "/_sim/withdraw",
      headers: ADMIN_JSON,
      payload: JSON.stringify({ account: DOCS, asset: "USDT", amount: "11", withdrawOrderId: "client-withdraw-123" }),
    });
    expect(admin.statusCode).toBe(200);
    sim.exchange.withdraw(DOCS, { asset: "BTC", amount: "0.1" });
    const { body } = await call("/api/v3/capital/withdraw/history");
    const usdt = body.find((w: { coin: string }) => w.coin === "USDT");
    expect(usdt).toMatchObject({
      netWork: "TRX",
      explorerUrl: `https://tronscan.org/#/transaction/${usdt.transHash}`,
      withdrawOrderId: "client-withdraw-123",
    });
    // MEXC's docs: withdrawOrderId "not returned when there is none".
    expect(body.find((w: { coin: string }) => w.coin === "BTC")).not.toHaveProperty("withdrawOrderId");
    const refused = await sim.app.inject({
      method: "POST",
      url: "/_sim/withdraw",
      headers: ADMIN_JSON,
      payload: JSON.stringify({ account: DOCS, asset: "USDT", amount: "11", withdrawOrderId: "has space" }),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().msg).toContain("withdrawOrderId");
  });
});

describe("GET /api/v3/capital/transfer", () => {
  it("requires both account types, naming the one missing, each SPOT or FUTURES", async () => {
    const { call } = start();
    expect((await call("/api/v3/capital/transfer")).body).toEqual({
      code: 44444,
      msg: "fromAccountType cannot be null",
    });
    expect((await call("/api/v3/capital/transfer", { fromAccountType: "SPOT" })).body).toEqual({
      code: 44444,
      msg: "toAccountType cannot be null",
    });
    expect((await call("/api/v3/capital/transfer", { fromAccountType: "SPOT", toAccountType: "MARGIN" })).body).toEqual(
      { code: 33333, msg: "toAccountType must be one of SPOT, FUTURES" },
    );
  });

  it("answers {rows, total} for one direction, newest first, paged by page and size (max 100)", async () => {
    const { sim, call } = start();
    const now = Date.now();
    for (let i = 1; i <= 12; i++) {
      sim.exchange.transfer(DOCS, {
        asset: "USDT",
        amount: String(i),
        from: "SPOT",
        to: "FUTURES",
        time: now - i * 3_600_000,
      });
    }
    sim.exchange.transfer(DOCS, { asset: "USDT", amount: "99", from: "FUTURES", to: "SPOT", time: now - 60_000 });
    sim.exchange.transfer(DOCS, { asset: "USDT", amount: "98", from: "SPOT", to: "FUTURES", time: now - 8 * DAY_MS });
    const out = { fromAccountType: "SPOT", toAccountType: "FUTURES" };
    const first = (await call("/api/v3/capital/transfer", out)).body;
    expect(first.total).toBe(12); // the last 7 days by default
    expect(first.rows.map((row: { amount: string }) => row.amount)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
    ]);
    expect(first.rows[0]).toMatchObject({ clientTranId: null, symbol: null, status: "SUCCESS", asset: "USDT" });
    const second = (await call("/api/v3/capital/transfer", { ...out, page: "2" })).body;
    expect(second.rows.map((row: { amount: string }) => row.amount)).toEqual(["11", "12"]);
    const small = (await call("/api/v3/capital/transfer", { ...out, size: "5", page: "3" })).body;
    expect(small.rows.map((row: { amount: string }) => row.amount)).toEqual(["11", "12"]);
    const back = (await call("/api/v3/capital/transfer", { fromAccountType: "FUTURES", toAccountType: "SPOT" })).body;
    expect(back).toMatchObject({
      total: 1,
      rows: [{ amount: "99", fromAccountType: "FUTURES", toAccountType: "SPOT" }],
    });
    const older = (await call("/api/v3/capital/transfer", { ...out, startTime: String(now - 10 * DAY_MS) })).body;
    expect(older.total).toBe(13);
    expect((await call("/api/v3/capital/transfer", { ...out, size: "101" })).body.code).toBe(33333);
    expect((await call("/api/v3/capital/transfer", { ...out, startTime: String(now - 183 * DAY_MS) })).body).toEqual({
      code: 33333,
      msg: "startTime cannot be more than 182 days ago",
    });
  });
});
