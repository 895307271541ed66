/**
 * One vocabulary between the simulator and the client (issue 41 item 2): every account change
 * type the simulator can push is one the protocol knows (the simulator's change types are typed
 * by protocol's AccountChangeType, so a free string does not compile), and the client, reading
 * the real simulator's pushes over 127.0.0.1, counts and logs none of them as unknown.
 */
import {
  type AccountChangeType,
  KNOWN_ACCOUNT_CHANGE_TYPES,
  type TriggerStateCode,
  type TriggerTypeCode,
  UNKNOWN,
} from "@mexc-live/protocol";
import {
  DEPOSIT_STATUSES,
  type DepositStatus,
  TRANSFER_STATUSES,
  type TransferStatus,
  WITHDRAW_STATUSES,
  type WithdrawStatus,
} from "@mexc-live/protocol/wallet";
import type {
  BalanceEvent,
  SimDeposit,
  SimInternalTransfer,
  SimTransfer,
  SimTrigger,
  SimWithdrawal,
} from "@mexc-live/simulator";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import { type Harness, startHarness } from "../../test/soak/harness.js";
import { fillFromRest, orderFromRest } from "../rest/toEvents.js";
import {
  conversionFromRest,
  depositFromRest,
  internalTransferFromRest,
  transferFromRest,
  withdrawalFromRest,
} from "../rest/walletEvents.js";

const DEMO = "demo";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** A harness with the demo trader off (only the changes the test makes) and every delivered balance change type. */
async function quietHarness(seed: number): Promise<{ h: Harness; types: string[] }> {
  harness = await startHarness({ sim: { seed, demoTrader: false } });
  const h = harness;
  const types: string[] = [];
  h.stream.on("event", (event) => {
    if (event.type === "balance") types.push(event.changeType);
  });
  await h.waitFor("the first reconciliation", () => h.stream.stats().reconciliations >= 1);
  return { h, types };
}

describe("the simulator's account change types, read by the client", () => {
  it("a dust conversion to MX is pushed as SMALL_COIN_CONVERT and the client knows it: delivered, nothing counted unknown", async () => {
    const { h, types } = await quietHarness(4101);
    h.sim.exchange.credit(DEMO, "SOL", "0.01", "DEPOSIT");
    await h.admin("/_sim/convert", { assets: ["SOL"] });
    await h.waitFor("the conversion's pushes", () => types.filter((type) => type === "SMALL_COIN_CONVERT").length >= 2);
    expect(h.stream.stats().unknownValues).toEqual({});
  });

  it("every value of the protocol's list, pushed by the simulator, arrives and none is counted unknown", async () => {
    const { h, types } = await quietHarness(4102);
    for (const type of KNOWN_ACCOUNT_CHANGE_TYPES) h.sim.exchange.credit(DEMO, "USDT", "1", type);
    await h.waitFor("every type delivered", () => KNOWN_ACCOUNT_CHANGE_TYPES.every((type) => types.includes(type)));
    expect(h.stream.stats().unknownValues).toEqual({});
  });

  it("the simulator's pushed change type and its credit are typed by the protocol's list (checked by tsc)", () => {
    expectTypeOf<BalanceEvent["changeType"]>().toEqualTypeOf<AccountChangeType>();
    expectTypeOf<Parameters<Harness["sim"]["exchange"]["credit"]>[3]>().toEqualTypeOf<AccountChangeType | undefined>();
    // A stop-limit order's trigger (orders push fields 18 and 20): codes of protocol's tables.
    expectTypeOf<SimTrigger["type"]>().toEqualTypeOf<TriggerTypeCode>();
    expectTypeOf<SimTrigger["state"]>().toEqualTypeOf<TriggerStateCode>();
  });
});

describe("the simulator's REST answers, read by the client", () => {
  it("every order, trade and wallet row it answers holds only values the protocol knows; nothing counted unknown", async () => {
    harness = await startHarness({ sim: { seed: 4103, speed: 30 } }); // the demo trader on: orders, fills, cancels
    const h = harness;
    await h.waitFor("the first reconciliation", () => h.stream.stats().reconciliations >= 1);
    await h.admin("/_sim/deposit", { asset: "USDT", amount: "100" });
    await h.admin("/_sim/withdraw", { asset: "USDT", amount: "20" });
    await h.admin("/_sim/transfer", { asset: "USDT", amount: "5", direction: "out" });
    await h.admin("/_sim/internalTransfer", { asset: "USDT", amount: "2", direction: "out" });
    await h.admin("/_sim/internalTransfer", { asset: "USDT", amount: "3", direction: "in" });
    h.sim.exchange.credit(DEMO, "SOL", "0.01", "DEPOSIT");
    await h.admin("/_sim/convert", { assets: ["SOL"] });
    await h.waitFor("some fills", () => h.stream.stats().delivered.stream >= 20);
    await h.stream.reconcileNow("vocabulary");

    const { client } = h;
    const now = Date.now();
    let orders = 0;
    for (const { symbol } of (await client.exchangeInfo()).symbols) {
      for (const row of await client.allOrders(symbol)) {
        const order = orderFromRest(row, now);
        expect(order.rawValues, `${symbol} order ${row.orderId}`).toBeUndefined();
        expect([order.status, order.orderType]).not.toContain(UNKNOWN);
        orders++;
      }
      for (const row of await client.myTrades(symbol)) expect(() => fillFromRest(row, now)).not.toThrow();
    }
    expect(orders).toBeGreaterThan(0);

    const deposits = (await client.deposits()).map(depositFromRest);
    const withdrawals = (await client.withdrawals()).map(withdrawalFromRest);
    const transfers = (await client.transfers({ from: "SPOT", to: "FUTURES" })).rows.map(transferFromRest);
    const internal = (await client.internalTransfers()).data.map((row) => internalTransferFromRest(row, withdrawals));
    const converted = (await client.dustLog()).data.flatMap(conversionFromRest);
    for (const [rows, table] of [
      [deposits, DEPOSIT_STATUSES],
      [withdrawals, WITHDRAW_STATUSES],
      [transfers, TRANSFER_STATUSES],
      [internal, TRANSFER_STATUSES],
      [converted, TRANSFER_STATUSES],
    ] as const) {
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(table[row.status as never], `${row.type} status ${row.status}`).toBeDefined();
    }
    expect(h.stream.stats().unknownValues).toEqual({});
    expect(await h.settle()).toEqual([]);
  });

  it("the simulator's wallet records are typed by the protocol's status tables (checked by tsc)", () => {
    expectTypeOf<SimDeposit["status"]>().toEqualTypeOf<DepositStatus>();
    expectTypeOf<SimWithdrawal["status"]>().toEqualTypeOf<WithdrawStatus>();
    expectTypeOf<SimTransfer["status"]>().toEqualTypeOf<TransferStatus>();
    expectTypeOf<SimInternalTransfer["status"]>().toEqualTypeOf<TransferStatus>();
  });
});
