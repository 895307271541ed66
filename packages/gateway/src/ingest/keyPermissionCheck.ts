/**
 * Whether the configured API keys can do more than read (docs/mexc/undocumented.md#fills-and-keys
 * item 11.32). mexc-live never trades and asks for a read-only key; a key that can trade or move
 * funds is what leaked from 3Commas. MEXC has no read of a key's own permissions, but a main
 * account's key reads each of its sub-accounts' keys with their permissions (GET
 * /api/v3/sub-account/list, then GET /api/v3/sub-account/apiKey?subAccount=, both "For Master
 * Account", reads). So:
 *
 *   - each configured account not yet known is asked for its sub-accounts once; MEXC refuses a
 *     sub-account's key (a MexcApiError: that account is no main account, never asked again);
 *   - each main account's sub-accounts' keys are read, and a configured key found among them gets
 *     its permissions, said in words when it can do more than read;
 *   - a main account's own key, and a key whose main account is not configured here, cannot be
 *     told: health says so, with what to check by hand.
 *
 * Bounded: once at start and every KEY_CHECK_INTERVAL_MS (an hour); a run asks each main account
 * for its list (one page of at most SUB_ACCOUNT_LIST_LIMIT_MAX) and then the keys of the
 * sub-accounts that hold a configured key, or of every listed sub-account while some configured
 * key is not found yet. Reads only, never a write; on a client of its own that raises no alert (a
 * sub-account's key refused here is expected, not an auth failure).
 */
import type { RestEndpoints } from "@mexc-live/client/internals";
import type { KeyPermissionsHealth } from "@mexc-live/contract";
import { isMexcApiError, keyAbilities, parseKeyPermissions } from "@mexc-live/protocol";
import { KEY_CHECK_INTERVAL_MS } from "../config/defaults.js";
import type { Logger } from "../logging.js";

export interface KeyCheckAccount {
  readonly name: string;
  readonly apiKey: string;
  /** Reads signed with this account's own key. */
  readonly endpoints: Pick<RestEndpoints, "subAccounts" | "subAccountApiKeys">;
}

export interface KeyCheckDeps {
  readonly accounts: readonly KeyCheckAccount[];
  readonly logger: Logger;
  readonly now: () => number;
  /** What a main account's own key is said to be (default MAIN_KEY_UNKNOWN; the demo's: DEMO_MAIN_KEY). */
  readonly mainKeyNote?: string;
  /** What is known changed (health is published again). */
  readonly onChange?: () => void;
  readonly intervalMs?: number;
}

/** In words: MEXC has no read of a main account's own key's permissions. */
export const MAIN_KEY_UNKNOWN =
  "this is a main account's key: MEXC has no read of its permissions; check on MEXC's API management page that trading and withdrawal are off (a monitor needs read only)";
/** In words, in demo mode: the main account's key is the simulator's, with nothing to check on MEXC. */
export const DEMO_MAIN_KEY =
  "the demo's simulated main account: its key belongs to the simulator, nothing to check on MEXC";
/** In words: a sub-account's key whose main account is not configured here. */
export const NO_MAIN_KEY =
  "MEXC tells a sub-account key's permissions only to its main account's key, which is not configured here; check on MEXC's API management page that trading and withdrawal are off (a monitor needs read only)";

export class KeyPermissionCheck {
  private readonly results = new Map<string, KeyPermissionsHealth>();
  /** Main accounts (by configured name) and their sub-accounts' names, as last listed. */
  private readonly mains = new Map<string, readonly string[]>();
  /** Configured accounts MEXC refused the list to: sub-accounts' keys. */
  private readonly notMain = new Set<string>();
  /** Configured account -> the sub-account whose keys hold its key. */
  private readonly holderOf = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly deps: KeyCheckDeps) {}

  /** Runs now, then every intervalMs. */
  start(): void {
    void this.run();
    this.timer = setInterval(() => void this.run(), this.deps.intervalMs ?? KEY_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }

  /** What is known of the account's key; undefined before it was checked. */
  of(account: string): KeyPermissionsHealth | undefined {
    return this.results.get(account);
  }

  /** One check (a run in progress is joined, not doubled). */
  run(): Promise<void> {
    this.running ??= this.check().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async check(): Promise<void> {
    const { accounts, logger } = this.deps;
    for (const account of accounts) {
      if (this.closed) return;
      if (this.notMain.has(account.name) || this.holderOf.has(account.name)) continue;
      try {
        const answer = await account.endpoints.subAccounts();
        this.mains.set(
          account.name,
          (answer.subAccounts ?? []).map((sub) => sub.subAccount).filter((name) => typeof name === "string"),
        );
      } catch (error) {
        if (!isMexcApiError(error)) {
          logger.debug({ account: account.name, err: (error as Error).message }, "sub-account list not read");
          continue;
        }
        // MEXC's answer to a sub-account's key (700007 "No permission to access the endpoint").
        this.mains.delete(account.name);
        this.notMain.add(account.name);
      }
    }
    const byKey = new Map(accounts.map((account) => [account.apiKey, account.name]));
    const checkedAt = this.deps.now();
    for (const [mainName, subs] of this.mains) {
      const main = accounts.find((account) => account.name === mainName)!;
      const unfound = accounts.some((account) => !this.mains.has(account.name) && !this.holderOf.has(account.name));
      const holders = new Set(this.holderOf.values());
      for (const sub of subs) {
        if (this.closed) return;
        if (!unfound && !holders.has(sub)) continue;
        try {
          const keys = await main.endpoints.subAccountApiKeys(sub);
          for (const key of keys.subAccount ?? []) {
            const name = byKey.get(key.apiKey);
            if (name === undefined || typeof key.permissions !== "string") continue;
            this.holderOf.set(name, sub);
            this.set(name, permissionsHealth(parseKeyPermissions(key.permissions), checkedAt));
          }
        } catch (error) {
          logger.debug(
            { account: mainName, subAccount: sub, err: (error as Error).message },
            "sub-account keys not read",
          );
        }
      }
      const note = this.deps.mainKeyNote ?? MAIN_KEY_UNKNOWN;
      this.set(mainName, { permissions: null, writes: false, note, checkedAt: null });
    }
    for (const name of this.notMain) {
      if (!this.holderOf.has(name))
        this.set(name, { permissions: null, writes: false, note: NO_MAIN_KEY, checkedAt: null });
    }
  }

  /** Keeps what is known of an account's key; says it (a warning for a key that can write) when it changed. */
  private set(account: string, health: KeyPermissionsHealth): void {
    const before = this.results.get(account);
    this.results.set(account, health);
    if (before !== undefined && before.note === health.note && before.writes === health.writes) return;
    const fields = { account, permissions: health.permissions ?? undefined };
    if (health.writes) this.deps.logger.warn(fields, `account "${account}": ${health.note}`);
    else this.deps.logger.info(fields, `account "${account}": ${health.note}`);
    this.deps.onChange?.();
  }
}

/** A key's permissions as health says them: in words what it can do beyond reading. */
function permissionsHealth(permissions: readonly string[], checkedAt: number): KeyPermissionsHealth {
  const { trade, moveFunds, otherWrites } = keyAbilities(permissions);
  const can = [
    ...(trade ? ["trade"] : []),
    ...(moveFunds ? ["move funds out (transfer or withdraw)"] : []),
    ...(otherWrites.length > 0 ? [`change the account (${otherWrites.join(", ")})`] : []),
  ];
  const writes = can.length > 0;
  return {
    permissions,
    writes,
    note: writes
      ? `this key can ${can.join(" and ")}: a monitor needs read only; take ${can.length > 1 ? "these permissions" : "the permission"} off on MEXC's API management page`
      : "this key reads only, as a monitor needs",
    checkedAt,
  };
}
