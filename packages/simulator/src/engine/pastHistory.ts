/**
 * Records accounts' past (`historyDays`, simulator.ts) as if it had happened here: the orders,
 * fills, deposits, withdrawals and transfers a plan lists (pastPlan.ts, planned by
 * market/pastTrading.ts) land where live ones land (orders and trades in the history, wallet
 * records, the journal), with
 * - fees charged by the engine's own rule (fees.ts: the symbol's maker or taker rate on what is
 *   received, or MX at the discount for an account with mxFeeDeduction that holds MX now), valued
 *   at today's reference prices [ours: the past's MX price is not kept];
 * - order and trade ids of the live shapes from one sequence, in time order across all accounts
 *   and below every live id (ids.ts);
 * - a journal worked out forward to end exactly at the balances the account is configured with:
 *   an initial deposit per asset at the start funds everything after it; where a balance would
 *   still have gone below zero on the way, a larger initial deposit covers it and one withdrawal
 *   after the low point takes the excess back out [ours];
 * - the other side of every past fill in one internal account (PAST_MARKET_ACCOUNT, no journal),
 *   and fees in the fee account, so each asset's total over all accounts still equals `credited`.
 * Nothing is emitted (the exchange silences its events meanwhile): past events send no pushes.
 */
import type { AccountChangeType } from "@mexc-live/protocol";
import type { PastAction, PastOrder, PastPlan } from "../pastPlan.js";
import type { Random } from "../random.js";
import { assetDecimals } from "../symbols.js";
import type { SymbolConfig } from "../types.js";
import { networkOf } from "../walletNetworks.js";
import { Big, fmt, negate, ROUND_UP, ZERO } from "./decimals.js";
import { MX_ASSET } from "./fees.js";
import { createIdSourceBelow, type IdSource } from "./ids.js";
import { FEE_ACCOUNT } from "./matching.js";
import {
  type PastChange,
  type PastNets,
  type PastOrderDeps,
  type PastOrderIds,
  type PastStep,
  pastOrderStep,
} from "./pastOrders.js";
import type { Wallet } from "./wallet.js";

/** The counterparty of every past fill: the market as it was, outside today's book. */
export const PAST_MARKET_ACCOUNT = "__past-market";
/** Initial deposits are at most this far apart (ours). */
const INITIAL_DEPOSIT_SPACING_MS = 150_000;

export interface PastDeps extends PastOrderDeps {
  readonly wallet: Wallet;
  /** The live ids: every past id sorts before them. */
  readonly liveIds: IdSource;
  /** The present: everything recorded is before it. */
  readonly now: number;
}

/** Records every plan; accounts must exist and hold nothing yet. Throws on a plan that breaks its own rules. */
export function recordPastHistory(deps: PastDeps, plans: readonly PastPlan[], random: Random): void {
  const ids = pastIds(plans, deps.liveIds, random);
  const nets: PastNets = { market: new Map(), fees: new Map() };
  for (const plan of plans) recordPlan(deps, plan, ids, nets, random);
  const { accounts, now } = deps;
  for (const [asset, net] of nets.market) {
    if (net.eq(0)) continue;
    accounts.create(PAST_MARKET_ACCOUNT, { keepHistory: false });
    if (net.lt(0)) accounts.credit(PAST_MARKET_ACCOUNT, asset, negate(net), "DEPOSIT", now);
    accounts.change(PAST_MARKET_ACCOUNT, asset, net, ZERO, "ENTRUST", now);
  }
  for (const [asset, fee] of nets.fees) {
    if (fee.eq(0)) continue;
    accounts.create(FEE_ACCOUNT, { keepHistory: false });
    accounts.change(FEE_ACCOUNT, asset, fee, ZERO, "TRADE_FEE", now);
  }
}

function recordPlan(deps: PastDeps, plan: PastPlan, ids: PastOrderIds, nets: PastNets, random: Random): void {
  const { accounts, now } = deps;
  const { account } = plan;
  if (!accounts.has(account)) throw new Error(`past history: account "${account}" does not exist`);
  if (accounts.journal(account).length > 0 || accounts.balances(account).length > 0) {
    throw new Error(`past history: account "${account}" already holds something; its past must come first`);
  }
  const paysInMx = accounts.options(account).mxFeeDeduction === true && new Big(plan.balances[MX_ASSET] ?? 0).gt(0);
  const stepOf = (action: PastAction): PastStep =>
    action.kind === "order"
      ? pastOrderStep(deps, account, action, ids, nets, paysInMx)
      : walletStep(deps, account, action, random);
  const steps = plan.actions.map(stepOf);
  steps.forEach((step, index) => {
    const previousEnd = index === 0 ? plan.start : steps[index - 1]!.end;
    if (step.start < previousEnd || step.end < step.start || step.end >= now) {
      throw new Error(`past history of "${account}": action ${index} overlaps the one before or is not in the past`);
    }
  });

  const final = new Map(Object.entries(plan.balances).map(([asset, amount]) => [asset, new Big(amount)]));
  const assets = new Set([...final.keys(), ...steps.flatMap((step) => step.changes.map((change) => change.asset))]);
  const initial: [string, Big][] = [];
  const fixes: { after: number; step: PastStep }[] = [];
  for (const asset of assets) {
    const solved = solve(asset, final.get(asset) ?? ZERO, steps, deps.symbols.values());
    if (solved.deposit.gt(0)) initial.push([asset, solved.deposit]);
    if (solved.fix) {
      const { after, amount } = solved.fix;
      const from = steps[after]!.end;
      const to = steps[after + 1]?.start ?? now - 1;
      const time = from + Math.floor((to - from) * (0.25 + 0.5 * random.next()));
      fixes.push({ after, step: walletStep(deps, account, { kind: "withdrawal", asset, amount, time }, random) });
    }
  }

  const firstStart = steps[0]?.start ?? now;
  const spacing = Math.min(INITIAL_DEPOSIT_SPACING_MS, Math.floor((firstStart - plan.start) / (initial.length + 1)));
  initial.forEach(([asset, amount], index) => {
    const time = plan.start + index * spacing;
    walletStep(deps, account, { kind: "deposit", asset, amount: fmt(amount), time }, random).write();
  });
  steps.forEach((step, index) => {
    step.write();
    for (const fix of fixes.filter((entry) => entry.after === index).sort((a, b) => a.step.start - b.step.start)) {
      fix.step.write();
    }
  });
}

/**
 * The initial deposit of `asset` that makes the journal end at `final`, and, when the balance
 * would go below zero on the way even so, the withdrawal (after step `after`) of the excess a
 * larger deposit needs: the deficit rounded up to the asset's decimals plus the withdrawal fee.
 */
function solve(
  asset: string,
  final: Big,
  steps: readonly PastStep[],
  symbols: Iterable<SymbolConfig>,
): { deposit: Big; fix?: { after: number; amount: string } } {
  let running = ZERO;
  const lows: Big[] = [];
  const ends: Big[] = [];
  for (const step of steps) {
    let low = running;
    for (const change of step.changes) {
      if (change.asset !== asset) continue;
      running = running.plus(change.free);
      if (running.lt(low)) low = running;
    }
    lows.push(low);
    ends.push(running);
  }
  const deposit = final.minus(running);
  let deficit = ZERO;
  let lastLow = -1;
  lows.forEach((low, index) => {
    const short = negate(deposit.plus(low));
    if (short.gt(0)) lastLow = index;
    if (short.gt(deficit)) deficit = short;
  });
  if (lastLow < 0) return { deposit };
  // The journal ends at `final` >= 0, so some step at or after the last low ends at or above zero.
  let after = lastLow;
  while (deposit.plus(ends[after]!).lt(0)) after += 1;
  const fee = new Big(networkOf(asset).withdrawFee);
  const excess = deficit.round(assetDecimals(asset, symbols), ROUND_UP).plus(fee);
  return { deposit: deposit.plus(excess), fix: { after, amount: fmt(excess) } };
}

/** A deposit, withdrawal or transfer, through the wallet (its changes as the wallet makes them). */
function walletStep(deps: PastDeps, account: string, action: Exclude<PastAction, PastOrder>, random: Random): PastStep {
  const { wallet } = deps;
  const { asset, time } = action;
  const amount = new Big(action.amount);
  const change = (free: Big, type: AccountChangeType): PastChange => ({ asset, free, locked: ZERO, type, time });
  const input = { asset, amount: action.amount, time };
  switch (action.kind) {
    case "deposit":
      return step(time, [change(amount, "DEPOSIT")], () => wallet.deposit(account, input, random));
    case "withdrawal": {
      const fee = new Big(networkOf(asset).withdrawFee);
      const changes = [change(negate(amount.minus(fee)), "WITHDRAW"), change(negate(fee), "WITHDRAW_FEE")];
      return step(time, changes, () => wallet.withdraw(account, input, random));
    }
    case "transfer": {
      const out = action.direction === "out";
      const accountTypes = out
        ? ({ from: "SPOT", to: "FUTURES" } as const)
        : ({ from: "FUTURES", to: "SPOT" } as const);
      const changes = [change(out ? negate(amount) : amount, "CONTRACT_TRANSFER")];
      return step(time, changes, () => wallet.transfer(account, { ...input, ...accountTypes }, random));
    }
  }
}

function step(time: number, changes: PastChange[], write: () => void): PastStep {
  return { start: time, end: time, changes, write };
}

/** Ids for every past order and fill, handed out in time order over all plans. */
function pastIds(plans: readonly PastPlan[], liveIds: IdSource, random: Random): PastOrderIds {
  const wanted: { time: number; order: PastOrder; fill: number }[] = [];
  for (const plan of plans) {
    for (const action of plan.actions) {
      if (action.kind !== "order") continue;
      wanted.push({ time: action.time, order: action, fill: -1 });
      action.fills.forEach((fill, index) => {
        wanted.push({ time: fill.time, order: action, fill: index });
      });
    }
  }
  wanted.sort((a, b) => a.time - b.time);
  const source = createIdSourceBelow(random, liveIds, wanted.length);
  const ids: PastOrderIds = new Map();
  for (const { order, fill } of wanted) {
    let entry = ids.get(order);
    if (!entry) {
      entry = { orderId: "", tradeIds: [] };
      ids.set(order, entry);
    }
    if (fill < 0) entry.orderId = source.orderId();
    else entry.tradeIds[fill] = source.tradeId();
  }
  return ids;
}
