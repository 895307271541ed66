/**
 * The size of one import, for the API (the body limit) and `mexc-live import`: 32 MiB, about
 * 400,000 rows of a spot trade export (a real 300,000-row export was 18.5 MB; a year of a busy
 * account's trades is a few MB). The rows' own limits are in mexcExports.ts.
 */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
