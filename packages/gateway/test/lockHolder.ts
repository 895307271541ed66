/**
 * Test fixture (run as a child process by databaseLock.test.ts): takes the lock of the database
 * given as its argument, prints "locked", and holds it until it is killed (at most a minute).
 */
import { lockDatabase } from "../src/store/databaseLock.js";

/** Bounded: the parent kills it long before. */
const HOLD_MS = 60_000;

if (process.argv[2] && process.argv[1]?.endsWith("lockHolder.ts")) {
  // Kept referenced until the end: a lock nothing refers to can be collected, and its connection
  // closed with it, which let the parent take the lock now and then under load.
  const lock = lockDatabase(process.argv[2]);
  process.stdout.write("locked\n");
  setTimeout(() => lock.release(), HOLD_MS);
}
