/**
 * The demo accounts' rarer wallet moves (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.17), so a demo shows them too: now and then
 * (market.ts runs it every `demoExtrasIntervalMs`) a transfer to or from another MEXC user of a
 * few percent of a balance, or a conversion of the account's small balances (each worth less than
 * DUST_MAX_VALUE in USDT, FROP's small demo balance among them) to MX. Each kind only with its
 * behaviour on (internalTransfers, dustConversions). Seeded, on a stream of its own.
 */
import { Decimal as Big, ROUND_DOWN } from "@mexc-live/protocol";
import { SimError } from "../errors.js";
import type { Random } from "../random.js";
import { assetDecimals } from "../symbols.js";
import type { Exchange, SymbolConfig } from "../types.js";

/** A balance worth less than this many USDT is dust the demo converts (ours). */
const DUST_MAX_VALUE = "100";
const DUST_CHANCE = 0.25;
const TRANSFER_IN_CHANCE = 0.55;
const TRANSFER_SHARE = [0.01, 0.03] as const;
const MAIN_ASSET = "USDT";
const DUST_TARGET = "MX";

export interface DemoExtras {
  act(): void;
}

export function createDemoExtras(deps: {
  readonly exchange: Exchange;
  readonly account: string;
  readonly random: Random;
  readonly symbols: readonly SymbolConfig[];
  readonly internalTransfers: boolean;
  readonly dustConversions: boolean;
}): DemoExtras {
  const { exchange, account, random, symbols } = deps;
  const attempt = (move: () => void) => {
    try {
      move();
    } catch (error) {
      if (!(error instanceof SimError)) throw error;
    }
  };
  const valueInUsdt = (asset: string, amount: Big): Big | undefined => {
    const pair = symbols.find((config) => config.baseAsset === asset && config.quoteAsset === MAIN_ASSET);
    const price = pair && exchange.lastPrice(pair.symbol);
    return price === undefined ? undefined : amount.times(price);
  };
  const dust = (): string[] =>
    exchange
      .balances(account)
      .filter((balance) => balance.asset !== DUST_TARGET && balance.asset !== MAIN_ASSET && new Big(balance.free).gt(0))
      .filter((balance) => valueInUsdt(balance.asset, new Big(balance.free))?.lt(DUST_MAX_VALUE) ?? false)
      .map((balance) => balance.asset);

  return {
    act: () => {
      if (deps.dustConversions && (!deps.internalTransfers || random.chance(DUST_CHANCE))) {
        const assets = dust();
        if (assets.length > 0) attempt(() => exchange.convertDust(account, assets));
        return;
      }
      if (!deps.internalTransfers) return;
      const held = exchange.balances(account).find((balance) => balance.asset === MAIN_ASSET);
      if (held === undefined) return;
      const into = random.chance(TRANSFER_IN_CHANCE);
      const base = into ? new Big(held.free).plus(held.locked) : new Big(held.free);
      const [min, max] = TRANSFER_SHARE;
      const amount = base
        .times(min + (max - min) * random.next())
        .round(assetDecimals(MAIN_ASSET, symbols), ROUND_DOWN);
      if (amount.lte(0)) return;
      attempt(() =>
        exchange.internalTransfer(account, {
          asset: MAIN_ASSET,
          amount: amount.toFixed(),
          direction: into ? "in" : "out",
          counterparty: `${random.int(10_000_000, 99_999_999)}`,
        }),
      );
    },
  };
}
