/**
 * Bounded waits around ccxt.pro's watch* calls: every wait ends with a labelled timeout error
 * instead of hanging the test run.
 */
import { setTimeout as sleep } from "node:timers/promises";

/** Resolves or rejects as `promise` does, or rejects with "<label>: no answer within N ms". */
export function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `condition` every `stepMs` until it holds; rejects after `ms`. */
export async function waitUntil(condition: () => boolean, ms: number, label: string, stepMs = 20): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${label}: not reached within ${ms} ms`);
    await sleep(stepMs);
  }
}

/** Everything a repeated watch call has delivered so far, and a bounded wait for one item. */
export interface WatchCollector<T> {
  readonly items: readonly T[];
  /** The first item (delivered before or after the call) that satisfies `predicate`. */
  until(predicate: (item: T) => boolean, ms: number, label: string): Promise<T>;
  /** Ends the loop after the pending watch call settles (exchange.close() settles it). */
  stop(): void;
}

/** Calls `watch` in a loop (as a ccxt.pro user does) and keeps every item it returns. */
export function collectWatch<T>(watch: () => Promise<readonly T[]>): WatchCollector<T> {
  const items: T[] = [];
  let stopped = false;
  let failure: unknown;
  const loop = async () => {
    while (!stopped) {
      try {
        items.push(...(await watch()));
      } catch (error) {
        failure = error;
        return;
      }
    }
  };
  void loop();
  return {
    items,
    until: async (predicate, ms, label) => {
      let found: T | undefined;
      await waitUntil(
        () => {
          if (failure !== undefined) throw failure;
          found = items.find(predicate);
          return found !== undefined;
        },
        ms,
        label,
      );
      return found as T;
    },
    stop: () => {
      stopped = true;
    },
  };
}
