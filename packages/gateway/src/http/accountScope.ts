/**
 * `?account=NAME` on the account-scoped routes: which account a request reads or writes. Without
 * it, with one account, that account; with several, all of them together for reading
 * (queries/allAccountsQueries.ts), while a write (an import, an opening cost, an alert rule) must
 * name its account.
 */

import type { AlertService } from "@mexc-live/alerts";
import { ACCOUNT_NAME, ACCOUNT_PARAM } from "@mexc-live/contract";
import type { FastifyRequest } from "fastify";
import { HttpError } from "../errors.js";
import type { HistoryWrites } from "./accountDirectory.js";
import type { AppDeps } from "./deps.js";
import { allAccountsQueries } from "./queries/allAccountsQueries.js";
import type { GatewayQueries } from "./queries/gatewayQueries.js";

function accountParam(request: FastifyRequest): string | undefined {
  const given = (request.query as Record<string, unknown> | undefined)?.[ACCOUNT_PARAM];
  if (given === undefined) return undefined;
  if (typeof given !== "string" || !ACCOUNT_NAME.test(given)) {
    throw new HttpError("BAD_REQUEST", "account: must be an account name (letters, digits, - and _)");
  }
  return given;
}

/** What a read answers from: the named account's queries, or all accounts' together. */
export function scopeOf(deps: AppDeps, request: FastifyRequest): { readonly queries: GatewayQueries } {
  const name = accountParam(request);
  const { accounts } = deps;
  if (accounts === undefined) return { queries: deps.queries };
  if (name === undefined && accounts.all().length > 1) {
    return { queries: allAccountsQueries(() => accounts.all(), accounts.pick(undefined).queries) };
  }
  return { queries: accounts.pick(name).queries };
}

/** Where a write goes: the named account (with several, it must be named). */
export function writeScopeOf(
  deps: AppDeps,
  request: FastifyRequest,
): { readonly writes: HistoryWrites | undefined; readonly alerts: AlertService | undefined } {
  const name = accountParam(request);
  const { accounts } = deps;
  if (accounts === undefined) return { writes: deps.writes, alerts: deps.alerts };
  if (name === undefined && accounts.all().length > 1) {
    throw new HttpError("ACCOUNT_REQUIRED", "account: several accounts here; name one with ?account=NAME");
  }
  const entry = accounts.pick(name);
  return { writes: entry.writes, alerts: entry.alerts };
}
