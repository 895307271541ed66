/**
 * `npm test`'s check of its system packages (scripts/system-packages.mjs, the root pretest):
 * what it decides for each kind of machine, and the command itself with a PATH that lacks
 * redis-server, with and without an apt-get (a stand-in that records its arguments: nothing is
 * installed and nothing is downloaded).
 */
import { execFile } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

type Chromium = "found" | "missing" | { at: string } | { notExecutable: string };
interface Facts {
  chromium: Chromium;
  redis: boolean;
  os: "debian" | "ubuntu" | "other";
  root: boolean;
  aptGet: boolean;
}
type Plan = { kind: "ok" } | { kind: "install"; packages: string[] } | { kind: "stop"; message: string };
interface SystemPackages {
  plan(facts: Facts): Plan;
  osFamily(osRelease: string): Facts["os"];
}

const SCRIPT = fileURLToPath(new URL("../scripts/system-packages.mjs", import.meta.url));
// A plain .mjs (it runs before `npm ci`), so typed here by hand.
const { plan, osFamily } = (await import(SCRIPT)) as SystemPackages;
const run = promisify(execFile);

const DEBIAN_ROOT: Facts = { chromium: "found", redis: true, os: "debian", root: true, aptGet: true };

describe("what it decides", () => {
  it("does nothing when both are where the tests look", () => {
    expect(plan(DEBIAN_ROOT)).toEqual({ kind: "ok" });
    expect(plan({ ...DEBIAN_ROOT, root: false, aptGet: false })).toEqual({ kind: "ok" });
  });

  it("installs what is missing with apt-get as root on Debian, as CI does", () => {
    expect(plan({ ...DEBIAN_ROOT, chromium: "missing", redis: false })).toEqual({
      kind: "install",
      packages: ["chromium", "redis-server"],
    });
    expect(plan({ ...DEBIAN_ROOT, redis: false })).toEqual({ kind: "install", packages: ["redis-server"] });
  });

  it("stops with the one command that installs them when it may not install", () => {
    const stop = plan({ ...DEBIAN_ROOT, chromium: "missing", redis: false, root: false });
    expect(stop.kind).toBe("stop");
    expect(stop.kind === "stop" && stop.message).toContain("\n  sudo apt-get install -y chromium redis-server\n");
    const noApt = plan({ ...DEBIAN_ROOT, redis: false, aptGet: false });
    expect(noApt.kind === "stop" && noApt.message).toContain("\n  apt-get install -y redis-server\n");
  });

  it("on Ubuntu, takes redis-server from apt-get and names the Chromium snap", () => {
    const ubuntu: Facts = { ...DEBIAN_ROOT, os: "ubuntu", chromium: "missing", redis: false };
    expect(plan(ubuntu)).toEqual({ kind: "install", packages: ["redis-server"] });
    const afterApt = plan({ ...ubuntu, redis: true });
    expect(afterApt.kind === "stop" && afterApt.message).toContain("\n  snap install chromium\n");
    const user = plan({ ...ubuntu, root: false });
    expect(user.kind === "stop" && user.message).toContain(
      "\n  sudo apt-get install -y redis-server && sudo snap install chromium\n",
    );
  });

  it("points the tests at a Chromium found elsewhere", () => {
    const snap = plan({ ...DEBIAN_ROOT, os: "ubuntu", chromium: { at: "/snap/bin/chromium" } });
    expect(snap.kind === "stop" && snap.message).toContain("\n  MEXC_LIVE_CHROMIUM=/snap/bin/chromium npm test\n");
  });

  it("names a MEXC_LIVE_CHROMIUM that is not an executable", () => {
    const wrong = plan({ ...DEBIAN_ROOT, chromium: { notExecutable: "/opt/none" } });
    expect(wrong.kind === "stop" && wrong.message).toContain("MEXC_LIVE_CHROMIUM=/opt/none is not an executable");
  });

  it("on another system, says what to install and how to point at Chromium", () => {
    const other = plan({ ...DEBIAN_ROOT, os: "other", chromium: "missing", redis: false, aptGet: false });
    expect(other.kind === "stop" && other.message).toContain("system's package manager");
    expect(other.kind === "stop" && other.message).toContain("MEXC_LIVE_CHROMIUM=");
  });

  it("every stop says how to run some tests without them", () => {
    const stop = plan({ ...DEBIAN_ROOT, redis: false, root: false });
    expect(stop.kind === "stop" && stop.message).toContain("npx vitest run packages/protocol");
  });

  it.each([
    ['PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n', "debian"],
    ['ID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\n', "ubuntu"],
    ['ID=linuxmint\nID_LIKE="ubuntu debian"\n', "ubuntu"],
    ["ID=raspbian\nID_LIKE=debian\n", "debian"],
    ['ID=fedora\nID_LIKE="rhel centos"\n', "other"],
    ["", "other"],
  ])("reads the system family from /etc/os-release (%j -> %s)", (osRelease, family) => {
    expect(osFamily(osRelease)).toBe(family);
  });
});

const IS_DEBIAN = osFamily(await readFile("/etc/os-release", "utf8").catch(() => "")) === "debian";
const IS_ROOT = process.getuid?.() === 0;

describe.runIf(IS_DEBIAN)("the command on this Debian machine, redis-server hidden", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "mexc-live-system-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("stops at once, exit code 1, with the apt-get line for what is missing", async () => {
    const failure = await run(process.execPath, [SCRIPT], { env: { PATH: dir } }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/^mexc-live: npm test needs (chromium and )?redis-server, not found/);
    expect(failure?.stderr).toMatch(/\n {2}(sudo )?apt-get install -y (chromium )?redis-server\n/);
  });

  it.runIf(IS_ROOT)("as root, installs it with apt-get and goes on", async () => {
    const log = join(dir, "apt-get.log");
    // The stand-in apt-get records its arguments and, on install, puts a redis-server on PATH.
    await writeFile(
      join(dir, "apt-get"),
      `#!/bin/sh\necho "$DEBIAN_FRONTEND $*" >> "${log}"\n` +
        `if [ "$1" = install ]; then printf '#!/bin/sh\\n' > "${dir}/redis-server"; /bin/chmod +x "${dir}/redis-server"; fi\n`,
    );
    await chmod(join(dir, "apt-get"), 0o755);
    const { stderr } = await run(process.execPath, [SCRIPT], { env: { PATH: dir } });
    expect(stderr).toContain("installing redis-server with apt-get");
    expect((await readFile(log, "utf8")).split("\n")).toEqual([
      "noninteractive update -qq",
      "noninteractive install -y -qq redis-server",
      "",
    ]);
  });
});
