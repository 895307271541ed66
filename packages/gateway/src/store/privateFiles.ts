/**
 * The database holds the whole account history: its folder is private to its owner (0700) and
 * its files (the database and SQLite's -wal and -shm beside it) are 0600, whatever the umask.
 *
 * The folder must be one nobody else controls, checked the way sshd checks a key file
 * (StrictModes): the folder belongs to the user running mexc-live and is not one every user may
 * write to (such as /tmp itself), every folder above it belongs
 * to that user or to root and is not writable by every user unless sticky (/tmp); the files in it
 * are plain files of that user, never symbolic links. Otherwise another user could move the
 * database away, or plant a link that makes SQLite write wherever it points.
 *
 * The folder is made level by level, not with `mkdirSync(..., { recursive: true })`: under a
 * pseudo file system such as /proc that call never returns (libuv retries the parent it finds
 * existing, then the child it cannot create, forever), where this fails at once with the reason.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, realpathSync, type Stats, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { StartupError } from "../errors.js";

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;
/** Writable by every user, and the sticky bit (only a file's owner may move it: /tmp). */
const OTHERS_WRITE = 0o002;
const STICKY = 0o1000;
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
  checkFolderTrust(target);
  chmodSync(target, PRIVATE_DIR);
}

/**
 * Refuses a file of the data folder that is a symbolic link or belongs to another user (a link
 * planted as `demo.db` would make its target the database). A missing file passes.
 */
export function checkPlainFile(path: string): void {
  let stat: Stats;
  try {
    stat = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  if (stat.isSymbolicLink()) {
    throw new StartupError(`${path} is a symbolic link: mexc-live follows no links in its data folder; remove it`);
  }
  if (!stat.isFile()) throw new StartupError(`${path} is not a plain file; remove it`);
  const uid = currentUid();
  if (uid !== undefined && stat.uid !== uid) {
    throw new StartupError(`${path} belongs to uid ${stat.uid}, not to this user (uid ${uid}); remove it`);
  }
}

/** Makes the database file and its -wal/-shm (those that exist) 0600, refusing links (checkPlainFile). */
export function makeDatabasePrivate(path: string): void {
  for (const suffix of SQLITE_SIDE_FILES) {
    const file = `${path}${suffix}`;
    checkPlainFile(file);
    if (existsSync(file)) chmodSync(file, PRIVATE_FILE);
  }
}

/** No uids (Windows): nothing to check. */
function currentUid(): number | undefined {
  return typeof process.getuid === "function" ? process.getuid() : undefined;
}

/**
 * The folder is this user's, and no other user (root aside) can rename it or a folder above it:
 * each one above belongs to this user or root, and is not writable by everyone unless sticky.
 * The folders above the link's path and above its target are both checked.
 */
function checkFolderTrust(target: string): void {
  const uid = currentUid();
  if (uid === undefined) return;
  const { uid: owner, mode } = statSync(target);
  if (owner !== uid) {
    throw new StartupError(
      `${target} belongs to uid ${owner}, not to this user (uid ${uid}): its owner could move the database away; ` +
        "chown it or choose another --data",
    );
  }
  // A shared folder (/tmp itself): others' files live in it, and making it private would lock them out.
  if ((mode & OTHERS_WRITE) !== 0) {
    throw new StartupError(
      `${target} is writable by every user (a shared folder): give mexc-live a folder of its own as --data`,
    );
  }
  const real = realpathSync(target);
  for (const start of new Set([target, real])) {
    for (let at = dirname(start); ; at = dirname(at)) {
      const stat = statSync(at);
      if (stat.uid !== uid && stat.uid !== 0) {
        throw new StartupError(
          `${at}, above the data folder ${target}, belongs to uid ${stat.uid}: that user could move the data ` +
            "folder away; choose a --data only you and root control",
        );
      }
      if ((stat.mode & OTHERS_WRITE) !== 0 && (stat.mode & STICKY) === 0) {
        throw new StartupError(
          `${at}, above the data folder ${target}, is writable by every user: any of them could move the data ` +
            "folder away; choose a --data only you and root control",
        );
      }
      if (dirname(at) === at) break;
    }
  }
}
