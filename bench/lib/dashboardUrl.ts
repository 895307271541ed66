/** The URL a spawned `mexc-live start` prints ("dashboard at URL"), or an error when it exits or takes too long. */
import type { ChildProcess } from "node:child_process";

export function dashboardUrl(child: ChildProcess, timeoutMs: number, onExit = "gateway exited"): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("gateway did not print its URL")), timeoutMs);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /dashboard at (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${onExit} ${code}`));
    });
  });
}
