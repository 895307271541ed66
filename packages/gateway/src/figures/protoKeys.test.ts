/**
 * An asset or pair named like an Object.prototype key (refused at the client's edge, so this is
 * the second wall) is kept as a plain key by the figures keyed by name, never as a prototype.
 */
import { describe, expect, it } from "vitest";
import { equityPoint } from "./equity.js";
import type { PriceBook } from "./priceBook.js";

describe("figures keyed by asset", () => {
  it("keep an asset named __proto__ as a key of its own", () => {
    const book = { priceOf: () => "2" } as unknown as PriceBook;
    const point = equityPoint([{ asset: "__proto__", free: "1", locked: "0" }], book, 1);
    expect(Object.hasOwn(point.byAsset, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(point.byAsset, "__proto__")?.value).toBe("2");
    expect(point.equity).toBe("2");
  });
});
