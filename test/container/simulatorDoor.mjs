// The test's MEXC for the compose file's "several" profile (test/container/compose.simulator.yaml):
// the simulator with two funded accounts (demo and sub1) trading busily on 127.0.0.1:9100 inside its
// container, as it always listens, and a plain TCP relay on 0.0.0.0:9101 so the collectors, in
// containers of their own, reach it by the service's name. The simulator's first stdout line
// (its URLs, keys and secrets) is the container's log, where the test reads the keys.
// Runs in the mexc-live image: node /door/simulatorDoor.mjs.
import { spawn } from "node:child_process";
import { connect, createServer } from "node:net";

const SIM_PORT = 9100;
const DOOR_PORT = 9101;

const simulator = spawn(
  "node",
  [
    "/app/packages/gateway/bin/mexc-live.js",
    "simulator",
    "--json",
    "--port",
    String(SIM_PORT),
    "--seed",
    "42",
    "--accounts",
    "2",
    "--history-days",
    "1",
    // Fills every few seconds: the test waits for a new one on each account (the default pace,
    // the history's, is about one an hour after the first).
    "--demo-fills-per-day",
    "20000",
  ],
  { stdio: "inherit" },
);
simulator.on("exit", (code) => process.exit(code ?? 1));

const door = createServer((inbound) => {
  const outbound = connect(SIM_PORT, "127.0.0.1");
  inbound.pipe(outbound).pipe(inbound);
  const end = () => {
    inbound.destroy();
    outbound.destroy();
  };
  inbound.on("error", end);
  outbound.on("error", end);
});
door.listen(DOOR_PORT, "0.0.0.0");

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    door.close();
    simulator.kill("SIGTERM");
  });
}
