/**
 * Fault injection, per run: `--faults name[=rate],...`, `--faults all`, or at run time through
 * POST /_sim/faults. A rate is a probability from 0 to 1, drawn once per *opportunity*; what an
 * opportunity is depends on the fault (the part named in the last column acts on the roll and
 * calls `plan.count(name)` when it injects one):
 *
 * | fault              | one roll per ...                                                  | a hit means                                                                                        | default | acted on in      |
 * |--------------------|-------------------------------------------------------------------|----------------------------------------------------------------------------------------------------|---------|------------------|
 * | drop               | open WebSocket, every SOCKET_FAULT_CHECK_INTERVAL_MS (1 s)          | the socket dies abruptly (no close frame: the client sees 1006)                                    | 0.002   | ws/wsFaults.ts   |
 * | stall              | open WebSocket, every SOCKET_FAULT_CHECK_INTERVAL_MS (1 s)          | the socket goes silent for good: no data, no acks, no PONG; it stays open until the client gives up | 0.001   | ws/wsFaults.ts   |
 * | expire-listen-keys | listen key with an open socket, every LISTEN_KEY_FAULT_CHECK_INTERVAL_MS | the key dies now as if its 60 min ran out; its sockets are closed                           | 0.02    | ws/wsFaults.ts   |
 * | refuse             | WebSocket upgrade attempt                                         | this upgrade and every one in the next REFUSE_FAULT_PERIOD_MS are refused with HTTP 503            | 0.05    | ws/wsFaults.ts   |
 * | http429            | REST request under /api/v3                                        | 429 `{"code":429,"msg":"Too Many Requests"}` with Retry-After HTTP429_FAULT_RETRY_AFTER_S instead of an answer | 0.02 | rest/app.ts |
 * | http5xx            | order accepted by POST /api/v3/order                              | the order stays placed but the reply is a 500, 503 or 504: an unknown outcome for the client       | 0.05    | rest/routes/orders.ts |
 * | malformed          | binary data frame sent to one subscriber                          | a truncated or garbage frame instead (a private push is then sent intact as well)                  | 0.0005  | ws/fanout.ts     |
 * | depth-gap          | aggregated depth push                                             | one depth version is skipped (fromVersion != previous toVersion + 1)                              | 0.001   | ws/feeds/aggreFeed.ts |
 * | unknown-enum       | private orders or account push                                    | a value MEXC never documented: orders `status` and `orderType` 99, account `type` UNDOCUMENTED_CHANGE (quantities and balances stay true) | 0.01 | ws/feeds/privateFeed.ts |
 * | maintenance        | second without a maintenance window                               | a maintenance window opens: MEXC's maintenance answers to every REST call for MAINTENANCE_FAULT_WINDOW_MS (8 s) | 0.003 | maintenance.ts |
 *
 * The WebSocket periods are in ws/wsConstants.ts, HTTP429_FAULT_RETRY_AFTER_S in constants.ts.
 *
 * `name` without a rate takes the default; `all` turns every fault on at its default (a mix a
 * robust client should ride out: on a dashboard with a few sockets, a drop every few minutes,
 * an occasional stalled socket, listen keys dying about once an hour, 1 REST call in 50
 * refused); items after `all` override it (`all,drop=0` = everything but drop). The empty
 * spec (or `none`) turns every fault off.
 */
import type { Random } from "./random.js";
import type { FaultName, FaultPlan } from "./types.js";

export const FAULT_NAMES: readonly FaultName[] = [
  "drop",
  "stall",
  "expire-listen-keys",
  "refuse",
  "http429",
  "http5xx",
  "malformed",
  "depth-gap",
  "unknown-enum",
  "maintenance",
];

/** The rate a fault named without `=rate` gets, and the `all` mix (see the table above). */
export const FAULT_DEFAULT_RATES: Readonly<Record<FaultName, number>> = {
  drop: 0.002,
  stall: 0.001,
  "expire-listen-keys": 0.02,
  refuse: 0.05,
  http429: 0.02,
  http5xx: 0.05,
  malformed: 0.0005,
  "depth-gap": 0.001,
  "unknown-enum": 0.01,
  maintenance: 0.003,
};

const ALL = "all";
const NONE = "none";
/** A plain decimal: no sign, no exponent, no hex (so "1e-3" and "0x1" are refused). */
const RATE_TEXT = /^(\d+(\.\d*)?|\.\d+)$/;

/** Parses `name[=rate],...`; throws an Error naming the bad fault or rate. */
export function parseFaultSpec(spec: string): Map<FaultName, number> {
  const rates = new Map<FaultName, number>();
  const trimmed = spec.trim();
  if (trimmed === "" || trimmed.toLowerCase() === NONE) return rates;
  for (const item of trimmed.split(",")) {
    const text = item.trim();
    if (text === "") continue;
    const equals = text.indexOf("=");
    const name = (equals === -1 ? text : text.slice(0, equals)).trim().toLowerCase();
    const rateText = equals === -1 ? undefined : text.slice(equals + 1).trim();
    if (name === ALL) {
      if (rateText !== undefined) throw new Error(`fault "all" takes no rate (got "${rateText}")`);
      for (const fault of FAULT_NAMES) rates.set(fault, FAULT_DEFAULT_RATES[fault]);
      continue;
    }
    if (!isFaultName(name)) {
      throw new Error(`unknown fault "${name}" (known: ${FAULT_NAMES.join(", ")}, all)`);
    }
    rates.set(name, rateText === undefined ? FAULT_DEFAULT_RATES[name] : parseRate(name, rateText));
  }
  return rates;
}

/** The normalized spec: known order, zero rates left out, e.g. "drop=0.05,http5xx=0.1". */
export function formatFaultSpec(rates: ReadonlyMap<FaultName, number>): string {
  return FAULT_NAMES.filter((name) => (rates.get(name) ?? 0) > 0)
    .map((name) => `${name}=${rates.get(name)}`)
    .join(",");
}

/**
 * A plan over `random` (give it a PRNG of its own so faults do not shift the market's draws).
 * A zero rate never draws. Throws like parseFaultSpec on a bad spec; `set` keeps the old plan then.
 */
export function createFaultPlan(spec: string, random: Random): FaultPlan {
  let rates = parseFaultSpec(spec);
  const injected = Object.fromEntries(FAULT_NAMES.map((name) => [name, 0])) as Record<FaultName, number>;
  const rate = (name: FaultName) => rates.get(name) ?? 0;
  return {
    rate,
    roll: (name) => {
      const p = rate(name);
      return p > 0 && random.chance(p);
    },
    set: (next) => {
      rates = parseFaultSpec(next);
    },
    spec: () => formatFaultSpec(rates),
    injected: () => ({ ...injected }),
    count: (name) => {
      injected[name] += 1;
    },
  };
}

function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}

function parseRate(name: FaultName, text: string): number {
  const value = Number(text);
  if (!RATE_TEXT.test(text) || !(value >= 0 && value <= 1)) {
    throw new Error(`bad rate "${text}" for fault "${name}": expected a number from 0 to 1`);
  }
  return value;
}
