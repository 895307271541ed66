/** The messages one child process sends over IPC, taken in order with a deadline each. */
import type { ChildProcess } from "node:child_process";

export class Mailbox<T> {
  private readonly queue: T[] = [];
  private waiter: { resolve(message: T): void; reject(error: Error): void } | undefined;
  private ended: Error | undefined;

  constructor(
    child: ChildProcess,
    private readonly name: string,
  ) {
    child.on("message", (message) => {
      if (this.waiter) {
        const { resolve } = this.waiter;
        this.waiter = undefined;
        resolve(message as T);
      } else {
        this.queue.push(message as T);
      }
    });
    child.on("exit", (code, signal) => {
      this.ended = new Error(`${name} exited (${signal ?? `code ${code}`})`);
      this.waiter?.reject(this.ended);
      this.waiter = undefined;
    });
  }

  /** The next message, or a rejection after `timeoutMs` or when the child exits. */
  next(timeoutMs: number): Promise<T> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.ended) return Promise.reject(this.ended);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`${this.name}: no message within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }
}
