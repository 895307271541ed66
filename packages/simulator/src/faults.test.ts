import { describe, expect, it } from "vitest";
import { createFaultPlan, FAULT_DEFAULT_RATES, FAULT_NAMES, parseFaultSpec } from "./faults.js";
import { createRandom } from "./random.js";

describe("parseFaultSpec", () => {
  it("reads name=rate pairs and gives a bare name its default rate", () => {
    const rates = parseFaultSpec("drop=0.05, stall ,http5xx=1");
    expect(Object.fromEntries(rates)).toEqual({ drop: 0.05, stall: FAULT_DEFAULT_RATES.stall, http5xx: 1 });
  });

  it("turns every fault on with `all`, and later items override it", () => {
    const rates = parseFaultSpec("all,drop=0,http429=0.5");
    for (const name of FAULT_NAMES) {
      const expected = name === "drop" ? 0 : name === "http429" ? 0.5 : FAULT_DEFAULT_RATES[name];
      expect(rates.get(name), name).toBe(expected);
    }
  });

  it("treats an empty spec and `none` as no faults", () => {
    expect(parseFaultSpec("").size).toBe(0);
    expect(parseFaultSpec("  none ").size).toBe(0);
  });

  it("names an unknown fault and lists the known ones", () => {
    expect(() => parseFaultSpec("drop,explode=0.1")).toThrow(
      'unknown fault "explode" (known: drop, stall, expire-listen-keys, refuse, http429, http5xx, malformed, depth-gap, unknown-enum, maintenance, all)',
    );
  });

  it.each(["abc", "1.5", "-0.1", "1e-3", ""])("names the fault whose rate %j is not a number from 0 to 1", (rate) => {
    expect(() => parseFaultSpec(`stall=${rate}`)).toThrow(`bad rate "${rate}" for fault "stall"`);
  });
});

describe("createFaultPlan", () => {
  it("reports a normalized spec in a fixed order without zero rates", () => {
    const plan = createFaultPlan("http5xx=0.1,drop=0.05,stall=0", createRandom(1));
    expect(plan.spec()).toBe("drop=0.05,http5xx=0.1");
  });

  it("never fires a fault that is off and always fires one at rate 1", () => {
    const plan = createFaultPlan("drop=1", createRandom(1));
    for (let i = 0; i < 100; i++) {
      expect(plan.roll("drop")).toBe(true);
      expect(plan.roll("stall")).toBe(false);
    }
  });

  it("fires at about its rate, reproducibly for a seed", () => {
    const draws = (seed: number) => {
      const plan = createFaultPlan("malformed=0.25", createRandom(seed));
      return Array.from({ length: 4000 }, () => plan.roll("malformed"));
    };
    const hits = draws(7).filter(Boolean).length;
    expect(hits).toBeGreaterThan(850);
    expect(hits).toBeLessThan(1150);
    expect(draws(7)).toEqual(draws(7));
  });

  it("swaps the spec at run time, keeps the old one when the new one is bad, and clears with an empty spec", () => {
    const plan = createFaultPlan("drop=0.1", createRandom(1));
    plan.set("refuse=0.2");
    expect(plan.spec()).toBe("refuse=0.2");
    expect(() => plan.set("refuse=2")).toThrow('bad rate "2" for fault "refuse"');
    expect(plan.spec()).toBe("refuse=0.2");
    plan.set("");
    expect(plan.spec()).toBe("");
    expect(plan.rate("refuse")).toBe(0);
  });

  it("counts the faults its callers report as injected", () => {
    const plan = createFaultPlan("", createRandom(1));
    plan.count("http5xx");
    plan.count("http5xx");
    plan.count("drop");
    expect(plan.injected()).toMatchObject({ http5xx: 2, drop: 1, stall: 0 });
  });
});
