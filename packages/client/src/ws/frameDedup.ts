/**
 * Duplicate frames across a rotation overlap. While two sockets carry the same channels, the
 * frames the old socket delivered are remembered (a multiset of byte digests); a frame the new
 * socket brings that matches one is a copy and is dropped. Memory stays bounded: copies older
 * than the window are forgotten (the new socket will never send those).
 */
import { createHash } from "node:crypto";

export class FrameDedup {
  /** Digest -> times the old socket delivered it, oldest first (unused copies only). */
  private readonly copies = new Map<string, number[]>();
  /** Every remembered frame in delivery order, for expiry. */
  private readonly order: { readonly key: string; readonly at: number }[] = [];
  private head = 0;

  constructor(private readonly windowMs: number) {}

  /** A frame delivered from the old socket at `at`. */
  remember(bytes: Uint8Array, at: number): void {
    this.forgetBefore(at - this.windowMs);
    const key = digest(bytes);
    const times = this.copies.get(key);
    if (times) times.push(at);
    else this.copies.set(key, [at]);
    this.order.push({ key, at });
  }

  /** True (and one remembered copy is used up) when the old socket already delivered this frame. */
  isDuplicate(bytes: Uint8Array, now: number): boolean {
    this.forgetBefore(now - this.windowMs);
    const key = digest(bytes);
    const times = this.copies.get(key);
    if (!times) return false;
    times.shift();
    if (times.length === 0) this.copies.delete(key);
    return true;
  }

  /** Unused copies still remembered. */
  get size(): number {
    let total = 0;
    for (const times of this.copies.values()) total += times.length;
    return total;
  }

  private forgetBefore(cutoff: number): void {
    while (this.head < this.order.length && this.order[this.head]!.at < cutoff) {
      const { key, at } = this.order[this.head++]!;
      const times = this.copies.get(key);
      // The oldest unused copy is this one or an older one, unless this copy was used up.
      if (!times || times[0]! > at) continue;
      times.shift();
      if (times.length === 0) this.copies.delete(key);
    }
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order.splice(0, this.head);
      this.head = 0;
    }
  }
}

function digest(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("base64");
}
