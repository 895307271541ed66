/**
 * The database holds the whole account history: its folder is private to its owner (0700) and
 * its files (the database and SQLite's -wal and -shm beside it) are 0600, whatever the umask.
 *
 * The folder is made level by level, not with `mkdirSync(..., { recursive: true })`: under a
 * pseudo file system such as /proc that call never returns (libuv retries the parent it finds
 * existing, then the child it cannot create, forever), where this fails at once with the reason.
 */
import { chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;
/** The files SQLite keeps beside a database in WAL mode. */
export const SQLITE_SIDE_FILES = ["", "-wal", "-shm"] as const;

/** Creates `dir` and any missing parents; the folder itself ends up 0700. Throws naming the folder. */
export function ensurePrivateDir(dir: string): void {
  const target = resolve(dir);
  const missing: string[] = [];
  for (let at = target; !existsSync(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const level of missing) mkdirSync(level, { mode: PRIVATE_DIR });
  if (!statSync(target).isDirectory()) throw new Error(`${target} is not a directory`);
  chmodSync(target, PRIVATE_DIR);
}

/** Makes the database file and its -wal/-shm (those that exist) 0600. */
export function makeDatabasePrivate(path: string): void {
  for (const suffix of SQLITE_SIDE_FILES) {
    const file = `${path}${suffix}`;
    if (existsSync(file)) chmodSync(file, PRIVATE_FILE);
  }
}
