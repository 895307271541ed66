/**
 * A request a page of another site makes (Sec-Fetch-Site: cross-site) is refused before any work
 * (issue 54 item 5): the route's read never runs. Following a link to the dashboard's page still
 * opens it; same-origin, same-site, none and no header pass.
 */
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { sampleHealth } from "../../../contract/test/items.js";
import { TopicHub } from "../fanout/topicHub.js";
import { buildApp } from "../http/app.js";
import { MemoryQueries } from "../http/queries/memoryQueries.js";
import { createMetrics } from "../metrics.js";

let app: FastifyInstance;
afterEach(() => app?.close());

/** Counts the fills reads the routes ask for: the work a request makes. */
class CountingQueries extends MemoryQueries {
  reads = 0;
  override fills(...args: Parameters<MemoryQueries["fills"]>) {
    this.reads++;
    return super.fills(...args);
  }
}

function start(): CountingQueries {
  const queries = new CountingQueries();
  app = buildApp({
    queries,
    hub: new TopicHub(),
    health: () => sampleHealth(),
    metrics: createMetrics({ defaultMetrics: false }),
    settings: { requireToken: false, webDist: "/nonexistent" },
  });
  return queries;
}

const LOOPBACK = { host: "127.0.0.1:8787" };
/** What a browser sends when a page of another site fetches, or follows a link. */
const FETCH = { "sec-fetch-mode": "cors", "sec-fetch-dest": "empty" };
const LINK = { "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" };

describe("a request from a page of another site", () => {
  it("is refused with 403 before the route does any work, a fetch or a link to the API alike", async () => {
    const queries = start();
    for (const kind of [FETCH, LINK, { "sec-fetch-mode": "no-cors", "sec-fetch-dest": "image" }]) {
      const answer = await app.inject({
        method: "GET",
        url: "/api/fills",
        headers: { ...LOOPBACK, ...kind, "sec-fetch-site": "cross-site" },
      });
      expect(answer.statusCode).toBe(403);
      expect(answer.json()).toMatchObject({
        error: "FORBIDDEN_ORIGIN",
        message: "sec-fetch-site: a page of another site may not use this gateway",
      });
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    }
    const post = await app.inject({
      method: "POST",
      url: "/api/login",
      headers: { ...LOOPBACK, ...FETCH, "sec-fetch-site": "cross-site", "content-type": "application/json" },
      payload: { token: "x" },
    });
    expect(post.statusCode).toBe(403);
    expect(queries.reads).toBe(0);
  });

  it("passes from the same origin, the same site, a typed address, or a client that sends no such header", async () => {
    const queries = start();
    for (const site of ["same-origin", "same-site", "none", undefined]) {
      const answer = await app.inject({
        method: "GET",
        url: "/api/fills",
        headers: { ...LOOPBACK, ...FETCH, ...(site === undefined ? {} : { "sec-fetch-site": site }) },
      });
      expect(answer.statusCode, site).toBe(200);
    }
    expect(queries.reads).toBe(4);
  });

  it("still opens the dashboard when a link on another site is followed", async () => {
    start();
    const answer = await app.inject({
      method: "GET",
      url: "/",
      headers: { ...LOOPBACK, ...LINK, "sec-fetch-site": "cross-site" },
    });
    expect(answer.statusCode).not.toBe(403);
    const embedded = await app.inject({
      method: "GET",
      url: "/",
      headers: {
        ...LOOPBACK,
        "sec-fetch-mode": "navigate",
        "sec-fetch-dest": "iframe",
        "sec-fetch-site": "cross-site",
      },
    });
    expect(embedded.statusCode).toBe(403);
  });
});
