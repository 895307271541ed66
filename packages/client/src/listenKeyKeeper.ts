/**
 * One listen key for a user stream (mexc-protocol.md §3.10): created on demand, kept alive
 * every 30 min (PUT), replaced at once when a keepalive fails or the socket refuses it, deleted
 * on shutdown. MEXC caps valid keys at 60 per account, and a client that creates a key per
 * reconnect walks toward that cap; so before creating one the keeper lists the valid keys
 * (GET) and, near the cap, reuses one of them. Keys appear in logs only masked.
 */
import { EventEmitter } from "node:events";
import { isMexcApiError, LISTEN_KEY_KEEPALIVE_MS, MAX_LISTEN_KEYS_PER_ACCOUNT } from "@mexc-live/protocol";
import { LISTEN_KEY_REUSE_THRESHOLD } from "./constants.js";
import { type Logger, mask, SILENT_LOGGER } from "./mask.js";
import type { RestEndpoints } from "./rest/endpoints.js";

export interface ListenKeyKeeperOptions {
  readonly endpoints: RestEndpoints;
  /** Default 30 min (§3.10); keys live 60 min from the last keepalive. */
  readonly keepaliveMs?: number;
  readonly logger?: Logger;
}

export interface ListenKeyStats {
  readonly created: number;
  readonly reused: number;
  readonly keepalives: number;
  /** Keys given up because MEXC refused them (keepalive failure, socket rejection). */
  readonly replaced: number;
  readonly deleted: number;
}

export interface ListenKeyKeeperEvents {
  /** The key was replaced outside a connection attempt (a keepalive failed): reconnect with the new one. */
  replaced: [{ readonly reason: string }];
}

export class ListenKeyKeeper extends EventEmitter<ListenKeyKeeperEvents> {
  private readonly endpoints: RestEndpoints;
  private readonly keepaliveMs: number;
  private readonly logger: Logger;
  private key: string | undefined;
  private obtaining: Promise<string> | undefined;
  /** Keys MEXC refused: never reused from the GET list. */
  private readonly refused = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private counts = { created: 0, reused: 0, keepalives: 0, replaced: 0, deleted: 0 };

  constructor(options: ListenKeyKeeperOptions) {
    super();
    this.endpoints = options.endpoints;
    this.keepaliveMs = options.keepaliveMs ?? LISTEN_KEY_KEEPALIVE_MS;
    this.logger = options.logger ?? SILENT_LOGGER;
  }

  /** The key to connect with: the current one, or a fresh (or reused) one. Starts the keepalive timer. */
  async current(): Promise<string> {
    if (this.closed) throw new Error("listen key keeper is closed");
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
    clearInterval(this.timer);
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
      throw new Error("listen key keeper is closed");
    }
    this.key = key;
    this.armKeepalive();
    return key;
  }

  /** Near the cap, a valid key of the GET list that still extends; undefined otherwise. */
  private async reusable(): Promise<string | undefined> {
    let keys: readonly string[];
    try {
      keys = (await this.endpoints.listListenKeys()).listenKey ?? [];
    } catch (error) {
      this.logger.warn({ error: describe(error) }, "listing listen keys failed; creating one");
      return undefined;
    }
    if (keys.length < LISTEN_KEY_REUSE_THRESHOLD) return undefined;
    for (const key of keys) {
      if (this.refused.has(key)) continue;
      try {
        await this.endpoints.keepAliveListenKey(key);
        this.counts.reused++;
        this.logger.info({ listenKey: mask(key), valid: keys.length }, "reusing a valid listen key near the cap");
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
    this.logger.info({ listenKey: mask(listenKey), cap: MAX_LISTEN_KEYS_PER_ACCOUNT }, "listen key created");
    return listenKey;
  }

  private armKeepalive(): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.keepAlive(), this.keepaliveMs);
    this.timer.unref();
  }

  private async keepAlive(): Promise<void> {
    const key = this.key;
    if (key === undefined || this.closed) return;
    try {
      await this.endpoints.keepAliveListenKey(key);
      this.counts.keepalives++;
      this.logger.debug({ listenKey: mask(key) }, "listen key kept alive");
    } catch (error) {
      if (this.closed || this.key !== key) return;
      // Retries are inside the REST layer; what reaches here means the key is gone (730708) or MEXC is unreachable.
      const reason = isMexcApiError(error)
        ? `keepalive refused: ${error.message}`
        : `keepalive failed: ${describe(error)}`;
      this.invalidate(key, reason);
      try {
        await this.current();
      } catch (obtainError) {
        this.logger.warn({ error: describe(obtainError) }, "could not get a fresh listen key yet");
      }
      this.emit("replaced", { reason });
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
