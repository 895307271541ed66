/**
 * A withdrawal's 2026 fields (JKorf/Mexc.Net da7270a, 8915b00): `explorerUrl` becomes the
 * transfer's link to its block explorer page, `withdrawOrderId` its own id; either, outside its
 * bounds (protocol's linkProblem, clientIdProblem), refuses the row naming the field, as every other value.
 */
import { MAX_CLIENT_ID_CHARS, MAX_URL_CHARS } from "@mexc-live/protocol";
import type { RestWithdrawal } from "@mexc-live/protocol/rest";
import { describe, expect, it } from "vitest";
import { withdrawalFromRest } from "./walletEvents.js";

const ROW: RestWithdrawal = {
  id: "bb17a2d452684f00a523c015d512a341",
  coin: "USDT",
  network: "Tron(TRC20)",
  address: "TArGWdTApuuZtiWMjupXqbZqQYsBTy126o",
  amount: "11",
  transferType: 0,
  status: 7,
  transactionFee: "1",
  applyTime: Date.now() - 60_000,
  transHash: "7f3a",
};

describe("a withdrawal's explorer link and own id", () => {
  it("are carried when MEXC sends them, absent when empty or null", () => {
    const explorerUrl = "https://tronscan.org/#/transaction/7f3a";
    expect(withdrawalFromRest({ ...ROW, explorerUrl, withdrawOrderId: "client-withdraw-123" })).toMatchObject({
      explorerUrl,
      withdrawOrderId: "client-withdraw-123",
      amount: "10",
    });
    const none = withdrawalFromRest({ ...ROW, explorerUrl: "", withdrawOrderId: null });
    expect(none).not.toHaveProperty("explorerUrl");
    expect(none).not.toHaveProperty("withdrawOrderId");
  });

  it("refuse the row, naming the field, beyond their bounds or when the link is not http(s)", () => {
    const longest = `https://x.io/${"a".repeat(MAX_URL_CHARS - 13)}`;
    expect(withdrawalFromRest({ ...ROW, explorerUrl: longest }).explorerUrl).toBe(longest);
    expect(() => withdrawalFromRest({ ...ROW, explorerUrl: `${longest}a` })).toThrow(
      expect.objectContaining({ code: "OUT_OF_BOUNDS", field: "withdrawal.explorerUrl" }),
    );
    expect(() => withdrawalFromRest({ ...ROW, explorerUrl: "javascript:alert(1)" })).toThrow(
      expect.objectContaining({ field: "withdrawal.explorerUrl" }),
    );
    expect(
      withdrawalFromRest({ ...ROW, withdrawOrderId: "i".repeat(MAX_CLIENT_ID_CHARS) }).withdrawOrderId,
    ).toHaveLength(MAX_CLIENT_ID_CHARS);
    expect(() => withdrawalFromRest({ ...ROW, withdrawOrderId: "i".repeat(MAX_CLIENT_ID_CHARS + 1) })).toThrow(
      expect.objectContaining({ field: "withdrawal.withdrawOrderId" }),
    );
  });
});
