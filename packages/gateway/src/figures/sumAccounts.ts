/**
 * Figures of several accounts added up (the API table's folds, http/queries/accountFolds.ts),
 * each identity kept: the sum of bridges is a bridge (every part is a plain sum), the sum of fee
 * series is a fee series whose last cumulative is the summed total, PnL by asset adds up per asset,
 * the realized PnL's causes cause by cause (each account's add up, so their sum does).
 */
import {
  type AssetPnlItem,
  type AssetPnlPart,
  BRIDGE_PARTS,
  type FeeDaysAnswer,
  MAX_CAUSE_NAMES,
  type NetFlowPoint,
  type PerformanceBridge,
  type PerformanceSummary,
  type RangeCoverage,
  REALIZED_CAUSES,
  type RealizedCause,
  type RealizedCauses,
} from "@mexc-live/contract";
import { type Decimal, dec, fmt, ZERO } from "@mexc-live/protocol";
import { type Flow, timeWeightedReturn } from "./performance.js";

const sum = (values: readonly (string | null | undefined)[]): Decimal =>
  values.reduce<Decimal>((total, value) => (value == null ? total : total.plus(dec(value))), ZERO);

/** One row per asset: quantities, costs, PnL and values summed; a part unknown in one account is unknown. */
export function sumAssetPnl(items: readonly AssetPnlItem[]): AssetPnlItem[] {
  const byAsset = new Map<string, AssetPnlItem[]>();
  for (const item of items) byAsset.set(item.asset, [...(byAsset.get(item.asset) ?? []), item]);
  return [...byAsset.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([asset, rows]) => {
      const first = rows[0] as AssetPnlItem;
      const all = (pick: (row: AssetPnlItem) => string | null) =>
        rows.some((row) => pick(row) === null) ? null : sum(rows.map(pick));
      const quantity = sum(rows.map((row) => row.quantity));
      const costBasis = all((row) => row.costBasis);
      const value = all((row) => row.value);
      const unrealized = all((row) => row.unrealized);
      return {
        asset,
        quantity: fmt(quantity),
        costBasis: costBasis === null ? null : fmt(costBasis),
        averageCost: costBasis === null || quantity.eq(0) ? null : fmt(costBasis.div(quantity)),
        realized: fmt(sum(rows.map((row) => row.realized))),
        unrealized: unrealized === null ? null : fmt(unrealized),
        fees: fmt(sum(rows.map((row) => row.fees))),
        value: value === null ? null : fmt(value),
        price: first.price ?? null,
        method: first.method,
      };
    });
}

/** Per day (same time zone asked of each), fees and cumulative summed; an account without that day adds its last cumulative. */
export function sumFeeDays(answers: readonly FeeDaysAnswer[]): FeeDaysAnswer {
  const days = [...new Set(answers.flatMap((answer) => answer.items.map((item) => item.day)))].sort();
  const items = days.map((day) => {
    let fees = ZERO;
    let cumulative = ZERO;
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    for (const answer of answers) {
      const item = answer.items.find((entry) => entry.day === day);
      if (item !== undefined) {
        fees = fees.plus(dec(item.fees));
        cumulative = cumulative.plus(dec(item.cumulative));
        from = Math.min(from, item.from);
        to = Math.max(to, item.to);
        continue;
      }
      const before = answer.items.filter((entry) => entry.day < day).at(-1);
      if (before !== undefined) cumulative = cumulative.plus(dec(before.cumulative));
    }
    return { day, from, to, fees: fmt(fees), cumulative: fmt(cumulative) };
  });
  return {
    quote: answers[0]?.quote ?? "",
    items,
    total: fmt(sum(answers.map((answer) => answer.total))),
  };
}

/** The accounts' bridges summed part by part, their PnL by asset summed, the TWR of the summed equity. */
export function sumPerformance(answers: readonly PerformanceSummary[]): PerformanceSummary {
  const first = answers[0] as PerformanceSummary;
  const bridges = answers.map((answer) => answer.bridge);
  const bridge =
    bridges.every((b) => b != null) && bridges.length > 0
      ? (Object.fromEntries(
          BRIDGE_PARTS.map((part) => [part, fmt(sum(bridges.map((b) => (b as PerformanceBridge)[part])))]),
        ) as unknown as PerformanceBridge)
      : null;
  const parts = new Map<string, { realized: Decimal; unrealized: Decimal; fees: Decimal }>();
  for (const part of answers.flatMap((answer) => answer.byAsset ?? [])) {
    const held = parts.get(part.asset) ?? { realized: ZERO, unrealized: ZERO, fees: ZERO };
    parts.set(part.asset, {
      realized: held.realized.plus(dec(part.realized)),
      unrealized: held.unrealized.plus(dec(part.unrealized)),
      fees: held.fees.plus(dec(part.fees)),
    });
  }
  const byAsset: AssetPnlPart[] = [...parts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([asset, p]) => ({
      asset,
      realized: fmt(p.realized),
      unrealized: fmt(p.unrealized),
      fees: fmt(p.fees),
      pnl: fmt(p.realized.plus(p.unrealized).plus(p.fees)),
    }));
  const flows = mergedFlows(answers.map((answer) => answer.netDeposits));
  let cumulative = ZERO;
  const netDeposits: NetFlowPoint[] = flows.map((flow) => {
    cumulative = cumulative.plus(flow.value);
    return { time: flow.time, value: fmt(cumulative) };
  });
  const from = Math.min(...answers.map((answer) => answer.from));
  const to = Math.max(...answers.map((answer) => answer.to));
  const { unpriced, pricesPending: pending } = leftOutTogether(answers);
  // Like each account's: no return while an account's past prices are still being fetched.
  const twr =
    bridge === null || pending
      ? null
      : timeWeightedReturn(
          [
            { time: from, equity: bridge.startEquity, byAsset: {} },
            { time: to, equity: bridge.endEquity, byAsset: {} },
          ],
          flows.filter((flow) => flow.time >= from && flow.time < to),
          { time: from, equity: bridge.startEquity, byAsset: {} },
          { time: to, equity: bridge.endEquity, byAsset: {} },
        );
  const nullable = (pick: (answer: PerformanceSummary) => string | null | undefined) =>
    answers.some((answer) => pick(answer) == null) ? null : fmt(sum(answers.map(pick)));
  return {
    from,
    to,
    ...(first.quote === undefined ? {} : { quote: first.quote }),
    startEquity: nullable((answer) => answer.startEquity),
    endEquity: nullable((answer) => answer.endEquity),
    netFlows: fmt(sum(answers.map((answer) => answer.netFlows))),
    twr,
    netDeposits,
    pnl: nullable((answer) => answer.pnl),
    byAsset,
    bridge,
    unpriced,
    ...(pending ? { pricesPending: true } : {}),
    ...(first.method === undefined ? {} : { method: first.method }),
    ...foldCoverage(answers),
  };
}

/**
 * The accounts' word on the range together: the history starts with the earliest account's, and
 * the range stands against it as it does against that account's (any account's if none has one).
 */
export function foldCoverage(answers: readonly { readonly coverage?: RangeCoverage }[]): { coverage?: RangeCoverage } {
  let earliest: RangeCoverage | undefined;
  for (const { coverage } of answers) {
    if (coverage === undefined) continue;
    const starts = coverage.historyStartsAt;
    const held = earliest?.historyStartsAt;
    if (earliest === undefined || (starts !== null && (held === null || held === undefined || starts < held))) {
      earliest = coverage;
    }
  }
  return earliest === undefined ? {} : { coverage: earliest };
}

/** Each account's net deposits line back into flows (its steps), all accounts' merged by time. */
function mergedFlows(lines: readonly (readonly NetFlowPoint[])[]): Flow[] {
  const flows: Flow[] = [];
  for (const line of lines) {
    let before = ZERO;
    for (const point of line) {
      const value = dec(point.value);
      flows.push({ time: point.time, value: value.minus(before) });
      before = value;
    }
  }
  return flows.sort((a, b) => a.time - b.time);
}

/**
 * What several accounts' answers (or parts of them) leave out for want of a price, together:
 * every asset any of them names, sorted, and pending while one account's prices are.
 */
export function leftOutTogether(
  parts: readonly { readonly unpriced?: readonly string[] | undefined; readonly pricesPending?: boolean | undefined }[],
): { readonly unpriced: string[]; readonly pricesPending: boolean } {
  return {
    unpriced: [...new Set(parts.flatMap((part) => part.unpriced ?? []))].sort(),
    pricesPending: parts.some((part) => part.pricesPending === true),
  };
}

/**
 * The realized PnL by asset, the pairs' total and each cause, summed over the accounts: each
 * account's byAsset = byPair + its causes, so the sums keep it. A cause one account could not
 * price is not known for all of them (null, its assets named).
 */
export function sumRealizedCauses(answers: readonly RealizedCauses[]): RealizedCauses {
  const first = answers[0];
  if (first === undefined) return { quote: "", method: "avg", byAsset: "0", byPair: "0", causes: [] };
  const causes: RealizedCause[] = [];
  for (const cause of REALIZED_CAUSES) {
    const parts = answers.flatMap((answer) => answer.causes.filter((item) => item.cause === cause));
    if (parts.length === 0) continue;
    const names = [...new Set(parts.flatMap((part) => part.names))].sort();
    const unpriced = [...new Set(parts.flatMap((part) => part.unpriced))].sort();
    causes.push({
      cause,
      realized: parts.some((part) => part.realized === null) ? null : fmt(sum(parts.map((part) => part.realized))),
      names: names.slice(0, MAX_CAUSE_NAMES),
      more: Math.max(0, names.length - MAX_CAUSE_NAMES) + parts.reduce((more, part) => more + part.more, 0),
      unpriced,
    });
  }
  return {
    quote: first.quote,
    method: first.method,
    // A range: its ends as the first account read them (an account whose history starts later reads from its start).
    ...(first.from === undefined ? {} : { from: first.from }),
    ...(first.to === undefined ? {} : { to: first.to }),
    byAsset: fmt(sum(answers.map((answer) => answer.byAsset))),
    byPair: fmt(sum(answers.map((answer) => answer.byPair))),
    causes,
  };
}
