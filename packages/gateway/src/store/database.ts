/**
 * Opens the SQLite file: WAL (readers never block the writer), synchronous=NORMAL (a committed
 * transaction survives a crash of the process; only a power cut can lose the last ones, never
 * corrupt the file), then the schema migrations. The directory is created when missing, private
 * to its owner, and the files are too (privateFiles.ts).
 * openDatabaseReadOnly is the inspection commands' way in: it changes nothing.
 */
import { closeSync, constants, existsSync, openSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations.js";
import { ensurePrivateDir, makeDatabasePrivate } from "./privateFiles.js";

/** Create if missing, never through a symbolic link (makeDatabasePrivate refuses one first; this closes the race). */
const CREATE_NO_FOLLOW = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | constants.O_NOFOLLOW;

export type Db = Database.Database;

/** How long a statement waits for another connection's lock before failing (ms). */
const BUSY_TIMEOUT_MS = 5_000;

export function openDatabase(path: string): Db {
  return openPlainDatabase(path, MIGRATIONS);
}

/** A database file opened the same way, with its own list of migrations (the market's candles.ts). */
export function openPlainDatabase(path: string, migrations: readonly string[]): Db {
  const onDisk = path !== ":memory:";
  if (onDisk) {
    ensurePrivateDir(dirname(path));
    // Links refused; created empty and private first, so SQLite never writes it with the umask's permissions.
    makeDatabasePrivate(path);
    closeSync(openSync(path, CREATE_NO_FOLLOW, 0o600));
    makeDatabasePrivate(path);
  }
  const db = new Database(path);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(db, migrations);
    // The -wal and -shm files exist now; SQLite gives them the database's mode, made sure here.
    if (onDisk) makeDatabasePrivate(path);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens an existing file for reading only: no directory created, no pragma that writes, no
 * migration; the caller checks the schema version it needs. SQLite keeps a WAL reader's index
 * in `-shm`/`-wal` files beside the database; where it cannot create them (a read-only
 * directory, e.g. a backup) and no `-wal` holds unmerged writes, the file is read into memory
 * instead.
 */
export function openDatabaseReadOnly(path: string): { readonly db: Db; readonly version: number } {
  let db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return { db, version: schemaVersion(db) };
  } catch (error) {
    db.close();
    if (!cannotCreateWalIndex(error) || existsSync(`${path}-wal`)) throw error;
  }
  db = new Database(walFreeCopy(readFileSync(path)), { readonly: true });
  try {
    return { db, version: schemaVersion(db) };
  } catch (error) {
    db.close();
    throw error;
  }
}

function schemaVersion(db: Db): number {
  return db.pragma("user_version", { simple: true }) as number;
}

function cannotCreateWalIndex(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === "SQLITE_READONLY_DIRECTORY" || code === "SQLITE_CANTOPEN";
}

/** Header bytes 18-19: file format write/read versions, 2 for WAL, 1 for a rollback journal. */
const FORMAT_VERSION_OFFSETS = [18, 19];

/** The database's bytes marked as rollback-journal (an in-memory copy cannot be WAL). */
function walFreeCopy(bytes: Buffer): Buffer {
  for (const offset of FORMAT_VERSION_OFFSETS) if (bytes[offset] === 2) bytes[offset] = 1;
  return bytes;
}

/** Runs the migrations the file has not seen yet; returns the schema version. */
function migrate(db: Db, migrations: readonly string[] = MIGRATIONS): number {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`database schema version ${current} is newer than this gateway (${migrations.length})`);
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return migrations.length;
}
