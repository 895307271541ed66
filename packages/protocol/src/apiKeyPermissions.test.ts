import { describe, expect, it } from "vitest";
import { keyAbilities, parseKeyPermissions } from "./apiKeyPermissions.js";

describe("an API key's permissions (MEXC's names)", () => {
  it("read as MEXC's sub-account key list sends them, comma-separated", () => {
    expect(parseKeyPermissions("SPOT_ACCOUNT_READ,SPOT_ACCOUNT_WRITE")).toEqual([
      "SPOT_ACCOUNT_READ",
      "SPOT_ACCOUNT_WRITE",
    ]);
    expect(parseKeyPermissions(" SPOT_DEAL_READ , ,")).toEqual(["SPOT_DEAL_READ"]);
    expect(parseKeyPermissions("")).toEqual([]);
  });

  it("say what a key can do beyond reading: trade, move funds, other writes (a new *_WRITE counts)", () => {
    expect(keyAbilities(["SPOT_ACCOUNT_READ", "SPOT_DEAL_READ"])).toEqual({
      trade: false,
      moveFunds: false,
      otherWrites: [],
    });
    expect(keyAbilities(["SPOT_DEAL_WRITE"])).toMatchObject({ trade: true, moveFunds: false });
    expect(keyAbilities(["CONTRACT_DEAL_WRITE"]).trade).toBe(true);
    expect(keyAbilities(["SPOT_TRANSFER_WRITE"])).toMatchObject({ trade: false, moveFunds: true });
    expect(keyAbilities(["SPOT_WITHDRAW_WRITE"]).moveFunds).toBe(true);
    expect(keyAbilities(["SPOT_ACCOUNT_WRITE", "EARN_WRITE"]).otherWrites).toEqual([
      "SPOT_ACCOUNT_WRITE",
      "EARN_WRITE",
    ]);
  });
});
