/**
 * One gateway per database file: `<database>.lock` holds the pid of the gateway using it, created
 * exclusively before anything touches the database. A second gateway started on the same file
 * (same --data, same account) is refused instead of writing into it, or, in demo mode, wiping it
 * under the running one. A lock whose process is gone (a crash) is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { StartupError } from "../errors.js";
import { ensurePrivateDir } from "./privateFiles.js";

export interface DatabaseLock {
  release(): void;
}

export function lockDatabase(path: string): DatabaseLock {
  const lockPath = `${path}.lock`;
  ensurePrivateDir(dirname(path));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(lockPath, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(readFileSync(lockPath, "utf8").trim());
      if (Number.isSafeInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
        throw new StartupError(`${path} is in use by another mexc-live (pid ${holder}); stop it or use another --data`);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new StartupError(`cannot lock ${path}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
