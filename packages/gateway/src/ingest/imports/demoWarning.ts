/**
 * Demo mode's database is wiped at every start (each demo run is a fresh simulated exchange,
 * store/databaseFile.ts): what is imported into it is gone at the next start. Said by
 * `mexc-live import` and in the API's answer.
 */
export const DEMO_IMPORT_WARNING =
  "this is the demo database, wiped at the next start of mexc-live in demo mode: set your API keys to keep an import";
