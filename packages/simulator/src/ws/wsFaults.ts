/**
 * The socket-level faults of ../faults.ts (rates and their meaning are documented there):
 *   - drop: an open socket dies abruptly (no close frame; the client sees 1006);
 *   - stall: an open socket goes silent for good (no data, no acks, no PONG) but stays open;
 *   - expire-listen-keys: a listen key with open sockets dies now, as if its TTL ran out
 *     (listenKeys.expireNow; the store's invalidation closes its sockets). Keys without a
 *     socket are not rolled: the WS side does not see them;
 *   - refuse: an upgrade is refused with HTTP 503, and so is every upgrade for the next 5 s.
 * `malformed` is in fanout.ts and `depth-gap` in feeds/aggreFeed.ts.
 */
import type { Logger } from "pino";
import type { SimClock } from "../clock.js";
import type { FaultPlan, ListenKeyStore } from "../types.js";
import type { Session } from "./session.js";
import {
  LISTEN_KEY_FAULT_CHECK_INTERVAL_MS,
  REFUSE_FAULT_PERIOD_MS,
  SOCKET_FAULT_CHECK_INTERVAL_MS,
} from "./wsConstants.js";

export interface WsFaultDeps {
  readonly faults: FaultPlan;
  readonly clock: SimClock;
  readonly listenKeys: ListenKeyStore;
  readonly sessions: () => Iterable<Session>;
  readonly logger: Logger | undefined;
}

export class WsFaults {
  /** Wall-clock ms until which upgrades are refused. */
  private refuseUntil = 0;
  private readonly timers: NodeJS.Timeout[];

  constructor(private readonly deps: WsFaultDeps) {
    const { clock } = deps;
    this.timers = [
      clock.setInterval(() => this.checkSockets(), SOCKET_FAULT_CHECK_INTERVAL_MS),
      clock.setInterval(() => this.checkListenKeys(), LISTEN_KEY_FAULT_CHECK_INTERVAL_MS),
    ];
  }

  /** Called per upgrade attempt: true when this one must be refused. */
  refuseUpgrade(): boolean {
    const { faults, clock } = this.deps;
    const now = clock.now();
    if (now >= this.refuseUntil) {
      if (!faults.roll("refuse")) return false;
      this.refuseUntil = now + clock.real(REFUSE_FAULT_PERIOD_MS);
      this.deps.logger?.debug("fault refuse: refusing websocket upgrades for a while");
    }
    faults.count("refuse");
    return true;
  }

  stop(): void {
    for (const timer of this.timers) this.deps.clock.clear(timer);
  }

  private checkSockets(): void {
    const { faults, logger } = this.deps;
    if (faults.rate("drop") <= 0 && faults.rate("stall") <= 0) return;
    for (const session of [...this.deps.sessions()]) {
      if (faults.roll("drop")) {
        faults.count("drop");
        logger?.debug({ session: session.id }, "fault drop");
        session.terminate();
      } else if (!session.stalled && faults.roll("stall")) {
        faults.count("stall");
        logger?.debug({ session: session.id }, "fault stall");
        session.stalled = true;
      }
    }
  }

  private checkListenKeys(): void {
    const { faults, listenKeys, logger } = this.deps;
    if (faults.rate("expire-listen-keys") <= 0) return;
    const keys = new Set<string>();
    for (const session of this.deps.sessions()) if (session.listenKey !== undefined) keys.add(session.listenKey);
    for (const key of keys) {
      if (!faults.roll("expire-listen-keys")) continue;
      faults.count("expire-listen-keys");
      logger?.debug("fault expire-listen-keys: a listen key dies early");
      listenKeys.expireNow(key);
    }
  }
}
