/**
 * Transfers to and from other MEXC users and dust conversions (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.17): pushed as balance changes,
 * listed by their own histories (and a sent one by the withdrawal history, transferType 1); the
 * 90-day wallet window answered as MEXC does (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.16).
 */
import { DAY_MS, Decimal } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_JSON, DOCS_ACCOUNT, sendSigned, testSimulator } from "../../test/restKit.js";
import type { SimulatorOptions, SimulatorParts } from "../simulator.js";
import type { BalanceEvent } from "../types.js";

let sim: SimulatorParts | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function start(options: SimulatorOptions = {}): SimulatorParts {
  sim = testSimulator(options);
  return sim;
}

const admin = async (parts: SimulatorParts, url: string, body: unknown) =>
  parts.app.inject({ method: "POST", url, headers: ADMIN_JSON, payload: JSON.stringify(body) });
const pushes = (parts: SimulatorParts) => {
  const seen: BalanceEvent[] = [];
  parts.exchange.onEvent((event) => {
    if (event.kind === "balance" && event.account === "docs") seen.push(event);
  });
  return seen;
};

describe("transfers to and from other MEXC users (GET /api/v3/capital/transfer/internal)", () => {
  it("pushes each, lists both directions without a direction field, and lists a sent one as a withdrawal with transferType 1", async () => {
    const parts = start();
    const seen = pushes(parts);
    const sent = (
      await admin(parts, "/_sim/internalTransfer", {
        account: "docs",
        asset: "USDT",
        amount: "250",
        direction: "out",
        counterparty: "87658765",
      })
    ).json();
    const got = (
      await admin(parts, "/_sim/internalTransfer", { account: "docs", asset: "USDT", amount: "40", direction: "in" })
    ).json();
    expect(seen.map((push) => [push.changeType, push.freeChange])).toEqual([
      ["WITHDRAW", "-250"],
      ["DEPOSIT", "40"],
    ]);
    const page = (
      await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/capital/transfer/internal", { limit: "10" })
    ).json();
    expect(Object.keys(page)).toEqual(["page", "totalRecords", "totalPageNum", "data"]);
    expect(page).toMatchObject({ page: 1, totalRecords: 2, totalPageNum: 1 });
    expect(Object.keys(page.data[0])).toEqual([
      "tranId",
      "asset",
      "amount",
      "toAccountType",
      "toAccount",
      "fromAccount",
      "status",
      "timestamp",
    ]);
    expect(page.data.map((row: { tranId: string }) => row.tranId).sort()).toEqual([sent.tranId, got.tranId].sort());
    expect(page.data.find((row: { tranId: string }) => row.tranId === sent.tranId)).toMatchObject({
      toAccountType: "UID",
      toAccount: "87658765",
      fromAccount: "docs@simulator.invalid",
      status: "SUCCESS",
    });
    const withdrawals = (await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/capital/withdraw/history")).json();
    expect(withdrawals).toHaveLength(1);
    expect(withdrawals[0]).toMatchObject({ id: sent.tranId, amount: "250", transferType: 1, transactionFee: "0" });
  });

  it("refuses to send more than the free balance (10101)", async () => {
    const parts = start();
    const refused = await admin(parts, "/_sim/internalTransfer", {
      account: "docs",
      asset: "BTC",
      amount: "3",
      direction: "out",
    });
    expect(refused.json()).toMatchObject({ code: 10101 });
  });
});

describe("dust conversions to MX (GET /api/v3/capital/convert)", () => {
  it("takes each asset's whole free balance, credits MX less a 2% fee, pushes each change and lists it in the docs' shape", async () => {
    const parts = start({ extraAccounts: [{ ...DOCS_ACCOUNT, balances: { USDT: "100000", SOL: "0.3", XRP: "5" } }] });
    const seen = pushes(parts);
    const conversion = (await admin(parts, "/_sim/convert", { account: "docs", assets: ["SOL", "XRP"] })).json();
    const mxIn = new Decimal(conversion.totalConvert);
    expect(mxIn.gt(0)).toBe(true);
    for (const detail of conversion.convertDetails) {
      expect(new Decimal(detail.fee).div(detail.convert).minus("0.02").abs().lt("0.0001")).toBe(true);
    }
    expect(seen.map((push) => [push.asset, push.freeChange, push.changeType])).toEqual([
      ["SOL", "-0.3", "SMALL_COIN_CONVERT"],
      ["XRP", "-5", "SMALL_COIN_CONVERT"],
      ["MX", conversion.totalConvert, "SMALL_COIN_CONVERT"],
    ]);
    const balances = parts.exchange.balances("docs").map((balance) => balance.asset);
    expect(balances).not.toContain("SOL");
    const log = (await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/capital/convert", { limit: "10" })).json();
    expect(Object.keys(log)).toEqual(["data", "totalRecords", "page", "totalPageNum"]);
    expect(log.data).toHaveLength(1);
    expect(Object.keys(log.data[0])).toEqual(["totalConvert", "totalFee", "convertTime", "convertDetails"]);
    expect(Object.keys(log.data[0].convertDetails[0])).toEqual(["id", "convert", "fee", "amount", "time", "asset"]);
    // The docs' default page size is 1.
    expect((await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/capital/convert")).json().data).toHaveLength(1);
  });

  it("refuses MX itself and an asset the account does not hold, naming it", async () => {
    const parts = start();
    expect((await admin(parts, "/_sim/convert", { account: "docs", assets: ["MX"] })).json()).toMatchObject({
      code: 33333,
    });
    expect((await admin(parts, "/_sim/convert", { account: "docs", assets: ["PEPE"] })).json()).toMatchObject({
      code: 33333,
      msg: "asset no free PEPE to convert",
    });
  });
});

describe("the 90-day wallet window (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.16)", () => {
  it("answers a startTime over 90 days back with MEXC's code 400 message, on every wallet history", async () => {
    const parts = start();
    const old = { startTime: String(Date.now() - 91 * DAY_MS), endTime: String(Date.now() - 90 * DAY_MS) };
    for (const path of [
      "/api/v3/capital/deposit/hisrec",
      "/api/v3/capital/withdraw/history",
      "/api/v3/capital/transfer/internal",
      "/api/v3/capital/convert",
    ]) {
      const refused = await sendSigned(parts, DOCS_ACCOUNT, "GET", path, old);
      expect([path, refused.statusCode, refused.json()]).toEqual([
        path,
        400,
        { code: 400, msg: "The start time cannot be earlier than 90 days" },
      ]);
    }
  });

  it("answers 33333 naming startTime with the wallet-window-error behaviour off", async () => {
    const parts = start({ behaviours: { walletWindowError: false } });
    const refused = await sendSigned(parts, DOCS_ACCOUNT, "GET", "/api/v3/capital/deposit/hisrec", {
      startTime: String(Date.now() - 91 * DAY_MS),
      endTime: String(Date.now() - 90 * DAY_MS),
    });
    expect(refused.json()).toEqual({ code: 33333, msg: "startTime cannot be more than 90 days ago" });
  });
});
