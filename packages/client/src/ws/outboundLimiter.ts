/**
 * Outbound messages of one socket, at most `maxPerSecond` in any sliding second (MEXC: "100
 * times/s", exceeding it gets the connection closed, docs/mexc/protocol.md#connection-limits-and-timers), measured with a margin so the
 * server, which sees arrival times, never counts more. Messages beyond the budget wait in
 * order; nothing is dropped until `clear()`.
 */

import { OUTBOUND_RATE_MARGIN_MS, OUTBOUND_RATE_WINDOW_MS } from "../constants.js";
import { ClientError } from "../errors.js";

interface Queued {
  readonly text: string;
  readonly onSent: ((at: number) => void) | undefined;
}

/** A send's slot is reused only this long after it (window + margin for arrival jitter). */
const SLOT_MS = OUTBOUND_RATE_WINDOW_MS + OUTBOUND_RATE_MARGIN_MS;

export class OutboundLimiter {
  /** Send times inside the current window, oldest first (at most maxPerSecond of them). */
  private readonly sentAt: number[] = [];
  private readonly queue: Queued[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly send: (text: string) => void,
    private readonly maxPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(maxPerSecond >= 1))
      throw new ClientError("BAD_OPTION", `maxPerSecond must be at least 1, got ${maxPerSecond}`);
  }

  /** Sends now if the budget allows, else later in order; `onSent` gets the time it went out. */
  push(text: string, onSent?: (at: number) => void): void {
    this.queue.push({ text, onSent });
    this.drain();
  }

  /** Messages waiting for budget. */
  get pending(): number {
    return this.queue.length;
  }

  /** Forgets waiting messages and stops the timer (the socket is gone). */
  clear(): void {
    this.queue.length = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private drain(): void {
    if (this.timer !== undefined) return;
    while (this.queue.length > 0) {
      const now = this.now();
      while (this.sentAt.length > 0 && now - this.sentAt[0]! >= SLOT_MS) this.sentAt.shift();
      if (this.sentAt.length >= this.maxPerSecond) {
        const wait = this.sentAt[0]! + SLOT_MS - now;
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.drain();
        }, wait);
        return;
      }
      const next = this.queue.shift()!;
      this.sentAt.push(now);
      this.send(next.text);
      next.onSent?.(now);
    }
  }
}
