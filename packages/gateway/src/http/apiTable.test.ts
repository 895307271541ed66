/**
 * Every GET of the gateway is a row of the contract's tables (issue 55 item 3): a read of READS
 * (the figures, the history's lists, the alerts, the market's and the instance's own) or a
 * download of EXPORTS; none is registered by hand beside them, and every row is served. Besides
 * them only the live topics' stream (/events) and the dashboard's files (/*) answer a GET; API_PATHS
 * holds the writes and the login. docs/api.md names the same routes (apiDocs.test.ts), so a read
 * dropped from the table fails there, one added by hand fails here.
 */
import { EXPORTS, READS, TAX_METHODS } from "@mexc-live/contract";
import type { RouteOptions } from "fastify";
import { describe, expect, it, vi } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { TopicHub } from "../fanout/topicHub.js";
import { POSITION_METHODS, type PositionMethod } from "../figures/index.js";
import { createMetrics } from "../metrics.js";
import { buildApp } from "./app.js";
import { MemoryQueries } from "./queries/memoryQueries.js";

const seen = vi.hoisted(() => ({ routes: [] as { method: string; url: string }[] }));

vi.mock("fastify", async (importOriginal) => {
  const fastify = await importOriginal<typeof import("fastify")>();
  const make = (options?: Parameters<typeof fastify.default>[0]) => {
    const app = fastify.default(options);
    app.addHook("onRoute", (route: RouteOptions) => {
      for (const method of [route.method].flat()) seen.routes.push({ method, url: route.url });
    });
    return app;
  };
  return { ...fastify, default: make };
});

describe("the API's routes", () => {
  it("every GET is a row of READS or EXPORTS (but the stream's and the dashboard's), and every row is served", async () => {
    const app = buildApp({
      queries: new MemoryQueries(),
      hub: new TopicHub(),
      health: () => sampleHealth(),
      metrics: createMetrics({ defaultMetrics: false }),
      settings: { requireToken: false, webDist: "/nonexistent" },
    });
    await app.ready();
    const gets = new Set(seen.routes.filter(({ method }) => method === "GET").map(({ url }) => url));
    const table = new Set<string>([
      ...Object.values(READS).map((row) => row.path),
      ...Object.values(EXPORTS).map((row) => row.path),
    ]);
    const notReads = new Set(["/events", "/*"]);
    for (const path of gets) expect(table.has(path) || notReads.has(path), path).toBe(true);
    for (const path of table) expect(gets.has(path), path).toBe(true);
    // The lists and the exports the dashboard reads are rows, not routes of their own.
    for (const path of ["/api/fills", "/api/orders", "/api/transfers", "/api/ledger", "/api/opening-positions"])
      expect(
        Object.values(READS).some((row) => row.path === path),
        path,
      ).toBe(true);
    for (const kind of ["fills", "orders", "transfers", "ledger", "tax"])
      expect(
        Object.values(EXPORTS).some((row) => row.path === `/api/export/${kind}.csv`),
        kind,
      ).toBe(true);
    await app.close();
  });

  it("the tax report offers the position engine's methods, no more and no fewer", () => {
    const offered: readonly PositionMethod[] = TAX_METHODS;
    expect([...offered].sort()).toEqual([...POSITION_METHODS].sort());
  });
});
