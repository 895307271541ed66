import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Decimal, fmt } from "@mexc-live/protocol";
import fc from "fast-check";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../../test/e2eKit.js";
import { ECB_LINES, ecbFile } from "../../test/ecbRates.js";
import { importRates } from "../ingest/imports/importRates.js";
import { ExchangeRateStore, MAX_RANGE_DAYS, RATE_LOOKBACK_DAYS } from "./exchangeRates.js";
import { addDays, convertUsd, dayRuns, USDT_AT_PAR_NOTE } from "./usdConversion.js";

const dir = tempDir("exchange-rates");
afterAll(() => dir.remove());
const open: ExchangeRateStore[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

/** A store holding the ECB's days from 2025-12-22 to 2026-01-05 (its Christmas: none from the 25th to the 28th). */
async function christmas2025(path = ":memory:"): Promise<ExchangeRateStore> {
  const store = new ExchangeRateStore(path);
  open.push(store);
  await importRates(store, ecbFile(ECB_LINES.slice(3, 11)));
  return store;
}

describe("rateOn: the rates of a day, or of the last day before it the ECB published", () => {
  it("gives a day's own rates, and a holiday or weekend the last published before it", async () => {
    const store = await christmas2025();
    expect(store.rateOn("JPY", "2025-12-24")).toEqual({
      currency: "JPY",
      day: "2025-12-24",
      rateDay: "2025-12-24",
      usdPerEuro: "1.1787",
      currencyPerEuro: "183.83",
    });
    // Christmas, Boxing Day and the weekend after: the 24th's rates.
    for (const day of ["2025-12-25", "2025-12-26", "2025-12-27", "2025-12-28"]) {
      expect(store.rateOn("JPY", day)?.rateDay).toBe("2025-12-24");
    }
    // New Year's Day: the 31st's.
    expect(store.rateOn("GBP", "2026-01-01")).toMatchObject({ rateDay: "2025-12-31", currencyPerEuro: "0.8726" });
    // EUR: one euro is one euro; USD needs no rate.
    expect(store.rateOn("EUR", "2026-01-04")).toMatchObject({
      rateDay: "2026-01-02",
      currencyPerEuro: "1",
      usdPerEuro: "1.1721",
    });
    expect(store.rateOn("USD", "1990-01-01")).toMatchObject({ usdPerEuro: "1", currencyPerEuro: "1" });
  });

  it("knows no day outside the days the imported files cover, however near", async () => {
    const store = await christmas2025();
    // 2026-01-06: after the file's newest day. The ECB published that day; the file did not have it yet.
    expect(store.rateOn("JPY", "2026-01-06")).toBeUndefined();
    expect(store.rateOn("JPY", "2025-12-21")).toBeUndefined();
    // A newer file covers it.
    await importRates(store, ecbFile(ECB_LINES.slice(0, 3)));
    expect(store.coverage()).toEqual([
      { start: "2025-12-22", end: "2026-01-05" },
      { start: "2026-04-09", end: "2026-04-13" },
    ]);
    expect(store.rateOn("JPY", "2026-04-12")?.rateDay).toBe("2026-04-10");
    expect(store.rateOn("JPY", "2026-01-06")).toBeUndefined();
  });

  it(`looks back at most ${RATE_LOOKBACK_DAYS} days, and only for days both currencies were published`, async () => {
    const store = new ExchangeRateStore(":memory:");
    open.push(store);
    // The file's two days of 1999, and 2026-04-13: one span from 1999 to 2026 with nothing between.
    await importRates(store, ecbFile([ECB_LINES[0]!, ECB_LINES[11]!, ECB_LINES[12]!]));
    expect(store.rateOn("JPY", `1999-01-${String(5 + RATE_LOOKBACK_DAYS).padStart(2, "0")}`)?.rateDay).toBe(
      "1999-01-05",
    );
    expect(store.rateOn("JPY", `1999-01-${String(6 + RATE_LOOKBACK_DAYS).padStart(2, "0")}`)).toBeUndefined();
    // The Cyprus pound: published in 1999, N/A on 2026-04-13; the lira (TRL) the same.
    expect(store.rateOn("CYP", "1999-01-05")?.currencyPerEuro).toBe("0.5823");
    expect(store.rateOn("CYP", "2026-04-13")).toBeUndefined();
  });

  it("lists the days of a range without rates, for the tax report to refuse with", async () => {
    const store = await christmas2025();
    expect(store.missingDays("JPY", "2025-12-20", "2026-01-07")).toEqual([
      "2025-12-20",
      "2025-12-21",
      "2026-01-06",
      "2026-01-07",
    ]);
    const year = store.missingDays("CHF", "2025-01-01", "2025-12-31");
    expect(dayRuns(year)).toEqual(["2025-01-01 to 2025-12-21"]);
    expect(store.missingDays("CYP", "2025-12-22", "2025-12-23")).toEqual(["2025-12-22", "2025-12-23"]);
    // At the bound: every day but the 15 from 2025-12-22 to 2026-01-05.
    const last = addDays("2000-01-01", MAX_RANGE_DAYS - 1);
    expect(store.missingDays("JPY", "2000-01-01", last)).toHaveLength(MAX_RANGE_DAYS - 15);
    expect(() => store.missingDays("JPY", "2000-01-01", addDays(last, 1))).toThrow(`${MAX_RANGE_DAYS + 1} days`);
  });

  it("keeps its days across a restart, and a lookup made before an import is not kept after it", async () => {
    const path = `${dir.path}/rates.db`;
    const store = await christmas2025(path);
    expect(store.rateOn("JPY", "2026-04-13")).toBeUndefined();
    await importRates(store, ecbFile(ECB_LINES.slice(0, 1)));
    expect(store.rateOn("JPY", "2026-04-13")?.currencyPerEuro).toBe("186.75");
    store.close();
    open.splice(0);
    const reopened = new ExchangeRateStore(path);
    open.push(reopened);
    expect(reopened.rateOn("JPY", "2025-12-27")?.rateDay).toBe("2025-12-24");
    expect(reopened.newestDay()).toBe("2026-04-13");
  });

  it("sees days another process imported meanwhile (mexc-live import while the gateway runs)", async () => {
    const path = `${dir.path}/shared.db`;
    const gateway = await christmas2025(path);
    expect(gateway.rateOn("JPY", "2026-04-13")).toBeUndefined();
    const cli = new ExchangeRateStore(path);
    open.push(cli);
    await importRates(cli, ecbFile(ECB_LINES.slice(0, 3)));
    expect(gateway.rateOn("JPY", "2026-04-13")?.currencyPerEuro).toBe("186.75");
  });
});

describe("convertUsd: the worked examples of docs/exchange-rates.md", () => {
  const page = readFileSync(fileURLToPath(new URL("../../../../docs/exchange-rates.md", import.meta.url)), "utf8");

  it("goes with the sentence a converted report prints: USDT at par with USD, and whose rates", () => {
    expect(USDT_AT_PAR_NOTE).toContain("USDT is counted at par with USD (1 USDT = 1 USD)");
    expect(USDT_AT_PAR_NOTE).toContain("European Central Bank's euro reference rate of their day");
    expect(page).toContain("**USDT counts at par with USD** (1 USDT = 1 USD)");
  });

  it("1,000 USD on Saturday 2026-04-11 in JPY, at Friday's rates; 100 USD on 2026-04-13 in EUR", async () => {
    const store = new ExchangeRateStore(":memory:");
    open.push(store);
    await importRates(store, ecbFile(ECB_LINES.slice(0, 3)));
    const rate = store.rateOn("JPY", "2026-04-11")!;
    expect(rate).toMatchObject({ rateDay: "2026-04-10", usdPerEuro: "1.1711", currencyPerEuro: "186.43" });
    // The division at 40 places and the figure out, as the page writes them.
    const division = new Decimal(1000).times(rate.currencyPerEuro).div(rate.usdPerEuro).toFixed();
    expect(page).toContain(`186430 / 1.1711               = ${division}   (40 places)`);
    const jpy = convertUsd("1000", rate);
    expect(jpy).toBe("159192.212449833489881308");
    expect(page).toContain(`out at 18 places, half even   = ${jpy}\n`);
    // ...522423|827... rounds up at the 18th place.
    const euro = store.rateOn("EUR", "2026-04-13")!;
    expect(page).toContain(
      `100 / 1.1684                  = ${new Decimal(100).div(euro.usdPerEuro).toFixed()}   (40 places)`,
    );
    const eur = convertUsd("100", euro);
    expect(eur).toBe("85.587127695994522424");
    expect(page).toContain(`out at 18 places, half even   = ${eur}      (…522423|827… rounds up)`);
  });
});

describe("convertUsd in integers", () => {
  const decimal = (maxPlaces: number) =>
    fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.integer({ min: 0, max: maxPlaces }))
      .map(([digits, places]) => new Decimal(digits.toString()).div(new Decimal(10).pow(places)).toFixed());
  it("gives the digits of the documented formula (big.js: exact product, 40 places half up, 18 half even)", () => {
    fc.assert(
      fc.property(decimal(30), decimal(8), decimal(8), fc.boolean(), (amount, perEuro, usdPerEuro, negative) => {
        fc.pre(new Decimal(usdPerEuro).gt(0) && new Decimal(perEuro).gt(0));
        const signed = negative && amount !== "0" ? `-${amount}` : amount;
        const rate = {
          currency: "JPY",
          day: "2026-04-13",
          rateDay: "2026-04-13",
          usdPerEuro,
          currencyPerEuro: perEuro,
        };
        expect(convertUsd(signed, rate)).toBe(fmt(new Decimal(signed).times(perEuro).div(usdPerEuro)));
      }),
      { numRuns: 2_000 },
    );
  });
});
