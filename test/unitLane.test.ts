/**
 * The unit lane's fence (test/unitLane.ts) holds: in a unit file, starting a process or a
 * simulator fails at once, naming where the file belongs, however the file reaches it, and a
 * refusal the file catches is still remembered (the file fails after its tests).
 */
import { execFileSync, spawn } from "node:child_process";
import { startSimulator } from "@mexc-live/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { takeRefusals } from "./unitLane.js";

// Provoked here on purpose: the file passes when each was refused as the tests expect.
afterEach(() => takeRefusals());

describe("the unit lane", () => {
  it("starts no process: spawn and execFileSync fail naming the slow lane, caught or not", () => {
    // Harmless commands, should the fence be down: node's version.
    expect(() => spawn(process.execPath, ["--version"])).toThrow(/^spawn\(".*"\): the unit lane starts no process/);
    expect(() => execFileSync(process.execPath, ["--version"])).toThrow(
      /name the file \*\.simulator\.test\.ts or \*\.e2e\.test\.ts/,
    );
    try {
      execFileSync("sh", ["-c", "command -v redis-server"]);
    } catch {
      // what test/redisTestServer.ts does: "not installed", then skip
    }
    expect(takeRefusals()).toEqual([
      `spawn(${JSON.stringify(process.execPath)})`,
      `execFileSync(${JSON.stringify(process.execPath)})`,
      'execFileSync("sh")',
    ]);
  });

  it("starts no simulator, imported from the package or from its own file", async () => {
    await expect(startSimulator({ port: 0 })).rejects.toThrow(
      /^startSimulator\(\): the unit lane starts no process and no simulator/,
    );
    const { startSimulator: fromItsFile } = await import("../packages/simulator/src/simulator.js");
    await expect(fromItsFile()).rejects.toThrow(/SLOW_LANE/);
    expect(takeRefusals()).toEqual(["startSimulator()", "startSimulator()"]);
  });
});
