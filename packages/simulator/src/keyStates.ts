/**
 * Each API key's life: made when the simulator starts, expired 90 days later unless bound to an
 * IP (MEXC's FAQ as quoted by third parties, docs/mexc/undocumented.md#api-keys item 11.11; protocol's API_KEY_LIFETIME_MS, a duration
 * the simulator's --speed shortens), or revoked and restored by hand (`GET /_sim/keys`,
 * `POST /_sim/keys`). MEXC answers a key it expired or deleted as it answers a wrong secret:
 * 700002 "Signature for this request is not valid." on every signed call, no code of its own
 * (docs/mexc/undocumented.md#api-keys item 11.14: ccxt's exception map, "same message for expired API keys"; Floris272/py-mexc-api#1).
 *
 * What becomes of the listen keys a refused key made is not reported [UNCONFIRMED]: we drop them
 * and close their sockets at once, the harder case for a client (it must come back through
 * REST and reconcile). Expiry is modelled with the `keyExpiry` behaviour (behaviours.ts);
 * revoking by hand works either way.
 */
import { API_KEY_LIFETIME_MS } from "@mexc-live/protocol/limits";
import type { AccountCredentials } from "./accounts.js";
import type { SimClock } from "./clock.js";
import type { ListenKeyStore } from "./types.js";

export type KeyState = "active" | "revoked" | "expired";

/** One key as GET /_sim/keys lists it (the simulator's own keys: it prints them at start anyway). */
export interface KeyView {
  readonly account: string;
  readonly apiKey: string;
  readonly state: KeyState;
  /** Wall-clock ms it was made (restoring a key makes it anew). */
  readonly createdAt: number;
  /** Wall-clock ms MEXC expires it (90 days, scaled by --speed); null when expiry is off. */
  readonly expiresAt: number | null;
}

export type KeyAction = "revoke" | "restore" | "expire";
export const KEY_ACTIONS: readonly KeyAction[] = ["revoke", "restore", "expire"];

export interface KeyStates {
  /** Whether MEXC refuses this key now (revoked, or expired with expiry on). */
  refuses(apiKey: string): boolean;
  list(): KeyView[];
  /** Revokes, restores or expires the key of `account`; its view after. Throws RangeError for an unknown account. */
  apply(account: string, action: KeyAction): KeyView;
}

export function createKeyStates(deps: {
  readonly clock: SimClock;
  readonly accounts: readonly AccountCredentials[];
  readonly listenKeys: ListenKeyStore;
  /** Keys expire 90 (simulated) days after they were made. */
  readonly expiry: boolean;
}): KeyStates {
  const { clock, listenKeys } = deps;
  const lifetime = () => clock.real(API_KEY_LIFETIME_MS);
  const entries = new Map(
    deps.accounts.map((credentials) => [credentials.account, { credentials, createdAt: clock.now(), revoked: false }]),
  );
  const byKey = new Map([...entries.values()].map((entry) => [entry.credentials.apiKey, entry]));

  const stateOf = (entry: { createdAt: number; revoked: boolean }): KeyState => {
    if (entry.revoked) return "revoked";
    return deps.expiry && clock.now() >= entry.createdAt + lifetime() ? "expired" : "active";
  };
  const view = (entry: { credentials: AccountCredentials; createdAt: number; revoked: boolean }): KeyView => ({
    account: entry.credentials.account,
    apiKey: entry.credentials.apiKey,
    state: stateOf(entry),
    createdAt: entry.createdAt,
    expiresAt: deps.expiry ? entry.createdAt + lifetime() : null,
  });
  const dropListenKeys = (account: string) => {
    for (const key of listenKeys.list(account)) listenKeys.expireNow(key);
  };

  return {
    refuses(apiKey) {
      const entry = byKey.get(apiKey);
      return entry !== undefined && stateOf(entry) !== "active";
    },
    list: () => [...entries.values()].map(view),
    apply(account, action) {
      const entry = entries.get(account);
      if (entry === undefined) throw new RangeError(`unknown account "${account}"`);
      if (action === "revoke") {
        entry.revoked = true;
        dropListenKeys(account);
      } else if (action === "expire") {
        entry.revoked = false;
        entry.createdAt = clock.now() - lifetime();
        if (deps.expiry) dropListenKeys(account);
      } else {
        entry.revoked = false;
        entry.createdAt = clock.now();
      }
      return view(entry);
    },
  };
}
