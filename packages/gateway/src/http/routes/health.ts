/**
 * GET /api/health -> Health: demo or live, and the state of the MEXC connection (the default
 * account's, or `?account=NAME`'s). GET /api/accounts -> {items: AccountItem[]}: every account
 * this gateway watches, with its health.
 */

import type { AccountsAnswer, Health } from "@mexc-live/contract";
import { API_PATHS } from "@mexc-live/contract";
import type { FastifyInstance } from "fastify";
import { HttpError } from "../../errors.js";
import { totalOf } from "../accountDirectory.js";
import { scopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";
import { sendFiguresVersion } from "../figuresVersionHeader.js";
import { params, parseQuery } from "../queryParams.js";

const query = params({});

export function healthRoute(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: { account?: string } }>(API_PATHS.health, async (request): Promise<Health> => {
    parseQuery(query, request.query);
    const name = request.query.account;
    if (name === undefined) return deps.health();
    if (deps.accounts === undefined) {
      throw new HttpError(
        "NOT_ON_WEB_INSTANCE",
        "account: a web instance serves the default account only; ask the collector",
      );
    }
    return deps.accounts.pick(name).health();
  });

  app.get(API_PATHS.accounts, async (request, reply): Promise<AccountsAnswer> => {
    parseQuery(query, request.query);
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
  });
}
