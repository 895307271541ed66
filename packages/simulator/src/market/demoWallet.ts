/**
 * The demo trader's wallet moves, so a demo shows every kind of balance change: now and then
 * (market.ts runs it every few simulated minutes to hours, `demoWalletIntervalMs`) a deposit, a
 * withdrawal, or a transfer from or to the account's futures wallet, each of a few percent of what
 * the account holds of the asset. A withdrawal or a transfer out takes at most a few percent of
 * the free balance (never draining it), and a withdrawal is several times its fee. Seeded.
 */
import { Decimal as Big, ROUND_DOWN } from "@mexc-live/protocol";
import { SimError } from "../errors.js";
import type { Random } from "../random.js";
import { assetDecimals } from "../symbols.js";
import type { Balance, Exchange, SymbolConfig } from "../types.js";
import { networkOf } from "../walletNetworks.js";

const DEPOSIT_CHANCE = 0.4;
const WITHDRAWAL_CHANCE = 0.3;
/** The rest are transfers, half of them in. */
const TRANSFER_IN_CHANCE = 0.5;
/** Amount as a share of the asset's balance (deposits, transfers in: free + locked; the rest: free): [min, max). */
const DEPOSIT_SHARE = [0.01, 0.05] as const;
const WITHDRAWAL_SHARE = [0.01, 0.04] as const;
const TRANSFER_SHARE = [0.01, 0.05] as const;
/** Most moves are in the quote asset most pairs share, when the account holds it. */
const MAIN_ASSET = "USDT";
const MAIN_ASSET_CHANCE = 0.6;
/** A withdrawal is at least this many times its fee. */
const MIN_WITHDRAWAL_FEES = 4;

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
      const roll = random.next();
      if (roll < DEPOSIT_CHANCE) {
        const amount = share(DEPOSIT_SHARE, total, asset);
        if (amount.gt(0)) attempt(() => exchange.deposit(account, { asset, amount: amount.toFixed() }));
        return;
      }
      if (roll < DEPOSIT_CHANCE + WITHDRAWAL_CHANCE) {
        const amount = share(WITHDRAWAL_SHARE, new Big(free), asset);
        if (amount.lt(new Big(networkOf(asset).withdrawFee).times(MIN_WITHDRAWAL_FEES))) return;
        attempt(() => exchange.withdraw(account, { asset, amount: amount.toFixed() }));
        return;
      }
      const into = random.chance(TRANSFER_IN_CHANCE);
      const amount = share(TRANSFER_SHARE, into ? total : new Big(free), asset);
      if (amount.lte(0)) return;
      const accounts = into ? ({ from: "FUTURES", to: "SPOT" } as const) : ({ from: "SPOT", to: "FUTURES" } as const);
      attempt(() => exchange.transfer(account, { asset, amount: amount.toFixed(), ...accounts }));
    },
  };
}
