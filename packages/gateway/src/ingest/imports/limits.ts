/**
 * The size of one import, for the API (the body limit) and `mexc-live import`: 32 MiB, about
 * 400,000 rows of a spot trade export (a real 300,000-row export was 18.5 MB; a year of a busy
 * account's trades is a few MB). The rows' own limits are in mexcExports.ts.
 */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

/**
 * Characters of the header line, at most (issue 37 item 6). MEXC's widest export header, the
 * withdrawals' twelve columns with a UID and a "Time(UTC+08:00)" zone, is about 170 characters
 * (mexcExports.ts lists them); 1,024 cuts nothing real, and a longer first line is refused before
 * any of its cells is read.
 */
export const MAX_HEADER_CHARS = 1024;
