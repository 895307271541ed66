/**
 * The real-MEXC behaviours the simulator models: each on by default (a client tested against the
 * simulator meets what real MEXC does), each with a CLI switch, and each switch documented for
 * users (the README or a page under docs/), so `--behaviours-off` is never a name to guess.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BEHAVIOUR_FLAGS, parseBehavioursOff, REAL_MEXC, resolveBehaviours } from "./behaviours.js";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

function userDocs(): string {
  const docs = join(REPO_ROOT, "docs");
  const pages = readdirSync(docs)
    .filter((name) => name.endsWith(".md"))
    .map((name) => readFileSync(join(docs, name), "utf8"));
  return [readFileSync(join(REPO_ROOT, "README.md"), "utf8"), ...pages].join("\n");
}

describe("the simulator's real-MEXC behaviours", () => {
  it("are all on unless switched off", () => {
    expect(Object.values(resolveBehaviours()).every((on) => on === true)).toBe(true);
    expect(Object.keys(REAL_MEXC).sort()).toEqual(Object.values(BEHAVIOUR_FLAGS).sort());
    expect(resolveBehaviours(parseBehavioursOff("order-read-lag,key-expiry"))).toMatchObject({
      orderReadLag: false,
      keyExpiry: false,
      maintenance: true,
    });
  });

  it("each have a switch named in the user docs", () => {
    const docs = userDocs();
    // Named as `flag`, or in a `--behaviours-off a,b,...` example.
    const named = (flag: string) =>
      docs.includes(`\`${flag}\``) || new RegExp(`behaviours-off [a-z0-9,-]*\\b${flag}\\b`).test(docs);
    const undocumented = Object.keys(BEHAVIOUR_FLAGS).filter((flag) => !named(flag));
    expect(undocumented).toEqual([]);
  });
});
