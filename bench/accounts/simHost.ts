/**
 * The simulator's process in bench/accounts (forked by run.ts): `startSimulator` with N funded
 * accounts at speed 1, a busy demo trader on each account (BUSY_DEMO_TRADER: an action every few
 * seconds, as the recorded runs had; the user's demo trades at its history's pace), REST rate limits on as
 * MEXC's (20 requests/s per IP). Every REST call it answers under /api/ is counted by the API key
 * it carried, so the conductor can say how many calls each account made and how many were 429.
 * The count listens on the HTTP server's `request` event beside fastify: no route changes. WebSocket
 * upgrades are counted the same way (`upgrade`): public market-data sockets apart from user
 * streams (`?listenKey=`), opened and still open.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { BUSY_DEMO_TRADER, type RunningSimulator, startSimulator } from "@mexc-live/simulator";
import type { FromSimulatorHost, SocketCounts, StartSimulator, ToSimulatorHost } from "./messages.js";
import { createRestCounter, PUBLIC, type RestCounter } from "./restCounter.js";

const API_KEY_HEADER = "x-mexc-apikey";

let simulator: RunningSimulator | undefined;
let counter: RestCounter | undefined;
const sockets = { marketOpened: 0, marketOpen: 0, userOpened: 0, userOpen: 0 };

function send(message: FromSimulatorHost): void {
  process.send?.(message);
}

async function start(message: StartSimulator): Promise<void> {
  const sim = await startSimulator({
    port: 0,
    seed: message.seed,
    accounts: message.accounts,
    historyDays: message.historyDays,
    demoTrader: true,
    market: BUSY_DEMO_TRADER,
  });
  simulator = sim;
  const names = new Map(sim.accounts.map((account) => [account.apiKey, account.name]));
  const restCounter = createRestCounter(Date.now());
  counter = restCounter;
  sim.app.server.prependListener("request", (request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? "";
    if (!url.startsWith("/api/")) return;
    const header = request.headers[API_KEY_HEADER];
    const key = Array.isArray(header) ? header[0] : header;
    const account = key === undefined ? PUBLIC : (names.get(key) ?? "unknown");
    const endpoint = `${request.method} ${url.split("?")[0]}`;
    // Counted in the second it arrived (as the simulator's rate limit counts it), once answered.
    const at = Date.now();
    response.once("finish", () => restCounter.record({ account, endpoint, status: response.statusCode, at }));
  });
  sim.app.server.prependListener("upgrade", (request: IncomingMessage, socket: Duplex) => {
    const user = (request.url ?? "").includes("listenKey=");
    if (user) {
      sockets.userOpened++;
      sockets.userOpen++;
    } else {
      sockets.marketOpened++;
      sockets.marketOpen++;
    }
    socket.once("close", () => {
      if (user) sockets.userOpen--;
      else sockets.marketOpen--;
    });
  });
  send({
    kind: "ready",
    rest: sim.rest,
    ws: sim.ws,
    accounts: sim.accounts.map(({ name, apiKey, secretKey }) => ({ name, apiKey, secretKey })),
  });
}

process.on("message", (message: ToSimulatorHost) => {
  if (message.kind === "start") {
    start(message).catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  } else if (message.kind === "counts") {
    if (counter)
      send({ kind: "counts", counts: counter.snapshot(Date.now()), sockets: { ...sockets } satisfies SocketCounts });
  } else {
    void (simulator?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  }
});
process.on("disconnect", () => process.exit(0));
