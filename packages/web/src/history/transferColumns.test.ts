import { describe, expect, it } from "vitest";
import { ledgerCause, ledgerTypeText } from "./ledgerColumns.js";
import { transferTypeText } from "./transferColumns.js";

describe("wallet moves in words", () => {
  it("names internal transfers and dust conversions apart from transfers between the account's wallets", () => {
    expect(transferTypeText({ type: "internal_transfer", direction: "out" })).toBe("Internal transfer out");
    expect(transferTypeText({ type: "internal_transfer", direction: "in" })).toBe("Internal transfer in");
    expect(transferTypeText({ type: "conversion", direction: "out" })).toBe("Converted to MX");
    expect(transferTypeText({ type: "conversion", direction: "in" })).toBe("MX from conversion");
    expect(transferTypeText({ type: "transfer", direction: "in" })).toBe("Transfer in");
  });

  it("says which internal transfer or conversion a ledger entry came from", () => {
    const item = {
      id: "1",
      time: 0,
      asset: "USDT",
      type: "internal_transfer" as const,
      rawType: "DEPOSIT",
      change: "40",
      freeChange: "40",
      lockedChange: "0",
      balance: "40",
      ref: { kind: "transfer" as const, id: "got" },
    };
    expect(ledgerTypeText(item)).toBe("Internal transfer");
    expect(ledgerCause(item)).toEqual({ words: "internal transfer", id: "got" });
  });
});
