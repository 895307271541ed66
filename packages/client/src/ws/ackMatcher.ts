/**
 * Which requested channels the server confirmed. A subscription request is complete only when
 * replies have named every one of its channels, as accepted or as rejected (docs/mexc/protocol.md#rejections: an ack that
 * names some channels is not an ack for the others). Channels still unnamed when the request
 * times out are reported as such, never waited for forever.
 */

interface PendingRequest {
  readonly channels: readonly string[];
  readonly accepted: Set<string>;
  readonly rejected: Set<string>;
  /** When the request went out; undefined while it waits in the outbound queue. */
  sentAt: number | undefined;
}

export interface ReplyOutcome {
  /** Channels confirmed by this reply (of requests still pending). */
  readonly accepted: readonly string[];
  /** Channels this reply rejected. */
  readonly rejected: readonly string[];
}

export class AckMatcher {
  private nextId = 1;
  private readonly pending = new Map<number, PendingRequest>();

  /** Registers a request; call `sent(id, at)` when it actually leaves. */
  request(channels: readonly string[]): number {
    const id = this.nextId++;
    this.pending.set(id, { channels, accepted: new Set(), rejected: new Set(), sentAt: undefined });
    return id;
  }

  sent(id: number, at: number): void {
    const request = this.pending.get(id);
    if (request) request.sentAt = at;
  }

  /** Applies one subscription reply to the pending requests; completed requests are removed. */
  onReply(accepted: readonly string[], rejected: readonly string[]): ReplyOutcome {
    const acceptedSet = new Set(accepted);
    const rejectedSet = new Set(rejected);
    const newlyAccepted: string[] = [];
    const newlyRejected: string[] = [];
    for (const [id, request] of this.pending) {
      for (const channel of request.channels) {
        if (request.accepted.has(channel) || request.rejected.has(channel)) continue;
        if (rejectedSet.has(channel)) {
          request.rejected.add(channel);
          newlyRejected.push(channel);
        } else if (acceptedSet.has(channel)) {
          request.accepted.add(channel);
          newlyAccepted.push(channel);
        }
      }
      if (request.accepted.size + request.rejected.size === request.channels.length) this.pending.delete(id);
    }
    return { accepted: newlyAccepted, rejected: newlyRejected };
  }

  /** Channels of requests sent more than `timeoutMs` ago that no reply named; those requests end. */
  expire(now: number, timeoutMs: number): string[] {
    const missing: string[] = [];
    for (const [id, request] of this.pending) {
      if (request.sentAt === undefined || now - request.sentAt < timeoutMs) continue;
      for (const channel of request.channels) {
        if (!request.accepted.has(channel) && !request.rejected.has(channel)) missing.push(channel);
      }
      this.pending.delete(id);
    }
    return missing;
  }

  /** True when every request has been answered or has expired. */
  get settled(): boolean {
    return this.pending.size === 0;
  }
}
