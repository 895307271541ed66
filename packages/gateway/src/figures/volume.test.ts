import { describe, expect, it } from "vitest";
import { utcDay, VolumeBook, volumeByDay } from "./volume.js";

const BEFORE_MIDNIGHT = Date.parse("2025-01-01T23:59:59.999Z");
const MIDNIGHT = Date.parse("2025-01-02T00:00:00.000Z");

describe("volume per symbol and UTC day", () => {
  it("puts fills either side of UTC midnight in different days", () => {
    expect(utcDay(BEFORE_MIDNIGHT)).toBe("2025-01-01");
    expect(utcDay(MIDNIGHT)).toBe("2025-01-02");
    const items = volumeByDay([
      { symbol: "BTCUSDT", time: BEFORE_MIDNIGHT, amount: "10.1", amountValue: "10.1" },
      { symbol: "BTCUSDT", time: BEFORE_MIDNIGHT - 1_000, amount: "0.2", amountValue: "0.2" },
      { symbol: "BTCUSDT", time: MIDNIGHT, amount: "5", amountValue: "5" },
      { symbol: "ETHBTC", time: MIDNIGHT + 1, amount: "0.07", amountValue: "3500" },
    ]);
    expect(items).toEqual([
      { day: "2025-01-01", symbol: "BTCUSDT", quoteVolume: "10.3", value: "10.3", fills: 2 },
      { day: "2025-01-02", symbol: "BTCUSDT", quoteVolume: "5", value: "5", fills: 1 },
      { day: "2025-01-02", symbol: "ETHBTC", quoteVolume: "0.07", value: "3500", fills: 1 },
    ]);
  });

  it("says a day's value is null when one of its fills had no value", () => {
    const book = new VolumeBook();
    book.apply({ symbol: "KASUSDC", time: MIDNIGHT, amount: "1", amountValue: "1" });
    book.apply({ symbol: "KASUSDC", time: MIDNIGHT + 5, amount: "2", amountValue: null });
    expect(book.items()).toEqual([{ day: "2025-01-02", symbol: "KASUSDC", quoteVolume: "3", value: null, fills: 2 }]);
  });

  it("filters by symbol and by the days a time range touches", () => {
    const book = new VolumeBook();
    book.apply({ symbol: "BTCUSDT", time: BEFORE_MIDNIGHT, amount: "1", amountValue: "1" });
    book.apply({ symbol: "BTCUSDT", time: MIDNIGHT, amount: "2", amountValue: "2" });
    book.apply({ symbol: "ETHUSDT", time: MIDNIGHT, amount: "3", amountValue: "3" });
    expect(book.items({ from: MIDNIGHT + 3_600_000 }).map((i) => `${i.day} ${i.symbol}`)).toEqual([
      "2025-01-02 BTCUSDT",
      "2025-01-02 ETHUSDT",
    ]);
    expect(book.items({ symbol: "BTCUSDT", to: BEFORE_MIDNIGHT }).map((i) => i.quoteVolume)).toEqual(["1"]);
  });
});
