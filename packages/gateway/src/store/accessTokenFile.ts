/**
 * The access token the gateway needs beyond this machine when the user set none (MEXC_LIVE_TOKEN):
 * made once, on the first such start, into `access-token` in the data folder, 0600, and read from
 * there on every later start, so it survives restarts and upgrades (a container's volume) and the
 * user finds it in one place. It is never printed: the log says the file's path
 * (docs/security.md, "Listening beyond this machine").
 *
 * The file is a file of the data folder like the database: a plain file of this user, never a
 * symbolic link (privateFiles.ts), made with O_EXCL and O_NOFOLLOW, so nothing planted in its place
 * is written through. A user may put a token of their own in it (at least MIN_TOKEN_LENGTH
 * printable characters); anything else stops the start with one line naming the file, never
 * quoting it.
 */
import { closeSync, constants, fchmodSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { StartupError } from "../errors.js";
import { MIN_TOKEN_LENGTH } from "../security/limits.js";
import { ACCESS_TOKEN_FILE, generateToken } from "../security/token.js";
import { checkPlainFile, ensurePrivateDir } from "./privateFiles.js";

/**
 * The most the file may hold: 1 KiB. A generated token is 43 characters and a chosen one a few
 * dozen; a bigger file is not a token (and is not read whole).
 */
export const MAX_TOKEN_FILE_BYTES = 1024;
/** A token: printable ASCII without spaces, as an Authorization header carries it. */
const TOKEN_TEXT = /^[\x21-\x7e]+$/;

export interface AccessTokenFile {
  readonly token: string;
  /** The file's absolute path, for the log line and the health answer. */
  readonly path: string;
  /** Made by this start (the first beyond this machine). */
  readonly created: boolean;
}

/** The token in `<dataDir>/access-token`, made (0600) when the file does not exist yet. */
export function loadOrCreateAccessToken(dataDir: string): AccessTokenFile {
  ensurePrivateDir(dataDir);
  const path = join(resolve(dataDir), ACCESS_TOKEN_FILE);
  checkPlainFile(path);
  const token = generateToken();
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw fileError(path, error);
    return { token: readToken(path), path, created: false };
  }
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, `${token}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { token, path, created: true };
}

/** The token an existing file holds, the file made 0600 again; throws StartupError naming the file. */
function readToken(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    throw fileError(path, error);
  }
  let text: string;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new StartupError(`${path} is not a plain file; remove it`);
    if (stat.size > MAX_TOKEN_FILE_BYTES) throw refusal(path);
    const buffer = Buffer.alloc(MAX_TOKEN_FILE_BYTES + 1);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    if (length > MAX_TOKEN_FILE_BYTES) throw refusal(path);
    fchmodSync(fd, 0o600);
    text = buffer.subarray(0, length).toString("utf8").trim();
  } finally {
    closeSync(fd);
  }
  if (text.length < MIN_TOKEN_LENGTH || !TOKEN_TEXT.test(text)) throw refusal(path);
  return text;
}

function refusal(path: string): StartupError {
  return new StartupError(
    `${path} does not hold an access token (${MIN_TOKEN_LENGTH} to ${MAX_TOKEN_FILE_BYTES} printable characters without spaces): ` +
      "delete it and a new one is made at the next start",
  );
}

function fileError(path: string, error: unknown): StartupError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ELOOP") {
    return new StartupError(`${path} is a symbolic link: mexc-live follows no links in its data folder; remove it`);
  }
  return new StartupError(`${path} cannot be used for the access token (${code ?? (error as Error).message})`, {
    cause: error,
  });
}
