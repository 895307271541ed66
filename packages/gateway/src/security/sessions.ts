/**
 * Logged-in browsers. POST /api/login trades the token for a random session id, which is all the
 * cookie holds: a copied cookie is not the token (it cannot be used as a Bearer token, nor outlive
 * a logout), and logging out ends that session on the server, so the cookie is worthless from then
 * on. Sessions live in this gateway's memory: a restart logs every browser out (the token logs them
 * back in), and with several `--role web` instances a load balancer must keep a browser on one
 * instance (sticky sessions), or clients send the token as a Bearer header.
 *
 * Ids are kept as SHA-256 digests, so a lookup's timing says nothing about the ids held.
 */
import { createHash, randomBytes } from "node:crypto";
import { MAX_SESSIONS, SESSION_ID_BYTES, SESSION_MAX_AGE_SECONDS } from "./limits.js";

export interface SessionsOptions {
  readonly maxAgeSeconds?: number;
  readonly max?: number;
  readonly now?: () => number;
}

export class Sessions {
  readonly maxAgeSeconds: number;
  private readonly max: number;
  private readonly now: () => number;
  /** Digest of the id -> when it expires (ms); insertion order is login order. */
  private readonly expiries = new Map<string, number>();
  private readonly endedListeners = new Set<(digest: string) => void>();

  constructor(options: SessionsOptions = {}) {
    this.maxAgeSeconds = options.maxAgeSeconds ?? SESSION_MAX_AGE_SECONDS;
    this.max = options.max ?? MAX_SESSIONS;
    this.now = options.now ?? Date.now;
  }

  /** A new session; its id goes in the cookie and nowhere else. */
  open(): string {
    const id = randomBytes(SESSION_ID_BYTES).toString("base64url");
    this.expiries.set(digest(id), this.now() + this.maxAgeSeconds * 1000);
    while (this.expiries.size > this.max) this.end(this.expiries.keys().next().value as string);
    return id;
  }

  /** Whether `id` is a live session. */
  has(id: string): boolean {
    const key = digest(id);
    const expires = this.expiries.get(key);
    if (expires === undefined) return false;
    if (expires > this.now()) return true;
    this.end(key);
    return false;
  }

  /** Ends the session `id` (logout); connections it authorized are told (onEnded). */
  close(id: string): void {
    this.end(digest(id));
  }

  /** The key a connection authorized by session `id` is filed under, to close it when the session ends. */
  static keyOf(id: string): string {
    return digest(id);
  }

  /** Called with the key (keyOf) of each session that ends; returns the unsubscribe. */
  onEnded(listener: (key: string) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  private end(key: string): void {
    if (!this.expiries.delete(key)) return;
    for (const listener of this.endedListeners) listener(key);
  }
}

function digest(id: string): string {
  return createHash("sha256").update(id).digest("base64url");
}
