/**
 * Trading fees: the symbol's maker/taker rate on the trade's quote value, in the quote asset for
 * a buyer and a seller alike (docs/mexc/undocumented.md#fills-and-keys item 11.25: MEXC charges a
 * BUY of BTCUSDT in USDT; ccxt/ccxt#22318, pull request #22320) — or, for accounts created with
 * `mxFeeDeduction` that hold enough free MX, the trade's value converted to MX at a 20% discount,
 * charged separately (TRADE_FEE). With `buyFeeInQuote` off (the behaviour `buy-fee-in-quote`, and
 * the recorded past) a buyer pays the rate on the base received, as older histories show.
 */
import type { Side } from "@mexc-live/protocol";
import type { SymbolConfig } from "../types.js";
import type { Accounts } from "./accounts.js";
import { Big, floorTo, ZERO } from "./decimals.js";

export const MX_ASSET = "MX";
/** MEXC's MX deduction discount: pay 80% of the fee. */
const MX_DISCOUNT_FACTOR = new Big("0.8");
/** Decimal places of a fee converted to MX (MEXC shows ~19, e.g. "0.0003998377369698171"). */
const MX_FEE_DECIMALS = 18;
const USDT = "USDT";

export interface FeeCharge {
  readonly amount: Big;
  readonly asset: string;
  /** True: paid from a third asset's free balance (MX) rather than netted off what was received. */
  readonly separate: boolean;
}

export interface FeeDeps {
  /** Whether the account pays in MX, and its free MX. */
  readonly accounts: Pick<Accounts, "options" | "free">;
  /** A symbol's current price (last trade, else mid, else initial); undefined if not traded here. */
  readonly referencePrice: (symbol: string) => Big | undefined;
  /** A BUY pays its fee in the quote asset (MEXC today); false: in the base received. */
  readonly buyFeeInQuote: boolean;
}

/**
 * The share of a BUY's cost it locks on top for its fee, so the fee in quote is always there when
 * it fills: the larger of the symbol's rates (0 when the fee is not taken in quote).
 */
export function buyFeeReserveRate(deps: Pick<FeeDeps, "buyFeeInQuote">, config: SymbolConfig): Big {
  if (!deps.buyFeeInQuote) return ZERO;
  const maker = new Big(config.makerFee);
  const taker = new Big(config.takerFee);
  return maker.gt(taker) ? maker : taker;
}

export function chargeFee(
  deps: FeeDeps,
  account: string,
  config: SymbolConfig,
  side: Side,
  price: Big,
  quantity: Big,
  rate: string,
): FeeCharge {
  const quoteValue = price.times(quantity);
  const standard: FeeCharge =
    side === "BUY" && !deps.buyFeeInQuote
      ? { amount: quantity.times(rate), asset: config.baseAsset, separate: false }
      : { amount: quoteValue.times(rate), asset: config.quoteAsset, separate: false };
  if (standard.amount.eq(0) || !deps.accounts.options(account).mxFeeDeduction) return standard;

  const valueInMx = toMx(deps, config.quoteAsset, quoteValue);
  if (!valueInMx) return standard;
  const amount = floorTo(valueInMx.times(rate).times(MX_DISCOUNT_FACTOR), MX_FEE_DECIMALS);
  if (amount.eq(0) || deps.accounts.free(account, MX_ASSET).lt(amount)) return standard;
  return { amount, asset: MX_ASSET, separate: true };
}

/** `value` of `asset` in MX, through the asset's USDT pair and MXUSDT; undefined without prices. */
function toMx(deps: FeeDeps, asset: string, value: Big): Big | undefined {
  if (asset === MX_ASSET) return value;
  const inUsdt = asset === USDT ? value : times(value, deps.referencePrice(`${asset}${USDT}`));
  const mxPrice = deps.referencePrice(`${MX_ASSET}${USDT}`);
  if (!inUsdt || !mxPrice || mxPrice.lte(ZERO)) return undefined;
  return inUsdt.div(mxPrice);
}

const times = (value: Big, price: Big | undefined) => (price ? value.times(price) : undefined);
