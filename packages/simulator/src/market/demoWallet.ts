/**
 * The demo trader's wallet moves, so a demo shows every kind of balance change: now and then
 * (market.ts runs it at the history's pace, walletPace.ts: about one every three simulated days;
 * `demoWalletIntervalMs` to change it) a deposit, a withdrawal, or a transfer from or to the
 * account's futures wallet, in the history's proportions, each of a few percent of what the
 * account holds of the asset. A withdrawal or a transfer out takes at most a few percent of
 * the free balance (never draining it), and a withdrawal is several times its fee. Seeded.
 */
import { Decimal as Big, ROUND_DOWN } from "@mexc-live/protocol";
import { SimError } from "../errors.js";
import type { Random } from "../random.js";
import { assetDecimals } from "../symbols.js";
import type { Balance, Exchange, SymbolConfig } from "../types.js";
import { networkOf } from "../walletNetworks.js";
import { MAIN_ASSET, MAIN_ASSET_CHANCE, MIN_WITHDRAWAL_FEES, pickWalletKind, WALLET_MOVES } from "./walletPace.js";

/** A transfer's direction: half of them in. */
const TRANSFER_IN_CHANCE = 0.5;

export interface DemoWallet {
  /** One move (or none, when nothing the account holds fits). */
  act(): void;
}

export function createDemoWallet(deps: {
  readonly exchange: Exchange;
  readonly account: string;
  readonly random: Random;
  readonly symbols: readonly SymbolConfig[];
}): DemoWallet {
  const { exchange, account, random, symbols } = deps;

  const share = ([min, max]: readonly [number, number], of: Big, asset: string) =>
    of.times(min + (max - min) * random.next()).round(assetDecimals(asset, symbols), ROUND_DOWN);
  const pickBalance = (balances: readonly Balance[]) =>
    balances.find((balance) => balance.asset === MAIN_ASSET && random.chance(MAIN_ASSET_CHANCE)) ??
    random.pick(balances);

  const attempt = (move: () => void) => {
    try {
      move();
    } catch (error) {
      if (!(error instanceof SimError)) throw error;
    }
  };

  return {
    act: () => {
      const balances = exchange.balances(account).filter((balance) => new Big(balance.free).gt(0));
      if (balances.length === 0) return;
      const { asset, free, locked } = pickBalance(balances);
      const total = new Big(free).plus(locked);
      const kind = pickWalletKind(random);
      if (kind === "deposit") {
        const amount = share(WALLET_MOVES.deposit.share, total, asset);
        if (amount.gt(0)) attempt(() => exchange.deposit(account, { asset, amount: amount.toFixed() }));
        return;
      }
      if (kind === "withdrawal") {
        const amount = share(WALLET_MOVES.withdrawal.share, new Big(free), asset);
        if (amount.lt(new Big(networkOf(asset).withdrawFee).times(MIN_WITHDRAWAL_FEES))) return;
        attempt(() => exchange.withdraw(account, { asset, amount: amount.toFixed() }));
        return;
      }
      const into = random.chance(TRANSFER_IN_CHANCE);
      const amount = share(WALLET_MOVES.transfer.share, into ? total : new Big(free), asset);
      if (amount.lte(0)) return;
      const accounts = into ? ({ from: "FUTURES", to: "SPOT" } as const) : ({ from: "SPOT", to: "FUTURES" } as const);
      attempt(() => exchange.transfer(account, { asset, amount: amount.toFixed(), ...accounts }));
    },
  };
}
