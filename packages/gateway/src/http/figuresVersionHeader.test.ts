import { FIGURES_VERSION_HEADER } from "@mexc-live/contract";
import type { ReadQuery } from "@mexc-live/contract/api";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { TopicHub } from "../fanout/topicHub.js";
import { createMetrics } from "../metrics.js";
import { AccountDirectory, type AccountEntry } from "./accountDirectory.js";
import { buildApp } from "./app.js";
import { MemoryQueries } from "./queries/memoryQueries.js";

let app: FastifyInstance;
afterEach(() => app?.close());

/** An account's queries with a figures version, which moves while a performance answer is computed. */
class VersionedQueries extends MemoryQueries {
  version = 0;
  figuresVersion(): number {
    return this.version;
  }
  override performance(query: ReadQuery<"performance">) {
    const answer = super.performance(query);
    this.version++;
    return answer;
  }
}

function entry(name: string, queries: MemoryQueries): AccountEntry {
  return {
    name,
    mode: "live",
    topicAccount: name === "main" ? undefined : name,
    queries,
    writes: undefined,
    alerts: undefined,
    health: () => sampleHealth(),
    equity: () => null,
  };
}

function start(entries: AccountEntry[]) {
  app = buildApp({
    queries: entries[0]!.queries,
    accounts: new AccountDirectory(() => entries),
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { webDist: "/nonexistent", requireToken: false },
  });
  return app;
}

const FIGURES_ROUTES = ["/api/pnl", "/api/pnl?by=asset", "/api/pnl/periods", "/api/fees", "/api/fees/days"];

describe("the figures version of an answer", () => {
  it("every figures route sends the version its answer was computed at", async () => {
    const main = new VersionedQueries();
    main.version = 7;
    start([entry("main", main)]);
    for (const url of FIGURES_ROUTES) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers[FIGURES_VERSION_HEADER.toLowerCase()], url).toBe("7");
    }
  });

  it("is the version read before computing: a figure that moved meanwhile is not claimed", async () => {
    const main = new VersionedQueries();
    main.version = 3;
    start([entry("main", main)]);
    const response = await app.inject({ url: "/api/performance" });
    expect(response.statusCode).toBe(200);
    expect(response.headers[FIGURES_VERSION_HEADER.toLowerCase()]).toBe("3");
    expect(main.version).toBe(4);
  });

  it("for all accounts together, is the sum of every account's; for one account, its own", async () => {
    const main = new VersionedQueries();
    const sub = new VersionedQueries();
    main.version = 5;
    sub.version = 11;
    start([entry("main", main), entry("sub", sub)]);
    const header = async (url: string) =>
      (await app.inject({ url })).headers[FIGURES_VERSION_HEADER.toLowerCase()] as string | undefined;
    expect(await header("/api/fees")).toBe("16");
    expect(await header("/api/fees?account=main")).toBe("5");
    expect(await header("/api/fees?account=sub")).toBe("11");
    sub.version++;
    expect(await header("/api/pnl/periods")).toBe("17");
    // The All-accounts summary (each account's latest equity) says the version it goes with.
    expect(await header("/api/accounts")).toBe("17");
  });

  it("is not sent where no figures are kept (an account's reads without a version)", async () => {
    start([entry("main", new VersionedQueries()), entry("sub", new MemoryQueries())]);
    const response = await app.inject({ url: "/api/fees" });
    expect(response.statusCode).toBe(200);
    expect(response.headers[FIGURES_VERSION_HEADER.toLowerCase()]).toBeUndefined();
  });
});
