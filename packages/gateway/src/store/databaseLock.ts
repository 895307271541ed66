/**
 * One gateway per database file. A second gateway started on the same file (same --data, same
 * account) is refused before it touches the database, instead of writing into it or, in demo
 * mode, wiping it under the running one.
 *
 * The lock is one the operating system releases when its process dies, however it dies: SQLite's
 * own file lock on `<database>.lock`, a small SQLite file of its own. The holder keeps a write
 * transaction open on it (BEGIN IMMEDIATE: SQLite's RESERVED lock, an fcntl lock the kernel drops
 * with the process), so a crashed or killed gateway leaves nothing to clean up, and a pid that
 * now belongs to another process means nothing. The file also holds the holder's pid, committed
 * before the lock is taken for good, for the refusal's message; readers may read it while the lock
 * is held. Nothing else in this process may open the lock file: closing any descriptor of a file
 * drops the process's fcntl locks on it (SQLite guards only its own).
 */
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { StartupError } from "../errors.js";
import { checkPlainFile, ensurePrivateDir, makeDatabasePrivate, SQLITE_SIDE_FILES } from "./privateFiles.js";

export interface DatabaseLock {
  release(): void;
}

/** SQLite's answer when another connection holds the lock (and SQLITE_BUSY_* variants). */
const BUSY = /^SQLITE_BUSY/;
/** The file is not SQLite: an older mexc-live's lock, the pid as text. */
const NOT_A_DATABASE = "SQLITE_NOTADB";
/** Writing the pid waits this long for a reader of it (another gateway being refused) to finish. */
const PID_WRITE_WAIT_MS = 2_000;

export function lockDatabase(path: string): DatabaseLock {
  const lockPath = `${path}.lock`;
  ensurePrivateDir(dirname(path));
  for (const suffix of SQLITE_SIDE_FILES) checkPlainFile(`${path}${suffix}`);
  checkPlainFile(lockPath);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const lock = take(path, lockPath);
      // The database's files are made private only once held: a refused start changes nothing of them.
      try {
        makeDatabasePrivate(path);
      } catch (error) {
        lock.release();
        throw error;
      }
      return lock;
    } catch (error) {
      // An older version's lock file (a pid in text): no lock of the OS behind it, so not held.
      if ((error as { code?: string }).code !== NOT_A_DATABASE || attempt > 0) throw error;
      rmSync(lockPath, { force: true });
    }
  }
  throw new StartupError(`cannot lock ${path}`);
}

function take(path: string, lockPath: string): DatabaseLock {
  const db = new Database(lockPath, { timeout: 0 });
  const refuse = (): never => {
    const holder = holderOf(db);
    db.close();
    throw new StartupError(
      `${path} is in use by another mexc-live${holder === undefined ? "" : ` (pid ${holder})`}; stop it or use another --data`,
    );
  };
  try {
    makeDatabasePrivate(lockPath);
    if (!tryBegin(db)) refuse();
    db.exec("CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL)");
    db.exec("DELETE FROM holder");
    db.prepare("INSERT INTO holder (pid) VALUES (?)").run(process.pid);
    db.pragma(`busy_timeout = ${PID_WRITE_WAIT_MS}`);
    db.exec("COMMIT");
    db.pragma("busy_timeout = 0");
    // Taken again at once; one started at this very moment may win it: then it is the holder.
    if (!tryBegin(db)) refuse();
  } catch (error) {
    if (db.open) db.close();
    throw error;
  }
  return {
    release() {
      if (!db.open) return;
      db.exec("ROLLBACK");
      db.close();
    },
  };
}

/** BEGIN IMMEDIATE: true when this connection now holds the write lock, false when another does. */
function tryBegin(db: Database.Database): boolean {
  try {
    db.exec("BEGIN IMMEDIATE");
    return true;
  } catch (error) {
    if (BUSY.test((error as { code?: string }).code ?? "")) return false;
    throw error;
  }
}

/** The pid the holder wrote, when it can be read. */
function holderOf(db: Database.Database): number | undefined {
  try {
    const row = db.prepare("SELECT pid FROM holder LIMIT 1").get() as { pid?: unknown } | undefined;
    return typeof row?.pid === "number" ? row.pid : undefined;
  } catch {
    return undefined;
  }
}
