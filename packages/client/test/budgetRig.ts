/**
 * What a test of many clients on one REST budget against the simulator holds, closed after each
 * test in order (the clients, then the budget, then the simulator), and the requests the
 * simulator refused for their rate (429, 418).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "@mexc-live/simulator";
import { afterEach } from "vitest";
import type { MexcClient } from "../src/client.js";
import { WeightBudget, type WeightBudgetOptions } from "../src/rest/weightBudget.js";

export interface BudgetRig {
  /** The test's clients: closed after it, first. */
  readonly clients: MexcClient[];
  /** Starts the simulator, closed after the test, last. */
  start(options: SimulatorOptions): Promise<RunningSimulator>;
  /** The clients' shared budget, closed after the test. */
  budget(options?: WeightBudgetOptions): WeightBudget;
}

/** A rig whose parts are closed after each test of the file that makes it. */
export function budgetRig(): BudgetRig {
  const clients: MexcClient[] = [];
  let sim: RunningSimulator | undefined;
  let budget: WeightBudget | undefined;
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    budget?.close();
    budget = undefined;
    await sim?.close();
    sim = undefined;
  });
  return {
    clients,
    start: async (options) => {
      sim = await startSimulator(options);
      return sim;
    },
    budget: (options) => {
      budget = new WeightBudget(options);
      return budget;
    },
  };
}

/** Every request `sim` answers 429 or 418 from now on, as "METHOD /path", as they come. */
export function refusedRequests(sim: RunningSimulator): string[] {
  const refused: string[] = [];
  sim.app.server.prependListener("request", (request: IncomingMessage, response: ServerResponse) => {
    const endpoint = `${request.method} ${(request.url ?? "").split("?")[0]}`;
    response.once("finish", () => {
      if (response.statusCode === 429 || response.statusCode === 418) refused.push(endpoint);
    });
  });
  return refused;
}
