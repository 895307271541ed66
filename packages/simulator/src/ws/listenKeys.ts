/**
 * Listen keys (docs/mexc/rest.md#listen-keys): 64 lower-case hex characters, valid 60 simulated
 * minutes from creation or the last extend, at most 60 valid keys per account. Expiry runs on
 * the SimClock, so `--speed` shortens it. Invalidation (delete, expiry, the expire-listen-keys
 * fault) is announced to listeners; the WebSocket layer closes the key's sockets.
 */

import { LISTEN_KEY_TTL_MS, MAX_LISTEN_KEYS_PER_ACCOUNT } from "@mexc-live/protocol/limits";
import type { SimClock } from "../clock.js";
import { listenKeyErrors } from "../errors.js";
import type { Random } from "../random.js";
import type { ListenKeyInvalidation, ListenKeyStore } from "../types.js";

const LISTEN_KEY_LENGTH = 64;

/** PUT/DELETE with an unknown or expired key (docs/mexc/rest.md#listen-keys, docs/mexc/errors.md#the-error-codes observed [3P]). */

interface KeyEntry {
  readonly account: string;
  /** Wall-clock ms at which the key stops being valid. */
  expiresAt: number;
  timer: NodeJS.Timeout;
}

type InvalidationListener = (key: string, account: string, why: ListenKeyInvalidation) => void;

export function createListenKeyStore(deps: {
  clock: SimClock;
  random: Random;
  ttlMs?: number;
  maxPerAccount?: number;
}): ListenKeyStore {
  const { clock, random } = deps;
  const ttlMs = deps.ttlMs ?? LISTEN_KEY_TTL_MS;
  const maxPerAccount = deps.maxPerAccount ?? MAX_LISTEN_KEYS_PER_ACCOUNT;
  const keys = new Map<string, KeyEntry>();
  const byAccount = new Map<string, Set<string>>();
  const listeners = new Set<InvalidationListener>();

  const invalidate = (key: string, why: ListenKeyInvalidation): void => {
    const entry = keys.get(key);
    if (!entry) return;
    clock.clear(entry.timer);
    keys.delete(key);
    const owned = byAccount.get(entry.account);
    owned?.delete(key);
    if (owned?.size === 0) byAccount.delete(entry.account);
    for (const listener of [...listeners]) listener(key, entry.account, why);
  };

  const arm = (key: string): NodeJS.Timeout => clock.setTimeout(() => invalidate(key, "expired"), ttlMs);

  /** The entry of a key that is still valid; a key whose time ran out is expired on the spot. */
  const valid = (key: string): KeyEntry | undefined => {
    const entry = keys.get(key);
    if (entry && clock.now() >= entry.expiresAt) {
      invalidate(key, "expired");
      return undefined;
    }
    return entry;
  };

  const owned = (account: string, key: string): KeyEntry => {
    const entry = valid(key);
    if (!entry || entry.account !== account) throw listenKeyErrors.unknown();
    return entry;
  };

  const newKey = (): string => {
    for (;;) {
      const key = random.hex(LISTEN_KEY_LENGTH);
      if (!keys.has(key)) return key;
    }
  };

  return {
    cap: maxPerAccount,
    create(account) {
      const current = byAccount.get(account);
      // Drop keys whose time ran out but whose timer has not fired yet.
      for (const key of [...(current ?? [])]) valid(key);
      if ((byAccount.get(account)?.size ?? 0) >= maxPerAccount) {
        throw listenKeyErrors.tooMany(maxPerAccount);
      }
      const key = newKey();
      keys.set(key, { account, expiresAt: clock.now() + clock.real(ttlMs), timer: arm(key) });
      let set = byAccount.get(account);
      if (!set) {
        set = new Set();
        byAccount.set(account, set);
      }
      set.add(key);
      return key;
    },
    extend(account, key) {
      const entry = owned(account, key);
      clock.clear(entry.timer);
      entry.expiresAt = clock.now() + clock.real(ttlMs);
      entry.timer = arm(key);
    },
    delete(account, key) {
      owned(account, key);
      invalidate(key, "deleted");
    },
    list(account) {
      return [...(byAccount.get(account) ?? [])].filter((key) => valid(key) !== undefined);
    },
    resolve(key) {
      return valid(key)?.account;
    },
    expireNow(key) {
      invalidate(key, "expired");
    },
    onInvalidated(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    stop() {
      for (const entry of keys.values()) clock.clear(entry.timer);
      listeners.clear();
    },
  };
}
