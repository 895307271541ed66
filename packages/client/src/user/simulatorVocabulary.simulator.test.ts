/**
 * One vocabulary between the simulator and the client (issue 41 item 2): every account change
 * type the simulator can push is one the protocol knows (the simulator's change types are typed
 * by protocol's AccountChangeType, so a free string does not compile), and the client, reading
 * the real simulator's pushes over 127.0.0.1, counts and logs none of them as unknown.
 */
import { type AccountChangeType, KNOWN_ACCOUNT_CHANGE_TYPES } from "@mexc-live/protocol";
import type { BalanceEvent } from "@mexc-live/simulator";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import { type Harness, startHarness } from "../../test/soak/harness.js";

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
  });
});
