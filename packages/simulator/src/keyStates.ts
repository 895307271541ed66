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
 * revoking by hand works either way. A key can be renewed from 5 days before it expires, adding 90
 * days (MEXC's API introduction, docs/mexc/undocumented.md#api-keys item 11.30): `{"action":"renew"}` earlier, or once it
 * has expired, is refused (KeyRenewalRefused), as MEXC's page offers no Renew then [UNCONFIRMED].
 * `{"action":"near-expiry"}` ages a key into its renewal window (half of it left), so a test or the
 * soak can renew one without waiting out 85 days.
 */
import { API_KEY_LIFETIME_MS, API_KEY_RENEWAL_MS, API_KEY_RENEWAL_WINDOW_MS } from "@mexc-live/protocol/limits";
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
  /** Wall-clock ms MEXC expires it (90 days, scaled by --speed, plus 90 a renewal); null when expiry is off. */
  readonly expiresAt: number | null;
  /** Wall-clock ms from which it can be renewed (5 days before expiresAt, scaled); null when expiry is off. */
  readonly renewableFrom: number | null;
}

/** A renewal asked outside its window (before 5 days ahead of expiry, or once expired or revoked). */
export class KeyRenewalRefused extends Error {}

export type KeyAction = "revoke" | "restore" | "expire" | "renew" | "near-expiry";
export const KEY_ACTIONS: readonly KeyAction[] = ["revoke", "restore", "expire", "renew", "near-expiry"];

export interface KeyStates {
  /** Whether MEXC refuses this key now (revoked, or expired with expiry on). */
  refuses(apiKey: string): boolean;
  list(): KeyView[];
  /**
   * Revokes, restores, expires, renews or ages into its renewal window the key of `account`; its view after. Throws RangeError for
   * an unknown account, KeyRenewalRefused for a renewal outside its window.
   */
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
    deps.accounts.map((credentials) => [
      credentials.account,
      { credentials, createdAt: clock.now(), revoked: false, renewedMs: 0 },
    ]),
  );
  const expiresAt = (entry: { createdAt: number; renewedMs: number }) => entry.createdAt + lifetime() + entry.renewedMs;
  const byKey = new Map([...entries.values()].map((entry) => [entry.credentials.apiKey, entry]));

  type Entry = { credentials: AccountCredentials; createdAt: number; revoked: boolean; renewedMs: number };
  const stateOf = (entry: Omit<Entry, "credentials">): KeyState => {
    if (entry.revoked) return "revoked";
    return deps.expiry && clock.now() >= expiresAt(entry) ? "expired" : "active";
  };
  const view = (entry: Entry): KeyView => ({
    account: entry.credentials.account,
    apiKey: entry.credentials.apiKey,
    state: stateOf(entry),
    createdAt: entry.createdAt,
    expiresAt: deps.expiry ? expiresAt(entry) : null,
    renewableFrom: deps.expiry ? expiresAt(entry) - clock.real(API_KEY_RENEWAL_WINDOW_MS) : null,
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
        entry.renewedMs = 0;
        if (deps.expiry) dropListenKeys(account);
      } else if (action === "near-expiry") {
        // Made so long ago that half its renewal window is left: active, renewable.
        entry.revoked = false;
        entry.createdAt = clock.now() - lifetime() + clock.real(API_KEY_RENEWAL_WINDOW_MS) / 2;
        entry.renewedMs = 0;
      } else if (action === "renew") {
        const renewableFrom = expiresAt(entry) - clock.real(API_KEY_RENEWAL_WINDOW_MS);
        if (stateOf(entry) !== "active" || clock.now() < renewableFrom) {
          throw new KeyRenewalRefused(
            `the key of "${account}" can be renewed from ${new Date(renewableFrom).toISOString()} until it expires`,
          );
        }
        entry.renewedMs += clock.real(API_KEY_RENEWAL_MS);
      } else {
        entry.revoked = false;
        entry.createdAt = clock.now();
        entry.renewedMs = 0;
      }
      return view(entry);
    },
  };
}
