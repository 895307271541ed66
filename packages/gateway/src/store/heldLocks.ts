/**
 * The database locks one gateway holds (databaseLock.ts), each taken once, in one place. The
 * service takes them all before it starts, opens, removes or rewrites anything (issue 54 item 4:
 * a second start on a running gateway's data folder wiped its market database before the lock
 * refused it), and the stages that open a database ask here for the lock they need held. A second
 * lockDatabase() of the same file in this process would drop the first's lock (fcntl), so there
 * is no other way in.
 */
import { type DatabaseLock, lockDatabase } from "./databaseLock.js";

export class HeldLocks {
  private readonly locks = new Map<string, DatabaseLock>();

  /** Takes the lock of each database not held yet; throws StartupError (one line) when another mexc-live holds one. */
  take(paths: readonly string[]): void {
    for (const path of paths) if (!this.locks.has(path)) this.locks.set(path, lockDatabase(path));
  }

  /** The lock of `path`, which must have been taken: a database opened without it is a bug. */
  of(path: string): DatabaseLock {
    const lock = this.locks.get(path);
    if (lock === undefined) throw new Error(`${path} is opened without its lock`);
    return lock;
  }

  releaseAll(): void {
    for (const lock of this.locks.values()) lock.release();
    this.locks.clear();
  }
}
