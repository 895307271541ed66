/**
 * Bounds token guessing. Each client (an address; IPv6 by its /64, which one host or household
 * usually holds whole) may present MAX_FAILED_TOKENS wrong tokens per FAILED_TOKEN_WINDOW_MS, at
 * login, on the API and at the WebSocket upgrade together. Past that, every token it presents is
 * refused until its window ends, the right one too, so the answer tells a guesser nothing.
 *
 * Only wrong tokens count: a request without one does not, and the same wrong token sent again
 * (a stale cookie after a restart with a new generated token, a scraper's old setting) counts
 * once, since it guesses nothing new. Other clients are never affected.
 *
 * Memory: at most MAX_TRACKED_CLIENTS windows, each holding at most MAX_FAILED_TOKENS short
 * fingerprints (never the tokens); windows that ended are dropped first, then the oldest.
 *
 * Windows are timed on the monotonic clock (performance.now()): a wall clock stepped back (NTP,
 * a user changing the time) neither prolongs a block nor, stepped forward, ends it early.
 */
import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { FAILED_TOKEN_WINDOW_MS, MAX_FAILED_TOKENS, MAX_TRACKED_CLIENTS } from "./limits.js";

export interface FailedTokenLimitOptions {
  readonly maxFailures?: number;
  readonly windowMs?: number;
  readonly maxClients?: number;
  /** Milliseconds on a monotonic clock; default performance.now(); tests pass their own. */
  readonly now?: () => number;
}

interface FailureWindow {
  readonly start: number;
  /** Fingerprints of the distinct wrong tokens seen in this window. */
  readonly wrong: Set<string>;
}

export class FailedTokenLimit {
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly maxClients: number;
  private readonly now: () => number;
  /** In order of window start (a new window is always inserted last), so the oldest come first. */
  private readonly windows = new Map<string, FailureWindow>();

  constructor(options: FailedTokenLimitOptions = {}) {
    this.maxFailures = options.maxFailures ?? MAX_FAILED_TOKENS;
    this.windowMs = options.windowMs ?? FAILED_TOKEN_WINDOW_MS;
    this.maxClients = options.maxClients ?? MAX_TRACKED_CLIENTS;
    this.now = options.now ?? (() => performance.now());
  }

  /** Milliseconds until `address` may present a token again; 0 when it may now. */
  blockedForMs(address: string): number {
    const window = this.current(clientKey(address));
    if (window === undefined || window.wrong.size < this.maxFailures) return 0;
    return Math.max(1, window.start + this.windowMs - this.now());
  }

  /** Counts a wrong token from `address`; true when this one used up its allowance. */
  recordWrong(address: string, token: string): boolean {
    const key = clientKey(address);
    let window = this.current(key);
    if (window === undefined) {
      this.makeRoom();
      window = { start: this.now(), wrong: new Set() };
      this.windows.set(key, window);
    }
    if (window.wrong.size >= this.maxFailures) return false;
    window.wrong.add(fingerprint(token));
    return window.wrong.size === this.maxFailures;
  }

  /** Clients with a window remembered (ended ones may still be counted until room is needed). */
  get trackedClients(): number {
    return this.windows.size;
  }

  private current(key: string): FailureWindow | undefined {
    const window = this.windows.get(key);
    if (window === undefined || this.now() - window.start < this.windowMs) return window;
    this.windows.delete(key);
    return undefined;
  }

  /** Drops every window that ended, then the oldest ones while at the cap. */
  private makeRoom(): void {
    const now = this.now();
    for (const [key, window] of this.windows) {
      if (now - window.start < this.windowMs && this.windows.size < this.maxClients) break;
      this.windows.delete(key);
    }
  }
}

/** The key a client's failures are counted under: its IPv4 address, or its IPv6 /64. */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  const bare = address.split("%")[0] as string;
  if (isIP(bare) !== 6) return address;
  return `${ipv6Groups(bare).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, "::" expanded (an IPv4 tail as two zeros: only the prefix is used). */
function ipv6Groups(address: string): string[] {
  const groups = (part: string) =>
    part === "" ? [] : part.split(":").flatMap((group) => (group.includes(".") ? ["0", "0"] : [group]));
  const [head = "", tail] = address.split("::");
  const first = groups(head);
  const last = tail === undefined ? [] : groups(tail);
  const zeros = Array.from({ length: 8 - first.length - last.length }, () => "0");
  return [...first, ...zeros, ...last].map((group) => Number.parseInt(group, 16).toString(16));
}

/** Enough to tell wrong tokens apart; the token itself is not kept. */
function fingerprint(token: string): string {
  return createHash("sha256").update(token).digest("base64url").slice(0, 16);
}
