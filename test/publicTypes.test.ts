import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { unexportedTypes } from "./publicTypes.js";

const PACKAGES = fileURLToPath(new URL("../packages/", import.meta.url));
const OWN = ["client", "protocol", "contract"].map((name) => `${PACKAGES}${name}/src`);

describe("@mexc-live/client's public surface", () => {
  it("exports every type its API takes, returns or emits (BookTop, ReconcileReport, the event maps, the protocol's events...)", () => {
    expect(unexportedTypes(`${PACKAGES}client/src/index.ts`, OWN)).toEqual([]);
  }, 180_000);
});
