import { describe, expect, it } from "vitest";
import { KNOWN_ACCOUNT_CHANGE_TYPES } from "./enums.js";
import {
  assetOfCoin,
  BALANCE_READ_CHANGE_TYPE,
  depositState,
  LEDGER_KINDS,
  ledgerKindOf,
  transferState,
  withdrawalState,
} from "./wallet.js";

describe("account change types", () => {
  it("gives every documented type a kind other than unknown", () => {
    for (const type of KNOWN_ACCOUNT_CHANGE_TYPES) expect(ledgerKindOf(type), type).not.toBe("unknown");
  });

  it("says what each is", () => {
    expect(ledgerKindOf("ENTRUST")).toBe("trade");
    expect(ledgerKindOf("TRADE_FEE")).toBe("trade_fee");
    expect(ledgerKindOf("ENTRUST_PLACE")).toBe("order_freeze");
    expect(ledgerKindOf("ENTRUST_CANCEL")).toBe("order_unfreeze");
    expect(ledgerKindOf("ENTRUST_UNFROZEN")).toBe("order_unfreeze");
    expect(ledgerKindOf("WITHDRAW")).toBe("withdrawal");
    expect(ledgerKindOf("WITHDRAW_FEE")).toBe("withdrawal_fee");
    expect(ledgerKindOf("DEPOSIT")).toBe("deposit");
    expect(ledgerKindOf("CONTRACT_TRANSFER")).toBe("transfer");
    expect(ledgerKindOf("SUGAR")).toBe("airdrop");
    // The client's read of a balance from REST (at start, after a gap): a kind of its own, not "unknown".
    expect(ledgerKindOf(BALANCE_READ_CHANGE_TYPE)).toBe("balance_read");
  });

  it("keeps a type it does not know as unknown, and reads a conversion by its name", () => {
    expect(ledgerKindOf("SOMETHING_NEW")).toBe("unknown");
    expect(ledgerKindOf("")).toBe("unknown");
    expect(ledgerKindOf("SMALL_COIN_CONVERT")).toBe("conversion");
    expect(ledgerKindOf("INTERNAL_TRANSFER_IN")).toBe("internal_transfer");
    expect(LEDGER_KINDS).toContain("conversion");
  });
});

describe("wallet statuses", () => {
  it("reads a status as a number or as the string ccxt printed", () => {
    expect(depositState(5)).toBe("completed");
    expect(depositState("5")).toBe("completed");
    expect(depositState(12)).toBe("completed");
    expect(depositState(7)).toBe("failed");
    expect(depositState(4)).toBe("pending");
    expect(withdrawalState("7")).toBe("completed");
    expect(withdrawalState(8)).toBe("failed");
    expect(withdrawalState(9)).toBe("canceled");
    expect(withdrawalState(1)).toBe("pending");
    expect(transferState("SUCCESS")).toBe("completed");
    expect(transferState("WAIT")).toBe("pending");
    expect(transferState("FAILED")).toBe("failed");
  });

  it("never takes an unknown status for done", () => {
    expect(depositState(99)).toBe("pending");
    expect(withdrawalState("x")).toBe("pending");
    expect(transferState("NEWLY_INVENTED")).toBe("pending");
  });

  it("strips the network MEXC appends to some coins", () => {
    expect(assetOfCoin("USDC-TRX")).toBe("USDC");
    expect(assetOfCoin("USDT")).toBe("USDT");
  });
});
