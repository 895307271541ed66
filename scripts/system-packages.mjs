#!/usr/bin/env node
// The two system packages `npm test` needs: Debian's `chromium` (the dashboard's browser tests
// drive it through playwright-core; never a downloaded browser) and `redis-server` (the Redis
// fan-out tests). `npm test` runs this first (the root package.json's pretest), and so does
// .ci/run. It finds them; when one is missing it installs it with apt-get when it may (as root on
// Debian, the way CI does); otherwise it stops at once with the one command that installs them.
// Plain Node with no dependency: .ci/run calls it before `npm ci`.
import { spawnSync } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";

/** Where the browser tests look for Chromium unless MEXC_LIVE_CHROMIUM says otherwise (packages/web/e2e/browser.ts). */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";
/** Ubuntu ships Chromium only as a snap (its chromium-browser deb installs the snap). */
const SNAP_CHROMIUM = "/snap/bin/chromium";
const INSTALL = "Install with this, then run npm test again";
const TRY_ALONE = "(to run some tests without them: npx vitest run packages/protocol)";

/**
 * What this machine has. `chromium`: "found" where the tests look, `{ at }` when a Chromium
 * exists elsewhere, `{ notExecutable }` when MEXC_LIVE_CHROMIUM names no executable, or "missing".
 */
export function systemFacts(env = process.env) {
  const path = env.PATH ?? "";
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  return {
    chromium: chromiumFact(env, path),
    redis: onPath("redis-server", path) !== undefined,
    os: osFamily(readOsRelease()),
    root,
    aptGet: onPath("apt-get", path) !== undefined,
  };
}

function chromiumFact(env, path) {
  const configured = env.MEXC_LIVE_CHROMIUM;
  if (configured) return executable(configured) ? "found" : { notExecutable: configured };
  if (executable(DEFAULT_CHROMIUM)) return "found";
  const elsewhere =
    onPath("chromium", path) ??
    onPath("chromium-browser", path) ??
    (executable(SNAP_CHROMIUM) ? SNAP_CHROMIUM : undefined);
  return elsewhere === undefined ? "missing" : { at: elsewhere };
}

/**
 * What to do: `{ kind: "ok" }`, `{ kind: "install", packages }` (apt-get, as root), or
 * `{ kind: "stop", message }`. Pure: the tests give it any machine.
 */
export function plan(facts) {
  const missing = [];
  if (facts.chromium === "missing") missing.push("chromium");
  if (!facts.redis) missing.push("redis-server");
  // Debian's chromium deb; Ubuntu has none (a snap), so apt-get gives it redis-server only.
  const fromApt = missing.filter((name) => facts.os === "debian" || (facts.os === "ubuntu" && name === "redis-server"));
  if (fromApt.length > 0 && facts.root && facts.aptGet) return { kind: "install", packages: fromApt };

  if (typeof facts.chromium === "object" && "notExecutable" in facts.chromium) {
    return stop(`MEXC_LIVE_CHROMIUM=${facts.chromium.notExecutable} is not an executable Chromium`, "Fix it", [
      "unset MEXC_LIVE_CHROMIUM, or point it at Chromium's binary",
    ]);
  }
  if (missing.length > 0) {
    const sudo = facts.root ? "" : "sudo ";
    const needs = `npm test needs ${missing.join(" and ")}, not found on this machine`;
    if (facts.os === "debian") return stop(needs, INSTALL, [`${sudo}apt-get install -y ${missing.join(" ")}`]);
    if (facts.os === "ubuntu") {
      const commands = [
        ...(missing.includes("redis-server") ? [`${sudo}apt-get install -y redis-server`] : []),
        ...(missing.includes("chromium") ? [`${sudo}snap install chromium`] : []),
      ];
      return stop(needs, INSTALL, [commands.join(" && ")]);
    }
    return stop(needs, "Install them", [
      "install Chromium and redis-server with your system's package manager",
      `(MEXC_LIVE_CHROMIUM=/path/to/chromium when Chromium is not at ${DEFAULT_CHROMIUM})`,
    ]);
  }
  if (typeof facts.chromium === "object" && "at" in facts.chromium) {
    return stop(
      `the browser tests look for Chromium at ${DEFAULT_CHROMIUM}; this machine has it at ${facts.chromium.at}`,
      "Run the tests with",
      [`MEXC_LIVE_CHROMIUM=${facts.chromium.at} npm test`],
    );
  }
  return { kind: "ok" };
}

/** A stop: what is wrong, what to do (`lead`), the command lines, and how to test without them. */
function stop(problem, lead, commands) {
  const lines = commands.map((line) => `  ${line}`).join("\n");
  return { kind: "stop", message: `${problem}. ${lead}:\n${lines}\n${TRY_ALONE}` };
}

/** Installs `packages` with apt-get, as .ci/run did inline; true when apt-get succeeded. */
function aptInstall(packages) {
  process.stderr.write(`mexc-live: installing ${packages.join(" ")} with apt-get (npm test needs them)\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  if (update.status !== 0) return false;
  const install = spawnSync("apt-get", ["install", "-y", "-qq", ...packages], {
    stdio: ["ignore", "ignore", "inherit"],
    env,
  });
  return install.status === 0;
}

function onPath(name, path) {
  for (const dir of path.split(delimiter)) {
    if (dir !== "" && executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function readOsRelease() {
  try {
    return readFileSync("/etc/os-release", "utf8");
  } catch {
    return "";
  }
}

/** "debian", "ubuntu" (and its derivatives) or "other", from /etc/os-release. */
export function osFamily(osRelease) {
  const field = (name) => new RegExp(`^${name}="?([^"\\n]*)"?$`, "m").exec(osRelease)?.[1] ?? "";
  const ids = `${field("ID")} ${field("ID_LIKE")}`.split(/\s+/);
  if (ids.includes("ubuntu")) return "ubuntu";
  if (ids.includes("debian")) return "debian";
  return "other";
}

function main() {
  let next = plan(systemFacts());
  if (next.kind === "install") {
    if (!aptInstall(next.packages)) {
      process.stderr.write(`mexc-live: apt-get could not install ${next.packages.join(" ")}\n`);
      return 1;
    }
    next = plan(systemFacts());
    if (next.kind === "install")
      next = stop(`apt-get ran, yet ${next.packages.join(" and ")} is still missing`, INSTALL, [
        `apt-get install -y ${next.packages.join(" ")}`,
      ]);
  }
  if (next.kind === "stop") {
    process.stderr.write(`mexc-live: ${next.message}\n`);
    return 1;
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
