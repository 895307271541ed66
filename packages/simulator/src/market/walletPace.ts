/**
 * How often a demo account's wallet moves, and by how much: one table for its history before the
 * start (pastTrading.ts) and its live demo after it (demoWallet.ts, market.ts), so a live day has
 * the wallet moves of a past day (issue 40 item 9: the live demo made about 23 a day against 0.3
 * in its history, so a few hours of it moved more money in and out than its month before).
 * Ours: MEXC says nothing of how often its users deposit.
 */
import { DAY_MS } from "@mexc-live/protocol";
import type { Random } from "../random.js";

/** Wallet moves: chance per day, and the amount as a share of what the account holds of the asset. */
export const WALLET_MOVES = {
  deposit: { chance: 0.12, share: [0.02, 0.08] },
  withdrawal: { chance: 0.08, share: [0.01, 0.04] },
  transfer: { chance: 0.1, share: [0.01, 0.05] },
} as const;
export type WalletKind = keyof typeof WALLET_MOVES;
const KINDS = Object.keys(WALLET_MOVES) as WalletKind[];
/**
 * Wallet moves a day on average: the sum of the chances. The rarer moves only the live demo makes
 * (transfers with other MEXC users, dust conversions: demoExtras.ts; the history has none) keep
 * this pace too.
 */
export const WALLET_MOVES_PER_DAY = KINDS.reduce((sum, kind) => sum + WALLET_MOVES[kind].chance, 0);
/** Chance a wallet move is in the quote asset most pairs share (USDT) when the account holds it. */
export const MAIN_ASSET = "USDT";
export const MAIN_ASSET_CHANCE = 0.6;
/** A withdrawal is at least this many times its fee. */
export const MIN_WITHDRAWAL_FEES = 4;

/** A live move's kind, in the proportions of the history's chances. */
export function pickWalletKind(random: Random): WalletKind {
  let roll = random.next() * WALLET_MOVES_PER_DAY;
  for (const kind of KINDS) {
    roll -= WALLET_MOVES[kind].chance;
    if (roll < 0) return kind;
  }
  return KINDS[KINDS.length - 1] as WalletKind;
}

/** [min, max] ms between two live moves at `perDay` on average: half to one and a half of the mean gap. */
export function moveIntervalMs(perDay: number): readonly [number, number] {
  const gap = DAY_MS / perDay;
  return [Math.round(gap / 2), Math.round((gap * 3) / 2)];
}
