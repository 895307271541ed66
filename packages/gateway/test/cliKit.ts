/** Running the gateway's commands in tests: in-process with captured streams, or as a real child process. */
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { Writable } from "node:stream";

/** What a command printed and how it ended. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stdout/stderr stand-in that keeps what was written; `slow` makes it a reader that lags. */
export function sink(slow = false) {
  let text = "";
  const stream = new Writable({
    highWaterMark: slow ? 1 : 16_384,
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      if (slow) setImmediate(done);
      else done();
    },
  });
  return { stream, text: () => text };
}

/** Collects a child's output until it ends; `stdin` is written and closed first. */
export function runOf(child: ChildProcessWithoutNullStreams, stdin = ""): Promise<Run> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
