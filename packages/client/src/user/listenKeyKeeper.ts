/**
 * One listen key for a user stream (docs/mexc/rest.md#listen-keys): created on demand, kept alive
 * every 30 min (PUT), deleted on shutdown. MEXC caps valid keys per account, and a client that
 * creates a key per reconnect walks toward that cap; so before creating one the keeper lists the
 * valid keys (GET) and, when few slots are left, reuses one of them. The cap is read from that
 * answer (`total`, `available`; newer docs show 200 where the text says 60, docs/mexc/undocumented.md#listen-keys item 11.7), the
 * documented 60 only when the answer has neither.
 *
 * A key dies only on a definite answer from MEXC about it: a refused keepalive (730708, which
 * MEXC sends with HTTP 200, docs/mexc/undocumented.md#requests-and-answers item 11.2) or a socket that refuses it. A keepalive refused because of the
 * API key (700002 for a key MEXC expired or revoked, 700006...) says nothing about the listen key:
 * it is kept (its socket may well stay up) until its own expiry, and the refusal is told
 * (`refused`) so the stream can say so. A keepalive that fails for a network reason,
 * a timeout, a 5XX or a 429 says nothing about the key: it is retried with back-off and the key
 * kept until its own expiry (60 min after the last successful keepalive), and only then replaced.
 * Keys appear in logs only masked.
 */
import { EventEmitter } from "node:events";
import type { MexcApiError } from "@mexc-live/protocol";
import { isMexcApiError } from "@mexc-live/protocol";
import { refusesKey } from "@mexc-live/protocol/error-codes";
import { LISTEN_KEY_KEEPALIVE_MS, LISTEN_KEY_TTL_MS, MAX_LISTEN_KEYS_PER_ACCOUNT } from "@mexc-live/protocol/limits";
import type { ListenKeyList } from "@mexc-live/protocol/rest";
import { backoffDelay } from "../backoff.js";
import {
  LISTEN_KEY_KEEPALIVE_RETRY_INITIAL_MS,
  LISTEN_KEY_KEEPALIVE_RETRY_MAX_MS,
  LISTEN_KEY_REUSE_WHEN_AVAILABLE,
} from "../constants.js";
import { ClientError } from "../errors.js";
import { type Logger, mask, SILENT_LOGGER } from "../redact.js";
import type { RestEndpoints } from "../rest/endpoints.js";

export interface ListenKeyKeeperOptions {
  readonly endpoints: RestEndpoints;
  /** Default 30 min (docs/mexc/rest.md#listen-keys). */
  readonly keepaliveMs?: number;
  /** How long a key lives after its last successful keepalive. Default 60 min (docs/mexc/rest.md#listen-keys). */
  readonly keyTtlMs?: number;
  /** Back-off of a keepalive that failed for a network reason. Default 5 s doubling up to 5 min. */
  readonly retry?: { readonly initialMs: number; readonly maxMs: number };
  readonly logger?: Logger;
  readonly now?: () => number;
}

export interface ListenKeyStats {
  readonly created: number;
  readonly reused: number;
  readonly keepalives: number;
  /** Keepalives that failed without an answer about the key (network, timeout, 5XX): the key was kept. */
  readonly keepaliveFailures: number;
  /** Keys given up because MEXC refused them (keepalive refused, socket rejection) or they expired unrenewed. */
  readonly replaced: number;
  readonly deleted: number;
}

export interface ListenKeyKeeperEvents {
  /** The key was replaced outside a connection attempt (a keepalive failed): reconnect with the new one. */
  replaced: [{ readonly reason: string }];
  /** A keepalive was refused because of the API key itself; the listen key is kept and tried again. */
  refused: [error: MexcApiError];
  /** A keepalive succeeded. */
  kept: [];
}

export class ListenKeyKeeper extends EventEmitter<ListenKeyKeeperEvents> {
  private readonly endpoints: RestEndpoints;
  private readonly keepaliveMs: number;
  private readonly keyTtlMs: number;
  private readonly retry: { readonly initialMs: number; readonly maxMs: number };
  private readonly logger: Logger;
  private readonly now: () => number;
  private key: string | undefined;
  /** Local ms at which the current key expires unless kept alive before. */
  private expiresAt = 0;
  /** Keepalives failed in a row without an answer about the key. */
  private failuresInRow = 0;
  private obtaining: Promise<string> | undefined;
  /** Keys MEXC refused: never reused from the GET list. */
  private readonly refused = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private counts = { created: 0, reused: 0, keepalives: 0, keepaliveFailures: 0, replaced: 0, deleted: 0 };

  constructor(options: ListenKeyKeeperOptions) {
    super();
    this.endpoints = options.endpoints;
    this.keepaliveMs = options.keepaliveMs ?? LISTEN_KEY_KEEPALIVE_MS;
    this.keyTtlMs = options.keyTtlMs ?? LISTEN_KEY_TTL_MS;
    this.retry = options.retry ?? {
      initialMs: LISTEN_KEY_KEEPALIVE_RETRY_INITIAL_MS,
      maxMs: LISTEN_KEY_KEEPALIVE_RETRY_MAX_MS,
    };
    this.logger = options.logger ?? SILENT_LOGGER;
    this.now = options.now ?? Date.now;
  }

  /** The key to connect with: the current one, or a fresh (or reused) one. Starts the keepalive timer. */
  async current(): Promise<string> {
    if (this.closed) throw new ClientError("CLOSED", "listen key keeper is closed");
    if (this.key !== undefined) return this.key;
    this.obtaining ??= this.obtain().finally(() => {
      this.obtaining = undefined;
    });
    return this.obtaining;
  }

  /** The socket refused `key` (or it expired): forget it; the next current() gets another. */
  invalidate(key: string, reason: string): void {
    this.refused.add(key);
    if (this.key !== key) return;
    this.key = undefined;
    this.counts.replaced++;
    this.logger.warn({ listenKey: mask(key), reason }, "listen key refused; a fresh one will be used");
    // Best effort: if MEXC still counts it, free the slot.
    this.endpoints.deleteListenKey(key).catch(() => {});
  }

  stats(): ListenKeyStats {
    return { ...this.counts };
  }

  /** Stops the keepalive and deletes the key (DELETE), so it does not count toward the cap for an hour. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    const key = this.key ?? (await this.obtaining?.catch(() => undefined));
    this.key = undefined;
    if (key === undefined) return;
    try {
      await this.endpoints.deleteListenKey(key);
      this.counts.deleted++;
    } catch (error) {
      this.logger.warn({ listenKey: mask(key), error: describe(error) }, "listen key delete failed");
    }
  }

  private async obtain(): Promise<string> {
    const key = (await this.reusable()) ?? (await this.create());
    if (this.closed) {
      this.endpoints.deleteListenKey(key).catch(() => {});
      throw new ClientError("CLOSED", "listen key keeper is closed");
    }
    this.key = key;
    this.expiresAt = this.now() + this.keyTtlMs;
    this.failuresInRow = 0;
    this.schedule(this.keepaliveMs);
    return key;
  }

  /** When few key slots are left, a valid key of the GET list that still extends; undefined otherwise. */
  private async reusable(): Promise<string | undefined> {
    let list: ListenKeyList;
    try {
      list = await this.endpoints.listListenKeys();
    } catch (error) {
      this.logger.warn({ error: describe(error) }, "listing listen keys failed; creating one");
      return undefined;
    }
    const keys = list.listenKey ?? [];
    const slots = slotsLeft(list);
    if (slots > LISTEN_KEY_REUSE_WHEN_AVAILABLE) return undefined;
    for (const key of keys) {
      if (this.refused.has(key)) continue;
      try {
        await this.endpoints.keepAliveListenKey(key);
        this.counts.reused++;
        this.logger.info(
          { listenKey: mask(key), valid: keys.length, slotsLeft: slots },
          "reusing a valid listen key near the cap",
        );
        return key;
      } catch {
        this.refused.add(key);
      }
    }
    return undefined;
  }

  private async create(): Promise<string> {
    const { listenKey } = await this.endpoints.createListenKey();
    this.counts.created++;
    this.logger.info({ listenKey: mask(listenKey) }, "listen key created");
    return listenKey;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.closed) return;
    this.timer = setTimeout(() => void this.keepAlive(), Math.max(0, delayMs));
    this.timer.unref();
  }

  private async keepAlive(): Promise<void> {
    const key = this.key;
    if (key === undefined || this.closed) return;
    try {
      await this.endpoints.keepAliveListenKey(key);
      if (this.closed || this.key !== key) return;
      this.counts.keepalives++;
      this.expiresAt = this.now() + this.keyTtlMs;
      this.failuresInRow = 0;
      this.logger.debug({ listenKey: mask(key) }, "listen key kept alive");
      this.schedule(this.keepaliveMs);
      this.emit("kept");
    } catch (error) {
      if (this.closed || this.key !== key) return;
      // Retries of a network failure happen inside the REST layer too; what reaches here is either
      // MEXC's answer about the key (dead: replace it) or still no answer (keep it until it expires).
      const keyRefused = isMexcApiError(error) && refusesKey(error.kind);
      if (isMexcApiError(error) && error.class === "not_retryable" && !keyRefused) {
        await this.replace(key, `keepalive refused: ${error.message}`);
        return;
      }
      if (keyRefused) this.emit("refused", error);
      this.counts.keepaliveFailures++;
      const left = this.expiresAt - this.now();
      if (left <= 0) {
        await this.replace(key, `keepalive failed until the key expired: ${describe(error)}`);
        return;
      }
      const delay = Math.min(backoffDelay(this.retry, this.failuresInRow++), left);
      this.logger.warn(
        { listenKey: mask(key), error: describe(error), retryInMs: delay, expiresInMs: left },
        "listen key keepalive failed without an answer; keeping the key and trying again",
      );
      this.schedule(delay);
    }
  }

  /** Gives up `key` and gets another; listeners reconnect the socket on the new one. */
  private async replace(key: string, reason: string): Promise<void> {
    this.invalidate(key, reason);
    try {
      await this.current();
    } catch (obtainError) {
      this.logger.warn({ error: describe(obtainError) }, "could not get a fresh listen key yet");
    }
    this.emit("replaced", { reason });
  }
}

/**
 * Slots left for new keys, from the GET answer: `available` when it has one, else `total` minus
 * the keys listed, else the documented cap of 60 minus them (docs/mexc/rest.md#listen-keys, docs/mexc/undocumented.md#listen-keys item 11.7). Numbers or numeric strings.
 */
export function slotsLeft(list: ListenKeyList): number {
  const listed = list.listenKey?.length ?? 0;
  const available = wholeNumber(list.available);
  if (available !== undefined) return available;
  const total = wholeNumber(list.total);
  return (total ?? MAX_LISTEN_KEYS_PER_ACCOUNT) - listed;
}

function wholeNumber(value: unknown): number | undefined {
  const number = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof number === "number" && Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
