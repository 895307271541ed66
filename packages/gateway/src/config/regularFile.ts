/**
 * The files settings come from (the --config file, a secret's `_FILE`) are read only when they are
 * regular files of a bounded size: opened without waiting (O_NONBLOCK: a FIFO with no writer, a
 * device) and refused at once when they are anything else. A FIFO given as --config used to hang
 * start-up for ever (issue 54 item 5).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

/** The file's text, when it is a regular file of at most `maxBytes`; throws a short reason otherwise (never the content). */
export function readRegularFile(path: string, maxBytes: number): string {
  return readRegularFileBytes(path, maxBytes).toString("utf8");
}

/** The file's bytes, when it is a regular file of at most `maxBytes` (an import may be a zip); throws as readRegularFile. */
export function readRegularFileBytes(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error("a directory"), { code: "EISDIR" });
    if (!stat.isFile()) throw new Error("not a regular file");
    if (stat.size > maxBytes) throw new Error(`larger than ${maxBytes} bytes`);
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > maxBytes) throw new Error(`larger than ${maxBytes} bytes`);
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Why a read failed, in a few words: the system's code (ENOENT, EACCES) or our own reason. */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES") return "permission denied";
  if (code === "EISDIR") return "a directory";
  return code ?? (error as Error).message;
}
