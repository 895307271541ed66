import { describe, expect, it } from "vitest";
import { createFieldMask } from "./fieldMask.js";

describe("field masks", () => {
  const item = { orderId: "C02__1234", clientOrderId: "my-strategy-7", symbol: "BTCUSDT" };

  it("leaves items alone when nothing is masked", () => {
    const mask = createFieldMask([]);
    expect(mask(item)).toBe(item);
  });

  it("replaces the chosen fields by a stable pseudonym and keeps the rest", () => {
    const mask = createFieldMask(["clientOrderId"]);
    const masked = mask(item);
    expect(masked.clientOrderId).toMatch(/^masked-[0-9a-f]{12}$/);
    expect(masked.clientOrderId).not.toContain("strategy");
    expect(masked.orderId).toBe(item.orderId);
    expect(mask({ ...item }).clientOrderId).toBe(masked.clientOrderId);
    expect(mask({ ...item, clientOrderId: "other" }).clientOrderId).not.toBe(masked.clientOrderId);
    expect(item.clientOrderId).toBe("my-strategy-7");
  });

  it("keeps an empty id empty", () => {
    expect(createFieldMask(["clientOrderId"])({ clientOrderId: "" }).clientOrderId).toBe("");
  });
});
