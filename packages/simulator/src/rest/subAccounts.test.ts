import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_JSON, DOCS_ACCOUNT, sendSigned, testSimulator } from "../../test/restKit.js";
import type { SimulatorParts } from "../simulator.js";

/**
 * A main account reads its sub-accounts and their keys' permissions (MEXC's "Query Sub-account
 * List" and "Query the APIKey of a sub-account", both for the master account;
 * docs/mexc/undocumented.md#fills-and-keys item 11.32): the demo account is the main account of
 * sub1 and sub2; a sub-account's key is refused; every key reads only, unless told.
 */
let sim: SimulatorParts;
beforeEach(() => {
  sim = testSimulator({ accounts: 3, keyPermissions: { sub2: ["SPOT_ACCOUNT_READ", "SPOT_DEAL_WRITE"] } });
});
afterEach(() => sim.close());

const as = (name: string) => {
  const credentials = sim.accounts.find((account) => account.name === name)!;
  return async (path: string, params: Record<string, string> = {}) => {
    const response = await sendSigned(sim, credentials, "GET", path, params);
    return { status: response.statusCode, body: response.json() };
  };
};

describe("sub-accounts and their keys, read with the main account's key", () => {
  it("lists the demo account's sub-accounts, and each one's key with its permissions", async () => {
    const demo = as("demo");
    const list = await demo("/api/v3/sub-account/list");
    expect(list.body.subAccounts.map((sub: { subAccount: string }) => sub.subAccount)).toEqual(["sub1", "sub2"]);
    const sub2 = await demo("/api/v3/sub-account/apiKey", { subAccount: "sub2" });
    expect(sub2.body).toEqual({
      subAccount: [
        {
          note: "",
          apiKey: sim.accounts.find((account) => account.name === "sub2")!.apiKey,
          permissions: "SPOT_ACCOUNT_READ,SPOT_DEAL_WRITE",
          ip: "",
          createTime: expect.any(Number),
        },
      ],
    });
    const sub1 = await demo("/api/v3/sub-account/apiKey", { subAccount: "sub1" });
    expect(sub1.body.subAccount[0].permissions).toBe("SPOT_ACCOUNT_READ,SPOT_DEAL_READ");
  });

  it("refuses a sub-account's key (700007), names no sub-account it does not have (140001), lists none for a lone account", async () => {
    expect((await as("sub1")("/api/v3/sub-account/list")).body).toMatchObject({ code: 700007 });
    expect((await as("sub1")("/api/v3/sub-account/apiKey", { subAccount: "sub2" })).body).toMatchObject({
      code: 700007,
    });
    expect((await as("demo")("/api/v3/sub-account/apiKey", { subAccount: "docs" })).body).toMatchObject({
      code: 140001,
    });
    expect((await as(DOCS_ACCOUNT.account)("/api/v3/sub-account/list")).body).toEqual({ subAccounts: [] });
  });

  it("POST /_sim/keyPermissions changes what the main account reads; a name that is not MEXC's is refused", async () => {
    const post = (body: unknown) =>
      sim.app.inject({
        method: "POST",
        url: "/_sim/keyPermissions",
        headers: ADMIN_JSON,
        payload: JSON.stringify(body),
      });
    const changed = await post({ account: "sub1", permissions: ["SPOT_ACCOUNT_READ", "SPOT_TRANSFER_WRITE"] });
    expect(changed.json()).toEqual({ account: "sub1", permissions: ["SPOT_ACCOUNT_READ", "SPOT_TRANSFER_WRITE"] });
    const read = await as("demo")("/api/v3/sub-account/apiKey", { subAccount: "sub1" });
    expect(read.body.subAccount[0].permissions).toBe("SPOT_ACCOUNT_READ,SPOT_TRANSFER_WRITE");
    expect((await post({ account: "sub1", permissions: ["<script>"] })).statusCode).toBe(400);
    expect(
      (await post({ account: "sub1", permissions: Array.from({ length: 33 }, (_, i) => `P${i}`) })).statusCode,
    ).toBe(400);
    expect((await post({ account: "nobody", permissions: [] })).statusCode).toBe(404);
  });
});
