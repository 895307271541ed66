/// <reference types="node" />
/**
 * The browser tests run the gateway's compiled build (packages/gateway/bin runs dist/), not its
 * sources, and nothing rebuilds it for them (buildWeb.ts rebuilds only the dashboard). A build
 * older than a source it comes from answers as the code did then: after the merge of issue 40's
 * ranges, a gateway left built from before it ended a past day at 23:45 and ranges.e2e failed on
 * a figure 15 minutes off, far from the cause. So a test stops first, naming the stale package
 * and the command that fixes it.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { REPO_DIR } from "./buildWeb.js";

/** The packages whose build the gateway runs: itself and every package it imports (tsconfig.build.json references). */
const GATEWAY_BUILD_PACKAGES = ["protocol", "contract", "client", "simulator", "alerts", "gateway"] as const;

/** Where `tsc -b` records a package's build; it writes it at each build of the package, and touches it when its sources only got newer. */
const BUILD_INFO = join("dist", ".tsbuildinfo");

/** Compiled into dist: the package's src/ TypeScript, tests left out (each tsconfig.build.json's include/exclude). */
function isBuildSource(name: string): boolean {
  return name.endsWith(".ts") && !name.endsWith(".test.ts");
}

/** The newest modification time (ms) of a build source under `dir`, and which file it is. */
function newestSource(dir: string): { mtimeMs: number; file: string } | undefined {
  let newest: { mtimeMs: number; file: string } | undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const found = entry.isDirectory()
      ? newestSource(path)
      : isBuildSource(entry.name)
        ? { mtimeMs: statSync(path).mtimeMs, file: path }
        : undefined;
    if (found !== undefined && (newest === undefined || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}

/**
 * The packages whose build is missing or older than one of their sources, each with why; empty
 * when the gateway's build is current.
 */
export function staleGatewayBuilds(repoDir: string = REPO_DIR): string[] {
  const stale: string[] = [];
  for (const name of GATEWAY_BUILD_PACKAGES) {
    const dir = join(repoDir, "packages", name);
    const built = statSync(join(dir, BUILD_INFO), { throwIfNoEntry: false });
    const source = newestSource(join(dir, "src"));
    if (built === undefined) stale.push(`packages/${name}: not built`);
    else if (source !== undefined && source.mtimeMs > built.mtimeMs)
      stale.push(`packages/${name}: ${source.file.slice(repoDir.length + 1)} is newer than its build`);
  }
  return stale;
}

/** Throws, naming each stale package and `npm run build`, unless the gateway's build is current. */
export function assertGatewayBuildFresh(repoDir: string = REPO_DIR): void {
  const stale = staleGatewayBuilds(repoDir);
  if (stale.length > 0)
    throw new Error(
      `the gateway's build is older than its sources (the test would run old code): run \`npm run --silent build\`\n  ${stale.join("\n  ")}`,
    );
}
