/**
 * The database file under --data. Live: one file per API key (a short hash of it), so two
 * accounts never mix. Demo: its own file, emptied at each start (each demo run is a fresh
 * simulated exchange whose history would not match the last one's).
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { SettingsError } from "../errors.js";

export const DEMO_DATABASE_FILE = "demo.db";

export function liveDatabaseFile(apiKey: string): string {
  return `mexc-live-${createHash("sha256").update(apiKey).digest("hex").slice(0, 12)}.db`;
}

/** A demo account's file: demo.db for the first, demo-NAME.db for the others. */
export function demoDatabaseFile(name: string | undefined): string {
  return name === undefined ? DEMO_DATABASE_FILE : `demo-${name}.db`;
}

/** The file of one account: a live account's by its key, a demo account's by its name. */
export function accountDatabasePath(dataDir: string, account: { readonly apiKey: string } | undefined): string {
  return join(dataDir, account ? liveDatabaseFile(account.apiKey) : DEMO_DATABASE_FILE);
}

/**
 * The file the inspection commands (`frames`, `import`) open with these settings: the one live
 * account's (several configured: choose one with --accounts NAME), or the demo one without keys.
 */
export function databasePath(settings: {
  readonly dataDir: string;
  readonly accounts: readonly { readonly name: string; readonly apiKey: string }[];
}): string {
  if (settings.accounts.length > 1) {
    const names = settings.accounts.map((account) => account.name).join(", ");
    throw new SettingsError(`several accounts are configured (${names}): choose one with --accounts NAME`);
  }
  return accountDatabasePath(settings.dataDir, settings.accounts[0]);
}
