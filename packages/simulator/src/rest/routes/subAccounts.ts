/**
 * A main account's sub-accounts and their API keys (docs/mexc/undocumented.md#fills-and-keys item
 * 11.32; MEXC's "Query Sub-account List (For Master Account)" and "Query the APIKey of a
 * sub-account (For Master Account)"), signed reads. A sub-account's key is answered 700007 "No
 * permission to access the endpoint" [UNCONFIRMED: the code MEXC gives is not reported]; a name
 * that is none of the caller's sub-accounts 140001 "sub account does not exist".
 */
import { SUB_ACCOUNT_LIST_LIMIT_MAX } from "@mexc-live/protocol/limits";
import { REST_PATHS, type RestSubAccountApiKeys, type RestSubAccountList } from "@mexc-live/protocol/rest";
import type { FastifyInstance } from "fastify";
import { restErrors } from "../../errors.js";
import { type RestDeps, signedAccount, weightOf } from "../context.js";

/** MEXC's default page size of the sub-account list. */
const SUB_ACCOUNT_LIST_LIMIT_DEFAULT = 10;
const NO_PERMISSION = 700007;
const NO_SUB_ACCOUNT = 140001;

export function registerSubAccountRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { keyPermissions, keyStates } = deps;
  /** The caller, a main account; 700007 for a sub-account's key. */
  const mainAccount = (account: string) => {
    if (keyPermissions.mainOf(account) !== undefined) throw restErrors.fromTable(NO_PERMISSION);
    return account;
  };
  const createdAt = (apiKey: string) => keyStates.list().find((view) => view.apiKey === apiKey)?.createdAt ?? 0;

  app.get(REST_PATHS.subAccounts, weightOf("GET /api/v3/sub-account/list"), async (request) => {
    const { params } = request.mexc;
    const account = mainAccount(signedAccount(request));
    const page = params.optionalInteger("page", { min: 1, max: Number.MAX_SAFE_INTEGER }) ?? 1;
    const limit = params.limit("limit", SUB_ACCOUNT_LIST_LIMIT_DEFAULT, SUB_ACCOUNT_LIST_LIMIT_MAX);
    const named = params.optional("subAccount");
    const subs = keyPermissions
      .subAccountsOf(account)
      .filter((credentials) => named === undefined || credentials.name === named);
    return {
      subAccounts: subs.slice((page - 1) * limit, page * limit).map((credentials) => ({
        subAccount: credentials.name,
        isFreeze: false,
        createTime: createdAt(credentials.apiKey),
      })),
    } satisfies RestSubAccountList;
  });

  app.get(REST_PATHS.subAccountApiKeys, weightOf("GET /api/v3/sub-account/apiKey"), async (request) => {
    const account = mainAccount(signedAccount(request));
    const name = request.mexc.params.required("subAccount");
    const sub = keyPermissions.subAccountsOf(account).find((credentials) => credentials.name === name);
    if (sub === undefined) throw restErrors.fromTable(NO_SUB_ACCOUNT);
    return {
      subAccount: [
        {
          note: "",
          apiKey: sub.apiKey,
          permissions: keyPermissions.permissionsOf(sub.account).join(","),
          ip: "",
          createTime: createdAt(sub.apiKey),
        },
      ],
    } satisfies RestSubAccountApiKeys;
  });
}
