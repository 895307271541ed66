/**
 * `?account=NAME` on the account-scoped routes: which account's queries, writes and alerts a
 * request reads. Without it, the default (first) account's. A web instance (no directory) serves
 * one account only: a named one is refused there.
 */
import { ACCOUNT_NAME } from "@mexc-live/contract";
import type { FastifyRequest } from "fastify";
import type { AlertService } from "../alerts/alertService.js";
import { HttpError } from "../errors.js";
import type { GatewayQueries } from "../queries/gatewayQueries.js";
import type { AppDeps, HistoryWrites } from "./deps.js";

export interface AccountScope {
  readonly queries: GatewayQueries;
  readonly writes: HistoryWrites | undefined;
  readonly alerts: AlertService | undefined;
}

/** The query parameter naming the account; every route takes it besides its own. */
export const ACCOUNT_PARAM = "account";

export function scopeOf(deps: AppDeps, request: FastifyRequest): AccountScope {
  const given = (request.query as Record<string, unknown> | undefined)?.[ACCOUNT_PARAM];
  let name: string | undefined;
  if (given !== undefined) {
    if (typeof given !== "string" || !ACCOUNT_NAME.test(given)) {
      throw new HttpError("BAD_REQUEST", "account: must be an account name (letters, digits, - and _)");
    }
    name = given;
  }
  if (deps.accounts === undefined) {
    if (name !== undefined) {
      throw new HttpError(
        "NOT_ON_WEB_INSTANCE",
        "account: a web instance serves the default account only; ask the collector",
      );
    }
    return { queries: deps.queries, writes: deps.writes, alerts: deps.alerts };
  }
  const runtime = deps.accounts.pick(name);
  return { queries: runtime.queries, writes: runtime.writes, alerts: runtime.alerts };
}
