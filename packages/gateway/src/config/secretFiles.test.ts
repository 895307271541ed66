import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isSettingsError } from "../errors.js";
import { MAX_SECRET_FILE_BYTES } from "./secretFiles.js";
import { loadSettings, type Settings } from "./settings.js";

const KEY = "mx0vglFileKey123456";
const SECRET = "fedcba9876543210fedcba9876543210";
const TOKEN = "Zq8v0m_file-token_8d1c44";

const dir = mkdtempSync(join(tmpdir(), "mexc-live-secret-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file in the test folder holding `text` (as `echo text > file` would: with a newline). */
function secretFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

function load(env: Record<string, string>): Settings {
  const loaded = loadSettings({ argv: [], env, readFile: () => "{}" });
  if (loaded.help) throw new Error("help");
  return loaded.settings;
}

/** The one-line settings error `load(env)` throws. */
function refusal(env: Record<string, string>): string {
  try {
    load(env);
  } catch (error) {
    if (!isSettingsError(error)) throw error;
    expect(error.message).not.toContain("\n");
    expect(error.exitCode).toBe(2);
    return error.message;
  }
  throw new Error("no error");
}

describe("secrets from files (MEXC_API_SECRET_FILE and its twins)", () => {
  it("reads the key and secret from files, trimmed, for live mode", () => {
    const settings = load({
      MEXC_API_KEY_FILE: secretFile("key", `${KEY}\n`),
      MEXC_API_SECRET_FILE: secretFile("secret", `${SECRET}\n`),
    });
    expect(settings.mode).toBe("live");
    expect(settings.accounts).toHaveLength(1);
    expect(settings.accounts[0]).toMatchObject({ apiKey: KEY, apiSecret: SECRET });
  });

  it("reads the token, the bus secret and the Redis password from files", () => {
    const bus = "9f2c1e7a4b8d03f6e5a2c9b7d1e4f80a3c6b9e2d5f8a1c4e7b0d3f6a9c2e5b8d";
    const settings = load({
      MEXC_LIVE_TOKEN_FILE: secretFile("token", `${TOKEN}\n`),
      MEXC_LIVE_BUS_SECRET_FILE: secretFile("bus", bus),
      MEXC_LIVE_REDIS_PASSWORD_FILE: secretFile("redis", "redis-pass-1\n"),
    });
    expect(settings).toMatchObject({ token: TOKEN, busSecret: bus, redisPassword: "redis-pass-1" });
  });

  it("reads a per-account pair from files, and takes no account named 'file' from the _FILE variables", () => {
    const settings = load({
      MEXC_API_KEY_FILE: secretFile("key", KEY),
      MEXC_API_SECRET_FILE: secretFile("secret", SECRET),
      MEXC_API_KEY_SUB: `${KEY}B`,
      MEXC_API_SECRET_SUB_FILE: secretFile("sub-secret", `${SECRET}\n`),
    });
    expect(settings.accounts.map((account) => account.name).sort()).toEqual(["main", "sub"]);
    expect(settings.accounts.find((account) => account.name === "sub")?.apiSecret).toBe(SECRET);
  });

  it("follows a symbolic link, as Docker's and Kubernetes' secrets are", () => {
    const target = secretFile("linked-target", SECRET);
    const link = join(dir, "linked");
    symlinkSync(target, link);
    expect(load({ MEXC_API_KEY: KEY, MEXC_API_SECRET_FILE: link }).accounts[0]?.apiSecret).toBe(SECRET);
  });

  it("a missing file is one line naming the variable and the path", () => {
    const path = join(dir, "absent");
    expect(refusal({ MEXC_API_KEY: KEY, MEXC_API_SECRET_FILE: path })).toBe(
      `MEXC_API_SECRET_FILE: ${path} cannot be read (no such file)`,
    );
  });

  // root reads every file: the refusal can only be seen as another user.
  it.skipIf(process.getuid?.() === 0)("an unreadable file is one line naming the variable, never the content", () => {
    const path = secretFile("unreadable", SECRET);
    chmodSync(path, 0o000);
    const message = refusal({ MEXC_API_KEY: KEY, MEXC_API_SECRET_FILE: path });
    expect(message).toBe(`MEXC_API_SECRET_FILE: ${path} cannot be read (permission denied)`);
    expect(message).not.toContain(SECRET);
  });

  it("an empty file, a folder and a FIFO are refused, naming the variable", () => {
    const empty = secretFile("empty", "\n");
    expect(refusal({ MEXC_LIVE_TOKEN_FILE: empty })).toBe(`MEXC_LIVE_TOKEN_FILE: ${empty} is empty`);
    const folder = join(dir, "folder");
    mkdirSync(folder);
    expect(refusal({ MEXC_LIVE_TOKEN_FILE: folder })).toBe(
      `MEXC_LIVE_TOKEN_FILE: ${folder} cannot be read (a directory)`,
    );
    // A FIFO nobody writes to: the read must not wait for a writer.
    const fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    expect(refusal({ MEXC_LIVE_TOKEN_FILE: fifo })).toBe(
      `MEXC_LIVE_TOKEN_FILE: ${fifo} cannot be read (not a regular file)`,
    );
    expect(refusal({ MEXC_LIVE_TOKEN_FILE: "/dev/zero" })).toBe(
      "MEXC_LIVE_TOKEN_FILE: /dev/zero cannot be read (not a regular file)",
    );
  });

  it(`reads a file of MAX_SECRET_FILE_BYTES (${MAX_SECRET_FILE_BYTES}) and refuses one byte more`, () => {
    // The secret, then blank lines up to the bound: the bytes count, not the secret's length.
    const padded = (bytes: number) => TOKEN + "\n".repeat(bytes - TOKEN.length);
    const atBound = secretFile("at-bound", padded(MAX_SECRET_FILE_BYTES));
    expect(load({ MEXC_LIVE_REDIS_PASSWORD_FILE: atBound }).redisPassword).toBe(TOKEN);
    const over = secretFile("over-bound", padded(MAX_SECRET_FILE_BYTES + 1));
    expect(refusal({ MEXC_LIVE_REDIS_PASSWORD_FILE: over })).toBe(
      `MEXC_LIVE_REDIS_PASSWORD_FILE: ${over} cannot be read (larger than ${MAX_SECRET_FILE_BYTES} bytes)`,
    );
  });

  it("a variable and its _FILE twin at once are refused, quoting neither value", () => {
    const message = refusal({
      MEXC_API_KEY: KEY,
      MEXC_API_SECRET: SECRET,
      MEXC_API_SECRET_FILE: secretFile("s2", SECRET),
    });
    expect(message).toBe(
      "MEXC_API_SECRET and MEXC_API_SECRET_FILE are both set: keep one (the file is the safer place)",
    );
  });

  it("a bad value from a file is named by its _FILE variable, not quoted", () => {
    const message = refusal({ MEXC_LIVE_TOKEN_FILE: secretFile("short-token", "short\n") });
    expect(message).toContain("MEXC_LIVE_TOKEN_FILE");
    expect(message).not.toContain("short\n");
    expect(message).not.toMatch(/"short"/);
  });
});
