/**
 * Line output to stdout that waits for "drain" instead of buffering without bound, and stops
 * quietly when the reader goes away (EPIPE from `| head`). Shared by the CLIs that print one
 * line per frame (`mexc-live decode`, `mexc-live frames`).
 */
export interface LineWriter {
  /** Writes one line; waits while the reader is behind. A no-op once the reader has gone. */
  line(text: string): Promise<void>;
  /** True once stdout failed (e.g. EPIPE from `| head`): stop producing. */
  readonly closed: boolean;
  release(): void;
}

/**
 * Its "error" listener stays on after release: a late EPIPE from a reader that went away
 * (`| head`) must not crash the process with a stack trace.
 */
export function lineWriter(out: NodeJS.WritableStream): LineWriter {
  let closed = false;
  let wake: (() => void) | undefined;
  const onGone = () => {
    closed = true;
    wake?.();
  };
  const onDrain = () => wake?.();
  out.on("error", onGone);
  out.on("close", onGone);
  out.on("drain", onDrain);
  return {
    get closed() {
      return closed;
    },
    async line(text) {
      if (closed || out.write(`${text}\n`)) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    },
    release() {
      out.off("close", onGone);
      out.off("drain", onDrain);
    },
  };
}
