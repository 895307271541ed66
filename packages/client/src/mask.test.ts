import { describe, expect, it } from "vitest";
import { mask, redactSecrets } from "./mask.js";

describe("mask", () => {
  it("keeps the first 4 characters of a key and nothing more", () => {
    expect(mask("mx0vAbCdEfGhIjKlMn")).toBe("mx0v…");
    expect(mask(undefined)).toBe("<none>");
  });

  it("scrubs listen keys, signatures and the given secrets out of text", () => {
    const listenKey = "1955374b3a1e64a47fe177678229d1238539a746d4a62ea9475cc4a394230425";
    const text = `GET /ws?listenKey=${listenKey}&x=1 signature=${"ab".repeat(32)} key mx0vAbCdEfGhIjKlMn secret 45d0b3c26f2644f19bfb98b07741b2f5`;
    const safe = redactSecrets(text, ["mx0vAbCdEfGhIjKlMn", "45d0b3c26f2644f19bfb98b07741b2f5"]);
    expect(safe).not.toContain(listenKey);
    expect(safe).not.toContain("ab".repeat(32));
    expect(safe).not.toContain("mx0vAbCdEfGhIjKlMn");
    expect(safe).not.toContain("45d0b3c26f2644f19bfb98b07741b2f5");
    expect(safe).toContain("listenKey=<masked>");
    expect(safe).toContain("mx0v…");
  });
});
