#!/usr/bin/env node
// The container's HEALTHCHECK (Dockerfile): exit 0 when the gateway on 127.0.0.1:8787 answers
// /api/health. With the token (MEXC_LIVE_TOKEN, MEXC_LIVE_TOKEN_FILE, or the access-token the
// gateway made in /data) the answer must be 200; with none to be found, the guard's 401 shows the
// server is up. The token is sent in a header, never printed.
import { readFileSync } from "node:fs";

const URL_HEALTH = "http://127.0.0.1:8787/api/health";
/** Docker's own --timeout is 5 s; give up a little before it. */
const TIMEOUT_MS = 4000;

function readToken() {
  if (process.env.MEXC_LIVE_TOKEN?.trim()) return process.env.MEXC_LIVE_TOKEN.trim();
  for (const path of [process.env.MEXC_LIVE_TOKEN_FILE, "/data/access-token"]) {
    try {
      if (path) return readFileSync(path, "utf8").trim() || undefined;
    } catch {
      // not there (yet): next place
    }
  }
  return undefined;
}

const token = readToken();
try {
  const response = await fetch(URL_HEALTH, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  process.exit(response.ok || (token === undefined && response.status === 401) ? 0 : 1);
} catch {
  process.exit(1);
}
