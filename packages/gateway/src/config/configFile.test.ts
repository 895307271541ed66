import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isSettingsError } from "../errors.js";
import { MAX_CONFIG_FILE_BYTES, readConfigFile, readConfigText } from "./configFile.js";
import { loadSettings } from "./settings.js";

const SECRET = "s3cr3tVALUEqwertyZXCV0987";

function mistake(text: string): string {
  try {
    readConfigText(text, "c.json");
  } catch (error) {
    if (!isSettingsError(error)) throw error;
    expect(error.message).not.toContain("\n");
    return error.message;
  }
  throw new Error("no error");
}

describe("a malformed config file", () => {
  it.each([
    [
      "a bare word where a value goes",
      `{\n  "apiKey": "k",\n  "apiSecret": ${SECRET}\n}`,
      "line 3, column 16: unexpected character",
    ],
    ["a missing comma", `{"apiSecret": "${SECRET}" "port": 1}`, "line 1, column 43: ',' expected"],
    ["a string not closed", `{"apiSecret": "${SECRET}`, "line 1, column 15: a string is not closed"],
    ["a trailing comma", `{"apiSecret": "${SECRET}",\n}`, "line 2, column 1: a quoted key expected"],
    ["a comment", `// keys\n{"apiSecret": "${SECRET}"}`, "line 1, column 1: comments are not JSON"],
    ["a truncated file", `{"apiSecret": "${SECRET}", `, "line 1, column 44: a quoted key expected"],
  ])("%s: says where, never quoting the text", (_name, text, where) => {
    const message = mistake(text);
    expect(message).toBe(`--config c.json is not valid JSON: ${where}`);
    expect(message).not.toContain(SECRET.slice(0, 6));
  });

  it("names an unknown key that reads like a setting, suggesting the right spelling", () => {
    expect(mistake(`{"apikey": "x"}`)).toBe('--config c.json: unknown setting "apikey" (did you mean "apiKey"?)');
    expect(mistake(`{"prot": 1}`)).toMatch(/^--config c\.json: unknown setting "prot" \(known: apiKey, /);
  });

  it("does not echo an unknown key that looks like a pasted secret, but says where it is", () => {
    const message = mistake(`{\n  "apiKey": "k",\n  "${SECRET}": "x"\n}`);
    expect(message).toMatch(
      /^--config c\.json: unknown setting at line 3, column 3 \(not shown: it looks like a secret; /,
    );
    expect(message).not.toContain(SECRET.slice(0, 6));
  });
});

describe("a config file holding secrets", () => {
  const load = (mode: number, text: string) => {
    const loaded = loadSettings({
      argv: ["--config", "c.json"],
      env: {},
      readFile: () => text,
      fileMode: () => 0o100000 | mode,
    });
    if (loaded.help) throw new Error("help");
    return loaded.settings.warnings;
  };
  const refusal = (mode: number, text: string) => {
    try {
      load(mode, text);
    } catch (error) {
      return (error as Error).message;
    }
    return undefined;
  };
  const secrets = JSON.stringify({ apiKey: "mx0vglTestKey123456", apiSecret: SECRET });

  it("is refused when its group or others can read it, naming the fix and not the secret", () => {
    expect(refusal(0o644, secrets)).toBe(
      "--config c.json holds secrets and other users of this machine can read it (mode 644): run chmod 600 c.json",
    );
    expect(refusal(0o640, secrets)).toContain("mode 640");
    const accounts = JSON.stringify({ accounts: [{ name: "sub1", apiKey: "mx0vglTestKey123456", apiSecret: SECRET }] });
    expect(refusal(0o604, accounts)).toContain("chmod 600");
  });

  it("is not, when private to its owner, or when it holds no secret", () => {
    expect(load(0o600, secrets)).toEqual([]);
    expect(load(0o644, JSON.stringify({ port: 9000 }))).toEqual([]);
  });
});

describe("the --config file itself", () => {
  const dir = mkdtempSync(join(tmpdir(), "mexc-live-config-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The one line `loadSettings` refuses `--config path` with, read as `mexc-live start` reads it. */
  function refusal(path: string): string {
    try {
      loadSettings({ argv: ["--config", path], env: {}, readFile: readConfigFile });
    } catch (error) {
      if (!isSettingsError(error)) throw error;
      expect(error.message).not.toContain("\n");
      return error.message;
    }
    throw new Error("not refused");
  }

  it("is refused at once when it is a FIFO, a folder or a device: only a regular file is read", () => {
    // A FIFO nobody writes to: reading it used to hang start-up for ever (issue 54 item 5).
    const fifo = join(dir, "fifo.json");
    execFileSync("mkfifo", [fifo]);
    expect(refusal(fifo)).toBe(`--config ${fifo} cannot be read (not a regular file)`);
    expect(refusal(dir)).toBe(`--config ${dir} cannot be read (a directory)`);
    expect(refusal("/dev/zero")).toBe("--config /dev/zero cannot be read (not a regular file)");
    expect(refusal(join(dir, "missing.json"))).toBe(
      `--config ${join(dir, "missing.json")} cannot be read (no such file)`,
    );
  });

  it(`is read up to ${MAX_CONFIG_FILE_BYTES} bytes and refused past them`, () => {
    const settings = `{"port": 9000}`;
    const atBound = join(dir, "at-bound.json");
    writeFileSync(atBound, settings + " ".repeat(MAX_CONFIG_FILE_BYTES - settings.length));
    const loaded = loadSettings({ argv: ["--config", atBound], env: {}, readFile: readConfigFile });
    expect(loaded.help === false && loaded.settings.port).toBe(9000);
    const past = join(dir, "past-bound.json");
    writeFileSync(past, settings + " ".repeat(MAX_CONFIG_FILE_BYTES - settings.length + 1));
    expect(refusal(past)).toBe(`--config ${past} cannot be read (larger than ${MAX_CONFIG_FILE_BYTES} bytes)`);
  });
});
