/**
 * Each API key's permissions, and which accounts are a main account's sub-accounts
 * (docs/mexc/undocumented.md#fills-and-keys item 11.32). MEXC's "Query the APIKey of a sub-account
 * (For Master Account)" answers a sub-account's keys with their permissions to its main account's
 * key; "Query Sub-account List" lists a main account's sub-accounts. No endpoint reads a key's own
 * permissions. Here the demo account is the main account of the funded sub-accounts ("sub1", ...,
 * `accounts` N); every other account is a main account of its own with none.
 *
 * Permissions are MEXC's names (protocol's API_KEY_PERMISSIONS; another upper-case word is kept as
 * given). A key reads by default, SPOT_ACCOUNT_READ and SPOT_DEAL_READ, as mexc-live's README asks;
 * `startSimulator({ keyPermissions: { sub1: [...] } })` or POST /_sim/keyPermissions give it more.
 * The simulator does not refuse a call for a permission a key lacks [not modelled]: its demo
 * traders trade through the engine, and the tests place orders over REST with any key.
 */
import { wordProblem } from "@mexc-live/protocol";
import type { AccountCredentials } from "./accounts.js";

/** What a key may do unless told otherwise: read, as a monitor needs. */
const DEFAULT_KEY_PERMISSIONS: readonly string[] = ["SPOT_ACCOUNT_READ", "SPOT_DEAL_READ"];
/** Permissions one key may list, at most (MEXC's list has ten names). */
const MAX_KEY_PERMISSIONS = 32;

export interface KeyPermissions {
  /** The account's main account, for a sub-account; undefined for a main account. */
  mainOf(account: string): string | undefined;
  /** A main account's sub-accounts, in order (none for a sub-account). */
  subAccountsOf(account: string): readonly AccountCredentials[];
  permissionsOf(account: string): readonly string[];
  /** Replaces the key's permissions; throws RangeError for an unknown account or a name that is not a word. */
  set(account: string, permissions: readonly string[]): readonly string[];
}

export function createKeyPermissions(deps: {
  readonly accounts: readonly AccountCredentials[];
  /** The main account and its sub-accounts. */
  readonly main: string;
  readonly subAccounts: readonly string[];
  readonly given?: Readonly<Record<string, readonly string[]>>;
}): KeyPermissions {
  const byAccount = new Map(deps.accounts.map((credentials) => [credentials.account, credentials]));
  const subs = new Set(deps.subAccounts);
  const permissions = new Map<string, readonly string[]>();
  const known = (account: string) => {
    if (!byAccount.has(account)) throw new RangeError(`unknown account "${account}"`);
  };
  const set = (account: string, list: readonly string[]) => {
    known(account);
    if (list.length > MAX_KEY_PERMISSIONS) throw new RangeError(`at most ${MAX_KEY_PERMISSIONS} permissions`);
    for (const name of list) {
      const problem = wordProblem(name);
      if (problem !== undefined || name !== name.toUpperCase()) {
        throw new RangeError(`permission ${JSON.stringify(name.slice(0, 40))} is not one of MEXC's names`);
      }
    }
    const kept = [...new Set(list)];
    permissions.set(account, kept);
    return kept;
  };
  for (const [account, list] of Object.entries(deps.given ?? {})) set(account, list);
  return {
    mainOf: (account) => (subs.has(account) ? deps.main : undefined),
    subAccountsOf: (account) =>
      account === deps.main ? deps.accounts.filter((credentials) => subs.has(credentials.account)) : [],
    permissionsOf: (account) => permissions.get(account) ?? DEFAULT_KEY_PERMISSIONS,
    set,
  };
}
