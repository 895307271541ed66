/**
 * The exchange's event stream. A state change queues its events and hands them to the
 * listeners when it completes (synchronously, before the call returns). A listener that calls
 * the exchange again gets its events queued behind the current ones, so every listener sees
 * one stream in the order things happened. A throwing listener does not stop the others; its
 * error is rethrown once the queue is drained (the state change itself is complete by then).
 */
import type { ExchangeEvent } from "../types.js";

export interface EventQueue {
  emit(event: ExchangeEvent): void;
  /** Run a state change, then deliver its events (unless an outer delivery is running). */
  transact<T>(change: () => T): T;
  subscribe(listener: (event: ExchangeEvent) => void): () => void;
}

export function createEventQueue(): EventQueue {
  const listeners = new Set<(event: ExchangeEvent) => void>();
  const queue: ExchangeEvent[] = [];
  let delivering = false;

  const deliver = () => {
    delivering = true;
    let failure: unknown;
    try {
      for (let i = 0; i < queue.length; i += 1) {
        for (const listener of listeners) {
          try {
            listener(queue[i]!);
          } catch (error) {
            failure ??= error;
          }
        }
      }
    } finally {
      queue.length = 0;
      delivering = false;
    }
    if (failure !== undefined) throw failure;
  };

  return {
    emit: (event) => {
      queue.push(event);
    },
    transact: (change) => {
      try {
        return change();
      } finally {
        if (!delivering) deliver();
      }
    },
    subscribe: (listener) => {
      const wrapped = (event: ExchangeEvent) => listener(event);
      listeners.add(wrapped);
      return () => {
        listeners.delete(wrapped);
      };
    },
  };
}
