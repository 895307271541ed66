import { describe, expect, it } from "vitest";
import { describeEvent, START_TIME, testExchange } from "../../test/testExchange.js";
import { SimError } from "../errors.js";
import { FEE_ACCOUNT } from "./matching.js";

function funded() {
  const t = testExchange();
  t.exchange.createAccount("alice");
  t.exchange.credit("alice", "USDT", "1000");
  t.exchange.credit("alice", "BTC", "0.5");
  t.take();
  return t;
}

const refusal = (call: () => unknown) => {
  try {
    call();
  } catch (error) {
    if (error instanceof SimError) return `${error.mexcCode} ${error.message}`;
    throw error;
  }
  throw new Error("not refused");
};

describe("the wallet: deposits", () => {
  it("credits free, pushes DEPOSIT and records the deposit as MEXC's deposit history shows it", () => {
    const t = funded();
    const deposit = t.exchange.deposit("alice", { asset: "USDT", amount: "250.5" });
    expect(t.take().map(describeEvent)).toEqual(["balance alice USDT DEPOSIT free+250.5 locked+0"]);
    expect(t.exchange.balances("alice")).toContainEqual({ asset: "USDT", free: "1250.5", locked: "0" });
    expect(deposit).toMatchObject({
      account: "alice",
      asset: "USDT",
      amount: "250.5",
      network: "Tron(TRC20)",
      status: 5,
      unlockConfirm: 200,
      updateTime: START_TIME,
    });
    expect(deposit.transHash).toMatch(/^[0-9a-f]{64}$/);
    expect(deposit.txId).toBe(`${deposit.transHash}:0`);
    expect(deposit.address).toMatch(/^T[1-9A-HJ-NP-Za-km-z]{33}$/);
    expect(deposit.insertTime).toBeLessThan(deposit.updateTime);
    expect(deposit.confirmTimes).toBeGreaterThanOrEqual(deposit.unlockConfirm);
    expect(t.exchange.deposits("alice")).toEqual([deposit]);
    expect(t.exchange.credited().get("USDT")).toBe("1250.5");
  });

  it("keeps one deposit address per network, takes a network given, and records a deposit at a time given", () => {
    const t = funded();
    const first = t.exchange.deposit("alice", { asset: "USDT", amount: "1" });
    const second = t.exchange.deposit("alice", { asset: "USDT", amount: "2" });
    const erc20 = t.exchange.deposit("alice", { asset: "USDT", amount: "3", network: "Ethereum(ERC20)" });
    expect(second.address).toBe(first.address);
    expect(erc20.address).toMatch(/^0x[0-9a-f]{40}$/);
    const earlier = t.exchange.deposit("alice", { asset: "BTC", amount: "0.1", time: START_TIME - 60_000 });
    expect(t.events.at(-1)).toMatchObject({ changeType: "DEPOSIT", time: START_TIME - 60_000 });
    expect(t.exchange.deposits("alice").map((deposit) => deposit.amount)).toEqual(["0.1", "1", "2", "3"]);
    expect(earlier.updateTime).toBe(START_TIME - 60_000);
  });

  it("refuses an unknown account, a malformed asset or amount, naming the field, and changes nothing", () => {
    const t = funded();
    expect(refusal(() => t.exchange.deposit("nobody", { asset: "USDT", amount: "1" }))).toBe(
      "10001 user does not exist",
    );
    expect(refusal(() => t.exchange.deposit("alice", { asset: "usdt", amount: "1" }))).toContain("33333 asset");
    expect(refusal(() => t.exchange.deposit("alice", { asset: "USDT", amount: "-1" }))).toBe(
      '33333 amount "-1" is not a positive decimal number',
    );
    expect(refusal(() => t.exchange.deposit("alice", { asset: "USDT", amount: "0" }))).toContain("33333 amount");
    expect(t.events).toEqual([]);
  });
});

describe("the wallet: withdrawals", () => {
  it("debits the whole amount (the fee included) as WITHDRAW -(amount - fee) and WITHDRAW_FEE -fee", () => {
    const t = funded();
    const withdrawal = t.exchange.withdraw("alice", { asset: "USDT", amount: "100" });
    expect(t.take().map(describeEvent)).toEqual([
      "balance alice USDT WITHDRAW free-99 locked+0",
      "balance alice USDT WITHDRAW_FEE free-1 locked+0",
      "balance __fees__ USDT WITHDRAW_FEE free+1 locked+0",
    ]);
    expect(t.exchange.balances("alice")).toContainEqual({ asset: "USDT", free: "900", locked: "0" });
    expect(t.exchange.balances(FEE_ACCOUNT)).toEqual([{ asset: "USDT", free: "1", locked: "0" }]);
    expect(withdrawal).toMatchObject({ asset: "USDT", amount: "100", fee: "1", status: 7, applyTime: START_TIME });
    expect(withdrawal.id).toMatch(/^[0-9a-f]{32}$/);
    expect(withdrawal.txId).toBe(`${withdrawal.transHash}:0`);
    expect(withdrawal.updateTime).toBe(START_TIME); // done at once, never in the future
    // Only what reached the address left the exchange; the fee stays with MEXC.
    expect(t.exchange.credited().get("USDT")).toBe("901");
  });

  it("takes a fee, network and address given; no fee push for a zero fee", () => {
    const t = funded();
    const withdrawal = t.exchange.withdraw("alice", {
      asset: "BTC",
      amount: "0.2",
      fee: "0",
      network: "Bitcoin(BTC)",
      address: "bc1qexample",
    });
    expect(t.take().map(describeEvent)).toEqual(["balance alice BTC WITHDRAW free-0.2 locked+0"]);
    expect(withdrawal).toMatchObject({ fee: "0", network: "Bitcoin(BTC)", address: "bc1qexample", memo: "" });
  });

  it("refuses more than the free balance (10101) and an amount not above its fee, changing nothing", () => {
    const t = funded();
    t.exchange.placeOrder({
      account: "alice",
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      price: "10000",
      quantity: "0.05",
    });
    t.take();
    expect(refusal(() => t.exchange.withdraw("alice", { asset: "USDT", amount: "600" }))).toBe(
      "10101 Insufficient balance",
    );
    expect(refusal(() => t.exchange.withdraw("alice", { asset: "USDT", amount: "1" }))).toBe(
      "33333 amount 1 USDT must be more than the 1 USDT fee it includes",
    );
    expect(refusal(() => t.exchange.withdraw("alice", { asset: "USDT", amount: "5", fee: "x" }))).toContain(
      '33333 fee "x"',
    );
    expect(t.events).toEqual([]);
    expect(t.exchange.withdrawals("alice")).toEqual([]);
  });
});

describe("the wallet: transfers between spot and futures", () => {
  it("moves free out to futures and back in, pushed as CONTRACT_TRANSFER and recorded", () => {
    const t = funded();
    const out = t.exchange.transfer("alice", { asset: "USDT", amount: "300", from: "SPOT", to: "FUTURES" });
    const back = t.exchange.transfer("alice", { asset: "USDT", amount: "120.25", from: "FUTURES", to: "SPOT" });
    expect(t.take().map(describeEvent)).toEqual([
      "balance alice USDT CONTRACT_TRANSFER free-300 locked+0",
      "balance alice USDT CONTRACT_TRANSFER free+120.25 locked+0",
    ]);
    expect(out).toMatchObject({ fromAccountType: "SPOT", toAccountType: "FUTURES", status: "SUCCESS" });
    expect(back).toMatchObject({ amount: "120.25", fromAccountType: "FUTURES", toAccountType: "SPOT" });
    expect(out.tranId).toMatch(/^[0-9a-f]{32}$/);
    expect(t.exchange.transfers("alice")).toEqual([out, back]);
    expect(t.exchange.credited().get("USDT")).toBe("820.25");
  });

  it("refuses more than the free balance, the same wallet twice and an unknown wallet", () => {
    const t = funded();
    expect(
      refusal(() => t.exchange.transfer("alice", { asset: "BTC", amount: "1", from: "SPOT", to: "FUTURES" })),
    ).toBe("10101 Insufficient balance");
    expect(refusal(() => t.exchange.transfer("alice", { asset: "BTC", amount: "0.1", from: "SPOT", to: "SPOT" }))).toBe(
      "33333 toAccountType must differ from fromAccountType (both are SPOT)",
    );
    const bad = { asset: "BTC", amount: "0.1", from: "MARGIN", to: "SPOT" } as unknown as Parameters<
      typeof t.exchange.transfer
    >[1];
    expect(refusal(() => t.exchange.transfer("alice", bad))).toBe(
      '33333 fromAccountType "MARGIN" is not SPOT or FUTURES',
    );
    expect(t.events).toEqual([]);
  });
});

describe("the wallet in the ledger", () => {
  it("lists deposits, withdrawals and transfers in the account's ledger, oldest first", () => {
    const t = funded();
    t.exchange.deposit("alice", { asset: "BTC", amount: "1" });
    t.exchange.withdraw("alice", { asset: "BTC", amount: "0.5" });
    t.exchange.transfer("alice", { asset: "USDT", amount: "10", from: "SPOT", to: "FUTURES" });
    const ledger = t.exchange.ledger("alice");
    expect(ledger.deposits.map((deposit) => deposit.amount)).toEqual(["1"]);
    expect(ledger.withdrawals.map((withdrawal) => `${withdrawal.amount} ${withdrawal.fee}`)).toEqual(["0.5 0.0003"]);
    expect(ledger.transfers.map((transfer) => transfer.amount)).toEqual(["10"]);
    expect(t.exchange.ledger("bob").deposits).toEqual([]);
  });
});
