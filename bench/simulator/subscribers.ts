/**
 * The subscribers' process in bench/simulator (forked by run.ts): runs each phase it is sent
 * (subscriberPhase.ts) and reports when its counting window starts and ends, so the conductor
 * snapshots the simulator over the same window.
 */
import type { FromSubscribers, ToSubscribers } from "./messages.js";
import { runSubscriberPhase } from "./subscriberPhase.js";

function send(message: FromSubscribers): void {
  process.send?.(message);
}

process.on("message", (message: ToSubscribers) => {
  if (message.kind === "stop") {
    process.exit(0);
  }
  runSubscriberPhase({
    ...message,
    onWindowStart: () => send({ kind: "windowStart" }),
    onWindowEnd: () => send({ kind: "windowEnd" }),
  }).then(
    (result) => send({ kind: "phaseDone", result }),
    (error: unknown) => send({ kind: "phaseFailed", message: error instanceof Error ? error.message : String(error) }),
  );
});

/** The conductor went away: nothing left to measure. */
process.on("disconnect", () => process.exit(0));
