/**
 * docs/api.md against the routes the gateway registers (issue 40 item 10): the browser API section
 * names every route (method and path) and no route that does not exist, and for every route that
 * reads a query, names exactly the parameters it takes. The routes come from the app built
 * in-process (fastify's onRoute), the parameters from the schema each route hands parseQuery.
 */
import { readFileSync } from "node:fs";
import type { RouteOptions } from "fastify";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { TopicHub } from "../fanout/topicHub.js";
import { createMetrics } from "../metrics.js";
import { buildApp } from "./app.js";
import { MemoryQueries } from "./queries/memoryQueries.js";

const seen = vi.hoisted(() => ({ routes: [] as { method: string; url: string }[], keys: new Set<string>() }));

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

vi.mock("./queryParams.js", async (importOriginal) => {
  const own = await importOriginal<typeof import("./queryParams.js")>();
  return {
    ...own,
    parseQuery: (schema: { shape?: Record<string, unknown> }, query: unknown) => {
      for (const key of Object.keys(schema.shape ?? {})) seen.keys.add(key);
      return own.parseQuery(schema as never, query);
    },
  };
});

const DOC = new URL("../../../../docs/api.md", import.meta.url);
/** Served beside the app, not by it: the service attaches the WebSocket to `app.server`. */
const NOT_FASTIFY = new Set(["GET /stream"]);
/** Fastify's own: HEAD beside every GET, the dashboard's files under `/*`. */
const UNDOCUMENTED = (method: string, url: string) => method === "HEAD" || url === "/*";

/** `/api/opening-positions/:asset` as the doc writes it: `/api/opening-positions/ASSET`. */
const docPath = (url: string) => url.replace(/:(\w+)/g, (_all, name: string) => name.toUpperCase());

/** The browser API section: each `METHOD|METHOD /path?key=&key=` in backticks, GET when no method. */
function documented(): Map<string, Set<string>> {
  const text = readFileSync(DOC, "utf8");
  const section = text.slice(
    text.indexOf("## The browser API"),
    text.indexOf("\n## ", text.indexOf("## The browser API") + 1),
  );
  const routes = new Map<string, Set<string>>();
  for (const [, code] of section.matchAll(/`([^`]+)`/g)) {
    const match = /^(?:([A-Z|]+) )?(\/[^?\s]*)(?:\?(.*))?$/.exec(code ?? "");
    if (match === null) continue;
    const [, methods = "GET", path = "", query = ""] = match;
    for (const method of methods.split("|")) {
      const key = `${method} ${path}`;
      const keys = routes.get(key) ?? new Set<string>();
      for (const part of query.split("&")) if (part !== "") keys.add(part.split("=")[0] ?? "");
      routes.set(key, keys);
    }
  }
  return routes;
}

/** The routes of the app built in-process, ready (plugins such as the import's register then). */
async function registered(): Promise<string[]> {
  seen.routes.length = 0;
  const app = buildApp({
    queries: new MemoryQueries({}),
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
  apps.push(app);
  await app.ready();
  return [
    ...new Set(seen.routes.filter((r) => !UNDOCUMENTED(r.method, r.url)).map((r) => `${r.method} ${docPath(r.url)}`)),
  ];
}

const apps: ReturnType<typeof buildApp>[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

describe("docs/api.md names the API the gateway serves", () => {
  it("every registered route, and none that is not", async () => {
    const routes = await registered();
    const docs = [...documented().keys()].filter((route) => !NOT_FASTIFY.has(route));
    expect(
      routes.filter((route) => !docs.includes(route)),
      "routes docs/api.md does not name",
    ).toEqual([]);
    expect(
      docs.filter((route) => !routes.includes(route)),
      "routes docs/api.md names that do not exist",
    ).toEqual([]);
  });

  it("for every GET route that reads a query, exactly its parameters (`account` is every route's)", async () => {
    const routes = await registered();
    const app = apps[0];
    if (app === undefined) throw new Error("no app");
    const docs = documented();
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.startsWith("GET ") && !r.includes("/ID") && !r.includes("/ASSET"))) {
      seen.keys.clear();
      await app.inject({ method: "GET", url: route.slice(4) });
      const takes = [...seen.keys].filter((key) => key !== "account").sort();
      if (takes.length === 0) continue;
      const named = [...(docs.get(route) ?? [])].sort();
      if (named.join() !== takes.join()) wrong.push(`${route}: takes ${takes.join(",")}; docs name ${named.join(",")}`);
    }
    expect(wrong).toEqual([]);
  });
});
