import { describe, expect, it } from "vitest";
import { historyRequestSchema } from "./redisHistoryWire.js";

const periods = (tz: string) => ({
  id: "1",
  replyTo: "web-1",
  method: "pnlPeriods",
  query: { period: "day", from: 0, to: 1, tz },
});

describe("a history request's time zone over Redis", () => {
  it("reaches the collector in the canonical spelling, whatever the letter case sent", () => {
    const request = historyRequestSchema.parse(periods("america/SANTIAGO"));
    expect(request.query).toMatchObject({ tz: "America/Santiago" });
  });

  it("is refused when the runtime does not know it or it is longer than 64 characters", () => {
    expect(historyRequestSchema.safeParse(periods("Mars/Olympus")).success).toBe(false);
    expect(historyRequestSchema.safeParse(periods("A".repeat(65))).success).toBe(false);
  });
});
