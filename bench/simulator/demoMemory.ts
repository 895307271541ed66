/**
 * bench/simulator/demoMemory (issue 17: demo mode must not grow for ever): the simulator as demo
 * mode runs it (its demo trader, 30 days of past history, one sub-account) at a high clock speed,
 * sampled every simulated hour: the engine's JS heap after a forced collection, RSS, and what
 * its demo accounts hold (trades, orders, journal entries), which the engine bounds to what MEXC's
 * REST serves and at most TRADES_CAP / CLOSED_ORDERS_CAP / JOURNAL_CAP per account.
 *
 *   node --expose-gc --conditions=@mexc-live/source --import tsx bench/simulator/demoMemory.ts [--speed 240] [--hours 24]
 *
 * Everything stays in this process and on 127.0.0.1; it stops by itself after `--hours`.
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { HOUR_MS } from "@mexc-live/protocol";
import { startSimulator } from "@mexc-live/simulator";
import { machineLine } from "../lib/machine.js";

const { values: args } = parseArgs({
  options: {
    speed: { type: "string", default: "240" },
    hours: { type: "string", default: "24" },
  },
});
const speed = Number(args.speed);
const hours = Number(args.hours);
if (!Number.isFinite(speed) || speed < 1 || speed > 1000) throw new Error(`--speed: 1 to 1000 (got ${args.speed})`);
if (!Number.isInteger(hours) || hours < 1 || hours > 240) throw new Error(`--hours: 1 to 240 (got ${args.hours})`);
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error("run node with --expose-gc (the heap is read after a forced collection)");

const loadBefore = loadavg()[0] ?? 0;
const simulator = await startSimulator({ speed, demoTrader: true, historyDays: 30, accounts: 1, port: 0 });
const rows: string[] = [];
const started = Date.now();
try {
  for (let hour = 0; hour <= hours; hour++) {
    const due = started + (hour * HOUR_MS) / speed;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    collect();
    const { heapUsed, rss } = process.memoryUsage();
    const held = simulator.accounts.map((account) => {
      const ledger = simulator.exchange.ledger(account.account);
      return `${ledger.trades.length} / ${ledger.orders.length} / ${simulator.exchange.journal(account.account).length}`;
    });
    const row = `| ${hour} | ${(heapUsed / 1e6).toFixed(0)} | ${(rss / 1e6).toFixed(0)} | ${held.join(" | ")} |`;
    rows.push(row);
    console.error(row);
  }
} finally {
  await simulator.close();
}
console.log(`# bench/simulator/demoMemory — ${new Date().toISOString().slice(0, 10)}`);
console.log(machineLine());
console.log(`speed ${speed}: ${hours} simulated hours in ${((hours * 60) / speed).toFixed(0)} real minutes`);
console.log("");
const names = simulator.accounts.map((account) => `${account.account}: trades / orders / journal`);
console.log(`| simulated h | heap after GC MB | RSS MB | ${names.join(" | ")} |`);
console.log(`|---:|---:|---:|${names.map(() => "---:").join("|")}|`);
for (const row of rows) console.log(row);
console.log(`1-min load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after`);
process.exit(0);
