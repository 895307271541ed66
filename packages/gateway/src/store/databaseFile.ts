/**
 * The database file under --data. Live: one file per API key (a short hash of it), so two
 * accounts never mix. Demo: its own file, emptied at each start (each demo run is a fresh
 * simulated exchange whose history would not match the last one's).
 */
import { createHash } from "node:crypto";
import { join } from "node:path";

export const DEMO_DATABASE_FILE = "demo.db";

export function liveDatabaseFile(apiKey: string): string {
  return `mexc-live-${createHash("sha256").update(apiKey).digest("hex").slice(0, 12)}.db`;
}

/** The file `start` uses with these settings: the live account's, or the demo one without keys. */
export function databasePath(settings: {
  readonly dataDir: string;
  readonly credentials: { readonly apiKey: string } | undefined;
}): string {
  const file = settings.credentials ? liveDatabaseFile(settings.credentials.apiKey) : DEMO_DATABASE_FILE;
  return join(settings.dataDir, file);
}
