/**
 * One push -> every subscriber of its topic: the wrapper is encoded once and the same bytes go
 * to each socket. The `malformed` fault lives here because it works on frames (rate =
 * probability per binary data frame sent, ../faults.ts): a hit sends that socket a broken
 * frame (cut in half, or bytes no protobuf decoder accepts):
 *   - public pushes: the broken frame *replaces* the real one (a depth client then sees a gap
 *     and must resync);
 *   - private pushes: the broken frame goes out *in addition to* the real one, just before it,
 *     so the fault never silently loses an order, fill or balance update.
 */
import { encodePush } from "@mexc-live/protocol";
import type { PushWrapper } from "@mexc-live/protocol/wire";
import type { Random } from "../random.js";
import type { FaultPlan } from "../types.js";
import type { Topic } from "./topics.js";

/** Field 1 with wire type 7: no protobuf decoder accepts it. */
const GARBAGE_FRAME = Buffer.from([0x0f, 0xff, 0xff, 0xff]);

export class Fanout {
  constructor(
    private readonly faults: FaultPlan,
    private readonly random: Random,
  ) {}

  publish(topic: Topic, wrapper: PushWrapper): void {
    const { subscribers } = topic;
    if (subscribers.size === 0) return;
    const bytes = encodePush(wrapper);
    const frame = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (this.faults.rate("malformed") <= 0) {
      for (const subscriber of subscribers) subscriber.sendData(frame);
      return;
    }
    const isPrivate = topic.account !== undefined;
    for (const subscriber of subscribers) {
      if (!this.faults.roll("malformed")) {
        subscriber.sendData(frame);
        continue;
      }
      this.faults.count("malformed");
      subscriber.sendData(this.broken(frame));
      if (isPrivate) subscriber.sendData(frame);
    }
  }

  private broken(frame: Buffer): Buffer {
    return this.random.chance(0.5) ? frame.subarray(0, frame.length >> 1) : GARBAGE_FRAME;
  }
}
