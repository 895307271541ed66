/**
 * The instance's own reads (contract api/reads.ts, the rows `of: "instance"`), each answered where
 * it is asked from what this instance holds (a web instance: what it mirrors from Redis), never
 * asked of a collector nor folded over accounts:
 *
 *   GET /api/health     demo or live, and the state of the MEXC connection: the default account's,
 *                       or `?account=NAME`'s
 *   GET /api/accounts   {items: AccountItem[], total}: every account this instance serves, with its
 *                       health and latest equity, and all of them together
 *   GET /metrics        the instance's Prometheus metrics, as text
 */

import { type HttpAnswer, INSTANCE_READ_NAMES, type InstanceReadName, READS } from "@mexc-live/contract";
import { READ_SCHEMAS } from "@mexc-live/contract/api";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HttpError } from "../../errors.js";
import type { Answer } from "../../figures/tableReads.js";
import { totalOf } from "../accountDirectory.js";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { sendFiguresVersion } from "../figuresVersionHeader.js";
import { parseQuery } from "../queryParams.js";

type InstanceRead<K extends InstanceReadName> = (
  deps: AppDeps,
  request: FastifyRequest<{ Querystring: { account?: string } }>,
  reply: FastifyReply,
) => Answer<HttpAnswer<K>>;

/** Each of the instance's reads, by name: the compiler asks for one per row. */
const INSTANCE_READS: { readonly [K in InstanceReadName]: InstanceRead<K> } = {
  health: (deps, request) => {
    const name = request.query.account;
    if (name === undefined) return deps.health();
    if (deps.accounts === undefined) {
      throw new HttpError(
        "NOT_ON_WEB_INSTANCE",
        "account: a web instance serves the default account only; ask the collector",
      );
    }
    return deps.accounts.pick(name).health();
  },
  accounts: async (deps, request, reply) => {
    if (deps.accounts === undefined) {
      // A web instance: the collector's default account, as its health and equity topic say.
      const health = deps.health();
      const equity = (await deps.queries.equity({})).at(-1) ?? null;
      const items = [{ name: "default", mode: health.mode, default: true, topicPrefix: "", health, equity }];
      return { items, total: totalOf(items) };
    }
    // The summary's equity is read beside the figures: it says which version it goes with.
    sendFiguresVersion(reply, scopeOf(deps, request).queries);
    return deps.accounts.list();
  },
  metrics: (deps, _request, reply) => {
    reply.header("content-type", deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  },
};

export function instanceRoutes(app: FastifyInstance, deps: AppDeps): void {
  for (const name of INSTANCE_READ_NAMES) {
    app.get<{ Querystring: { account?: string } }>(READS[name].path, async (request, reply) => {
      parseQuery(READ_SCHEMAS[name].http, request.query);
      return (INSTANCE_READS[name] as InstanceRead<typeof name>)(deps, request, reply);
    });
  }
}
