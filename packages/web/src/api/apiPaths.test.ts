// @vitest-environment node
/**
 * Every URL of the API the dashboard asks for comes from the contract's tables (READS, EXPORTS,
 * API_PATHS) through this folder's client: no other file of the dashboard writes an `/api/` path.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { exportHref, routePath, scopeRequests } from "./http.js";

const SRC = fileURLToPath(new URL("..", import.meta.url));

/** The dashboard's source files, tests aside. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** A string, template or JSX attribute that starts with /api/ (a comment naming a route is not one). */
const API_PATH_WRITTEN = /["'`]\/api\//;

afterEach(() => scopeRequests(undefined));

describe("the dashboard's API paths", () => {
  it("are written in src/api/ only: every other file asks by a row of the API table", () => {
    const files = sources(SRC);
    expect(files.length).toBeGreaterThan(50);
    const writing = files
      .filter((file) => !relative(SRC, file).startsWith("api/"))
      .filter((file) => API_PATH_WRITTEN.test(readFileSync(file, "utf8")))
      .map((file) => relative(SRC, file));
    expect(writing).toEqual([]);
  });

  it("an export's link and a write's path come from the tables, with the account shown", () => {
    scopeRequests("sub1");
    expect(exportHref("tax", { year: 2025, method: "fifo" })).toBe(
      "/api/export/tax.csv?year=2025&method=fifo&account=sub1",
    );
    expect(exportHref("orders", { status: "closed", symbol: "BTCUSDT" })).toBe(
      "/api/export/orders.csv?status=closed&symbol=BTCUSDT&account=sub1",
    );
    expect(routePath("openingCost", { asset: "BTC" })).toBe("/api/opening-positions/BTC");
    expect(routePath("alertTest", { id: "r 1/2" })).toBe("/api/alerts/rules/r%201%2F2/test");
  });
});
