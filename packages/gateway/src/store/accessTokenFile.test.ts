import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadOrCreateAccessToken, MAX_TOKEN_FILE_BYTES } from "./accessTokenFile.js";

const root = mkdtempSync(join(tmpdir(), "mexc-live-token-file-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const folder = () => join(root, `d${++folders}`);

describe("the access-token file", () => {
  it("is made once, 0600, in a data folder made 0700, and read back the same", () => {
    const dir = folder();
    const made = loadOrCreateAccessToken(dir);
    expect(made.created).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(made.path).mode & 0o777).toBe(0o600);
    expect(readFileSync(made.path, "utf8")).toBe(`${made.token}\n`);
    expect(loadOrCreateAccessToken(dir)).toEqual({ token: made.token, path: made.path, created: false });
  });

  it("takes a token the user wrote into it, and makes it 0600 again", () => {
    const dir = folder();
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, "access-token"), "my-own-token-0123456789\n", { mode: 0o644 });
    expect(loadOrCreateAccessToken(dir).token).toBe("my-own-token-0123456789");
    expect(statSync(join(dir, "access-token")).mode & 0o777).toBe(0o600);
  });

  it(`reads a file of MAX_TOKEN_FILE_BYTES (${MAX_TOKEN_FILE_BYTES}) and refuses one byte more, quoting neither`, () => {
    const token = "t0ken-at-the-bound-0123";
    const at = folder();
    mkdirSync(at, { mode: 0o700 });
    writeFileSync(join(at, "access-token"), token + "\n".repeat(MAX_TOKEN_FILE_BYTES - token.length));
    expect(loadOrCreateAccessToken(at).token).toBe(token);
    const over = folder();
    mkdirSync(over, { mode: 0o700 });
    writeFileSync(join(over, "access-token"), token + "\n".repeat(MAX_TOKEN_FILE_BYTES + 1 - token.length));
    expect(() => loadOrCreateAccessToken(over)).toThrow(/does not hold an access token/);
  });

  it("refuses a symbolic link in its place, writing nothing through it", () => {
    const dir = folder();
    mkdirSync(dir, { mode: 0o700 });
    const target = join(root, "elsewhere");
    symlinkSync(target, join(dir, "access-token"));
    expect(() => loadOrCreateAccessToken(dir)).toThrow(
      `${join(dir, "access-token")} is a symbolic link: mexc-live follows no links in its data folder; remove it`,
    );
    expect(() => statSync(target)).toThrow(/ENOENT/);
  });
});
