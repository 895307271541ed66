// @vitest-environment node
/// <reference types="node" />
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assertGatewayBuildFresh, staleGatewayBuilds } from "./gatewayBuild.js";

const PACKAGES = ["protocol", "contract", "client", "simulator", "alerts", "gateway"];
const BUILT_AT = new Date("2026-11-25T02:00:00Z");
const LATER = new Date("2026-11-25T02:30:00Z");

let repo: string;

/** A file at `path` in the fake repository, last modified at `at`. */
function file(path: string, at: Date): void {
  const full = join(repo, path);
  mkdirSync(join(full, ".."), { recursive: true });
  writeFileSync(full, "");
  utimesSync(full, at, at);
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), "mexc-live-gateway-build-"));
  for (const name of PACKAGES) {
    file(`packages/${name}/src/index.ts`, new Date("2026-11-25T01:00:00Z"));
    file(`packages/${name}/dist/.tsbuildinfo`, BUILT_AT);
  }
});

afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe("the gateway's build the browser tests run", () => {
  it("is current when every package was built after its last source change", () => {
    expect(staleGatewayBuilds(repo)).toEqual([]);
    expect(() => assertGatewayBuildFresh(repo)).not.toThrow();
  });

  it("is stale when a source of the gateway (or a package it imports) changed after the build", () => {
    file("packages/gateway/src/figures/portfolio/portfolioQueries.ts", LATER);
    file("packages/contract/src/performance.ts", LATER);
    expect(staleGatewayBuilds(repo)).toEqual([
      "packages/contract: packages/contract/src/performance.ts is newer than its build",
      "packages/gateway: packages/gateway/src/figures/portfolio/portfolioQueries.ts is newer than its build",
    ]);
    expect(() => assertGatewayBuildFresh(repo)).toThrow(/run `npm run --silent build`/);
  });

  it("is stale when a package was never built", () => {
    rmSync(join(repo, "packages/simulator/dist"), { recursive: true });
    expect(staleGatewayBuilds(repo)).toEqual(["packages/simulator: not built"]);
  });

  it("ignores tests, which the build leaves out", () => {
    file("packages/gateway/src/http/performanceRoutes.test.ts", LATER);
    expect(staleGatewayBuilds(repo)).toEqual([]);
  });
});
