/**
 * Proves the frames a benchmark counts are real pushes: decodes every frame of one socket,
 * checks its channel is one we subscribed to, and that each symbol's aggre.depth pushes stay
 * contiguous (fromVersion = previous toVersion + 1), which they do not if frames get lost.
 */
import { decodePush, parseChannel } from "@mexc-live/protocol";

export interface FrameCheck {
  readonly frames: number;
  readonly undecodable: number;
  /** Frames on a channel the socket did not subscribe to. */
  readonly foreignChannel: number;
  /** aggre.depth pushes whose fromVersion did not follow the previous toVersion. */
  readonly depthGaps: number;
  /** Frames per stream (aggreDepth, aggreDeals, aggreBookTicker, ...). */
  readonly byStream: Readonly<Record<string, number>>;
  /** Depth versions the aggre.depth pushes covered (toVersion - fromVersion + 1, summed): book changes. */
  readonly depthVersions: number;
  /** Trades the aggre.deals pushes carried. */
  readonly deals: number;
}

export class FrameChecker {
  private readonly subscribed: ReadonlySet<string>;
  private readonly lastDepthVersion = new Map<string, bigint>();
  private frames = 0;
  private undecodable = 0;
  private foreignChannel = 0;
  private depthGaps = 0;
  private byStream: Record<string, number> = {};
  private depthVersions = 0;
  private deals = 0;

  constructor(channels: readonly string[]) {
    this.subscribed = new Set(channels);
  }

  check(frame: Uint8Array): void {
    this.frames++;
    let push: ReturnType<typeof decodePush>;
    try {
      push = decodePush(frame);
    } catch {
      this.undecodable++;
      return;
    }
    if (!this.subscribed.has(push.channel)) {
      this.foreignChannel++;
      return;
    }
    const stream = parseChannel(push.channel).stream;
    this.byStream[stream] = (this.byStream[stream] ?? 0) + 1;
    this.deals += push.publicAggreDeals?.deals?.length ?? 0;
    const depth = push.publicAggreDepths;
    if (depth) {
      const from = BigInt(depth.fromVersion ?? 0);
      const to = BigInt(depth.toVersion ?? 0);
      const last = this.lastDepthVersion.get(push.channel);
      if (last !== undefined && from !== last + 1n) this.depthGaps++;
      this.lastDepthVersion.set(push.channel, to);
      this.depthVersions += Number(to - from) + 1;
    }
  }

  /** Starts a new count; depth versions carry over so the first push after it is checked too. */
  reset(): void {
    this.frames = 0;
    this.undecodable = 0;
    this.foreignChannel = 0;
    this.depthGaps = 0;
    this.byStream = {};
    this.depthVersions = 0;
    this.deals = 0;
  }

  result(): FrameCheck {
    return {
      frames: this.frames,
      undecodable: this.undecodable,
      foreignChannel: this.foreignChannel,
      depthGaps: this.depthGaps,
      byStream: { ...this.byStream },
      depthVersions: this.depthVersions,
      deals: this.deals,
    };
  }
}
