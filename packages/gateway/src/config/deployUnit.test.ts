/**
 * The systemd unit (deploy/mexc-live.service, shown in docs/deploy.md) read by the real settings
 * loader: its ExecStart flags and Environment variables are the names `mexc-live start` takes, and
 * its credentials reach the gateway as the key and secret, so the unit and the docs cannot drift
 * from the config; and `systemd-analyze verify` (where the machine has it) reads the unit as
 * systemd would, so a misspelled key or a value systemd cannot parse fails here, not at install.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSettings } from "./settings.js";
import { ENV_NAMES } from "./sources.js";

const ROOT = new URL("../../../../", import.meta.url);
const UNIT_TEXT = readFileSync(new URL("deploy/mexc-live.service", ROOT), "utf8");
/** Where the unit expects the repository (its ExecStart and Documentation). */
const INSTALL_DIR = "/opt/mexc-live/";
/** systemd's own checker (Debian: package systemd). */
const SYSTEMD_ANALYZE = "/usr/bin/systemd-analyze";
const HAS_SYSTEMD_ANALYZE = existsSync(SYSTEMD_ANALYZE);
/** The interpreter the unit's ExecStart names; verify refuses a unit whose command is missing. */
const UNIT_NODE = "/usr/bin/node";
if (!HAS_SYSTEMD_ANALYZE) {
  console.warn(
    `deployUnit.test.ts: SKIPPING systemd-analyze verify of deploy/mexc-live.service: ${SYSTEMD_ANALYZE} is not on this machine (apt-get install systemd)`,
  );
}

/**
 * What `systemd-analyze verify` says about a unit text: its exit status and every line it printed.
 * systemd warns about an unknown key or an unparsable value on stderr and still exits 0, so a clean
 * unit is one with status 0 and nothing printed. The file is named like the real one (verify reads
 * the unit type from the suffix). Where this machine's Node is not /usr/bin/node, ExecStart names
 * this one instead: which interpreter path a machine has is not the unit's to get right.
 */
function verify(text: string, dir: string): { status: number | null; lines: string[] } {
  const unit = existsSync(UNIT_NODE)
    ? text
    : text.replaceAll(`ExecStart=${UNIT_NODE} `, `ExecStart=${process.execPath} `);
  const path = join(dir, "mexc-live.service");
  writeFileSync(path, unit);
  const run = spawnSync(SYSTEMD_ANALYZE, ["verify", path], { encoding: "utf8", timeout: 15_000 });
  if (run.error) throw run.error;
  const lines = `${run.stdout}\n${run.stderr}`.split("\n").filter((line) => line.trim() !== "");
  return { status: run.status, lines };
}

/** Every `Key=value` of the unit's [Service] section, in order (comments and blank lines left out). */
function serviceEntries(): [key: string, value: string][] {
  const section = UNIT_TEXT.split(/^\[Service\]$/m)[1]?.split(/^\[/m)[0] ?? "";
  return section
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => {
      const eq = line.indexOf("=");
      return [line.slice(0, eq), line.slice(eq + 1)];
    });
}
const values = (key: string) =>
  serviceEntries()
    .filter(([k]) => k === key)
    .map(([, value]) => value);

describe("deploy/mexc-live.service", () => {
  const credentials = mkdtempSync(join(tmpdir(), "mexc-live-unit-credentials-"));
  afterAll(() => rmSync(credentials, { recursive: true, force: true }));

  it("starts the repository's mexc-live command with flags `start` takes", () => {
    const [execStart] = values("ExecStart");
    const [node, script, command, ...flags] = (execStart ?? "").split(" ");
    expect(node).toBe("/usr/bin/node");
    expect(script?.startsWith(INSTALL_DIR)).toBe(true);
    expect(existsSync(new URL(script!.slice(INSTALL_DIR.length), ROOT))).toBe(true);
    expect(command).toBe("start");
    const loaded = loadSettings({ argv: flags, env: {}, readFile: () => "{}" });
    expect(loaded.help).toBe(false);
    // Its data folder is the state directory systemd makes private to the service.
    expect(flags.join(" ")).toContain(`--data /var/lib/${values("StateDirectory")[0]}`);
  });

  it("names only variables the config reads, and its credentials become the key and secret", () => {
    const known = new Set(Object.values(ENV_NAMES));
    const environment = values("Environment").map((entry) => {
      const eq = entry.indexOf("=");
      return [entry.slice(0, eq), entry.slice(eq + 1)] as const;
    });
    expect(environment.length).toBeGreaterThan(0);
    for (const [name] of environment) expect(known.has(name.replace(/_FILE$/, "")), name).toBe(true);

    // systemd copies each LoadCredential=NAME:SOURCE to $CREDENTIALS_DIRECTORY/NAME, which %d is.
    const loadCredentials = values("LoadCredential").map((entry) => entry.split(":")[0] as string);
    expect(loadCredentials).toEqual(["mexc_api_key", "mexc_api_secret"]);
    writeFileSync(join(credentials, "mexc_api_key"), "mx0vglUnitKey123456\n");
    writeFileSync(join(credentials, "mexc_api_secret"), "0123456789abcdef0123456789abcdef\n");
    const env = Object.fromEntries(environment.map(([name, value]) => [name, value.replace("%d", credentials)]));
    const flags = (values("ExecStart")[0] ?? "").split(" ").slice(3);
    const loaded = loadSettings({ argv: flags, env, readFile: () => "{}" });
    if (loaded.help) throw new Error("help");
    expect(loaded.settings.mode).toBe("live");
    expect(loaded.settings.accounts[0]).toMatchObject({
      apiKey: "mx0vglUnitKey123456",
      apiSecret: "0123456789abcdef0123456789abcdef",
    });
    expect(loaded.settings.host).toBe("127.0.0.1");
  });

  it("restarts on failure but not after a settings mistake (exit 2), and is confined", () => {
    // SIGTERM to the supervisor alone: the gateway takes a second signal as "exit at once".
    expect(values("KillMode")).toEqual(["mixed"]);
    expect(values("Restart")).toEqual(["on-failure"]);
    expect(values("RestartPreventExitStatus")).toEqual(["2"]);
    for (const [key, value] of [
      ["DynamicUser", "yes"],
      ["StateDirectoryMode", "0700"],
      ["ProtectSystem", "strict"],
      ["PrivateTmp", "yes"],
      ["NoNewPrivileges", "yes"],
    ]) {
      expect(values(key as string), key).toEqual([value]);
    }
  });

  it("bounds the service's memory and tasks (a month's leak cannot take the machine with it)", () => {
    expect(values("MemoryMax")).toEqual(["1G"]);
    expect(values("TasksMax")).toEqual(["128"]);
  });

  it.skipIf(!HAS_SYSTEMD_ANALYZE)(
    `passes systemd-analyze verify with nothing to say${HAS_SYSTEMD_ANALYZE ? "" : ` (SKIPPED: no ${SYSTEMD_ANALYZE} on this machine)`}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), "mexc-live-unit-verify-"));
      try {
        expect(verify(UNIT_TEXT, dir)).toEqual({ status: 0, lines: [] });
        // The same check sees a mistake: a misspelled key and a value systemd cannot parse.
        const broken = UNIT_TEXT.replace("Restart=on-failure", "Restat=on-failure").replace(
          "ProtectSystem=strict",
          "ProtectSystem=everything",
        );
        const { lines } = verify(broken, dir);
        expect(lines.join("\n")).toMatch(/Unknown key '?Restat'? in section '?\[?Service\]?'?/);
        expect(lines.join("\n")).toContain("everything");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("is shown whole in docs/deploy.md", () => {
    const docs = readFileSync(new URL("docs/deploy.md", ROOT), "utf8");
    expect(docs).toContain(`\`\`\`ini\n${UNIT_TEXT}\`\`\``);
  });
});
