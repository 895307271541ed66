import { MexcApiError } from "@mexc-live/protocol";
import type { RestSubAccountApiKeys, RestSubAccountList } from "@mexc-live/protocol/rest";
import { describe, expect, it } from "vitest";
import {
  DEMO_MAIN_KEY,
  type KeyCheckAccount,
  KeyPermissionCheck,
  MAIN_KEY_UNKNOWN,
  NO_MAIN_KEY,
} from "./keyPermissionCheck.js";

/**
 * What the configured keys may do (docs/mexc/undocumented.md#fills-and-keys item 11.32): a main
 * account's key reads its sub-accounts' keys with their permissions; a sub-account's key is refused
 * the list. "main" is the main account of "sub1" (can trade), "sub2" (reads only) and "sub3" (not
 * configured); "other" is a sub-account's key whose main account is not configured.
 */
const KEYS: Readonly<Record<string, RestSubAccountApiKeys>> = {
  sub1: { subAccount: [{ apiKey: "mx0sub1", permissions: "SPOT_ACCOUNT_READ,SPOT_DEAL_WRITE" }] },
  sub2: { subAccount: [{ apiKey: "mx0sub2", permissions: "SPOT_ACCOUNT_READ,SPOT_DEAL_READ" }] },
  sub3: { subAccount: [{ apiKey: "mx0sub3", permissions: "SPOT_ACCOUNT_READ,SPOT_TRANSFER_WRITE" }] },
};
const refused = () =>
  new MexcApiError({
    status: 403,
    mexcCode: 700007,
    class: "not_retryable",
    kind: "no_permission",
    mexcMessage: "No permission to access the endpoint",
  });

function setup(configured: readonly string[], mainKeyNote?: string) {
  const calls: string[] = [];
  const said: { level: string; message: string }[] = [];
  const account = (name: string, main: boolean): KeyCheckAccount => ({
    name,
    apiKey: `mx0${name}`,
    endpoints: {
      async subAccounts(): Promise<RestSubAccountList> {
        calls.push(`${name}: list`);
        if (!main) throw refused();
        return { subAccounts: ["sub1", "sub2", "sub3"].map((subAccount) => ({ subAccount })) };
      },
      async subAccountApiKeys(subAccount: string): Promise<RestSubAccountApiKeys> {
        calls.push(`${name}: keys of ${subAccount}`);
        if (!main) throw refused();
        return KEYS[subAccount]!;
      },
    },
  });
  const logger = {
    debug: () => {},
    info: (_: unknown, message: string) => void said.push({ level: "info", message }),
    warn: (_: unknown, message: string) => void said.push({ level: "warn", message }),
    error: () => {},
    child: () => logger,
  };
  const check = new KeyPermissionCheck({
    accounts: configured.map((name) => account(name, name === "main")),
    logger: logger as never,
    now: () => 1_000,
    ...(mainKeyNote === undefined ? {} : { mainKeyNote }),
  });
  return { check, calls, said };
}

describe("the configured keys' permissions", () => {
  it("a sub-account key that can trade is warned about in words; one that reads is said so; the main key cannot be told", async () => {
    const { check, said } = setup(["main", "sub1", "sub2"]);
    await check.run();
    expect(check.of("sub1")).toEqual({
      permissions: ["SPOT_ACCOUNT_READ", "SPOT_DEAL_WRITE"],
      writes: true,
      note: "this key can trade: a monitor needs read only; take the permission off on MEXC's API management page",
      checkedAt: 1_000,
    });
    expect(check.of("sub2")).toMatchObject({ writes: false, note: "this key reads only, as a monitor needs" });
    expect(check.of("main")).toEqual({ permissions: null, writes: false, note: MAIN_KEY_UNKNOWN, checkedAt: null });
    expect(said.filter((line) => line.level === "warn").map((line) => line.message)).toEqual([
      `account "sub1": ${check.of("sub1")!.note}`,
    ]);
  });

  it("in demo mode the main key is the simulator's: no word of checking MEXC's API management page", async () => {
    const { check, said } = setup(["main", "sub1"], DEMO_MAIN_KEY);
    await check.run();
    expect(check.of("main")).toEqual({ permissions: null, writes: false, note: DEMO_MAIN_KEY, checkedAt: null });
    expect(said.map((line) => line.message).filter((message) => message.includes("API management page"))).toEqual([
      `account "sub1": ${check.of("sub1")!.note}`,
    ]);
    expect(said).toContainEqual({ level: "info", message: `account "main": ${DEMO_MAIN_KEY}` });
  });

  it("a sub-account's key whose main account is not configured: health says it cannot be told", async () => {
    const { check } = setup(["other"]);
    await check.run();
    expect(check.of("other")).toEqual({ permissions: null, writes: false, note: NO_MAIN_KEY, checkedAt: null });
  });

  it("is bounded: a sub-account's key is asked for the list once; later runs read only the keys' holders", async () => {
    const { check, calls, said } = setup(["main", "sub1", "sub2"]);
    await check.run();
    expect(calls).toEqual([
      "main: list",
      "sub1: list",
      "sub2: list",
      "main: keys of sub1",
      "main: keys of sub2",
      "main: keys of sub3",
    ]);
    calls.length = 0;
    const lines = said.length;
    await check.run();
    expect(calls).toEqual(["main: list", "main: keys of sub1", "main: keys of sub2"]);
    // Nothing changed: nothing said again.
    expect(said).toHaveLength(lines);
  });

  it("only reads: the endpoints it is given are MEXC's two reads, and nothing else is called", async () => {
    const { check, calls } = setup(["main", "sub1"]);
    await check.run();
    expect(calls.every((call) => / (list|keys of sub\d)$/.test(call))).toBe(true);
  });
});
