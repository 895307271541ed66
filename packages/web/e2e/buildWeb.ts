/// <reference types="node" />
/**
 * Builds the dashboard (packages/web/dist) unless the build is newer than every source file it
 * comes from: for `npm start` (the root `prestart` script runs this file), the browser test and
 * the render benchmark.
 */
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const WEB_DIR = fileURLToPath(new URL("..", import.meta.url));
export const REPO_DIR = join(WEB_DIR, "..", "..");
export const DIST_DIR = join(WEB_DIR, "dist");
/** A build takes seconds; on a loaded 2-core CI machine give it this long. */
const BUILD_TIMEOUT_MS = 240_000;

/** What the build reads: the web sources and static files, its config, and the contract and protocol packages it imports. */
const SOURCES = [
  join(WEB_DIR, "src"),
  join(WEB_DIR, "public"),
  join(WEB_DIR, "index.html"),
  join(WEB_DIR, "vite.config.ts"),
  join(REPO_DIR, "packages", "contract", "src"),
  join(REPO_DIR, "packages", "protocol", "src"),
];

function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function isBuildFresh(): boolean {
  const built = statSync(join(DIST_DIR, "index.html"), { throwIfNoEntry: false });
  return built !== undefined && built.mtimeMs >= Math.max(...SOURCES.map(newestMtime));
}

/** Runs `vite build` in packages/web when dist is missing or older than its sources. */
export async function ensureWebBuild(log: (line: string) => void = () => {}): Promise<void> {
  if (isBuildFresh()) return;
  log("building packages/web (vite build)…");
  const vite = join(REPO_DIR, "node_modules", "vite", "bin", "vite.js");
  const child = spawn(process.execPath, [vite, "build", "--logLevel", "warn"], {
    cwd: WEB_DIR,
    // vitest runs with NODE_ENV=test, which would make Vite bundle React's development build
    // (about 3x slower frames under load: BENCHMARKS.md, Web). Always build for production.
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`vite build did not finish within ${BUILD_TIMEOUT_MS / 1000} s\n${output}`));
    }, BUILD_TIMEOUT_MS);
    child.on("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  if (code !== 0) throw new Error(`vite build failed (exit ${code}):\n${output}`);
}

// `node --import tsx packages/web/e2e/buildWeb.ts`: what `npm start` runs first.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureWebBuild((line) => process.stderr.write(`mexc-live: ${line}\n`));
}
