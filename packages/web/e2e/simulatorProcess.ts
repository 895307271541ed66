/// <reference types="node" />
/**
 * `mexc-live simulator --json --admin` as a child process on 127.0.0.1, for the browser tests that
 * drive MEXC's side (revoke a key, post an announcement): its first line says where it listens and
 * the demo account's key.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_DIR } from "./buildWeb.js";

const START_TIMEOUT_MS = 60_000;

export interface SimulatorProcess {
  readonly rest: string;
  readonly ws: string;
  readonly apiKey: string;
  readonly secretKey: string;
  readonly child: ChildProcess;
}

export async function startSimulatorProcess(seed: number): Promise<SimulatorProcess> {
  const bin = join(REPO_DIR, "packages", "gateway", "bin", "mexc-live.js");
  const child = spawn(
    process.execPath,
    [bin, "simulator", "--json", "--admin", "--port", "0", "--seed", String(seed)],
    {
      cwd: REPO_DIR,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`the simulator printed nothing:\n${output}`));
    }, START_TIMEOUT_MS);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split("\n")[0];
      if (output.includes("\n") && line) {
        clearTimeout(timer);
        resolve({ ...JSON.parse(line), child });
      }
    });
    child.once("exit", (code) => reject(new Error(`the simulator exited (${code}):\n${output}`)));
  });
}
