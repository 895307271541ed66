/**
 * The wallet moves MEXC serves on histories of their own (docs/mexc/undocumented.md#history-windows-and-wallet-endpoints item 11.17, MEXC spot v3 docs, wallet
 * section): transfers to and from other MEXC users, and conversions of small balances to MX.
 *
 * - internal transfer: in adds to free, out takes from it (10101 when short). Which account-push
 *   type MEXC sends is not captured [UNCONFIRMED]: we push WITHDRAW for one sent (it is in the
 *   withdrawal history, `transferType` 1) and DEPOSIT for one received, so a client must tell them
 *   apart by the histories, not the push. One sent is recorded in the withdrawal history too,
 *   under the same id, fee 0 [UNCONFIRMED]. The other user lies outside the simulated exchange,
 *   so both count in `credited` like a deposit.
 * - dust conversion: each asset's whole free balance goes, MX comes at the assets' prices in MX
 *   (through their USDT pairs), less a 2% fee: in the docs' dust-log example every detail's `fee`
 *   is 2% of its `convert` (0.000177 of 0.00885018; 0.00041965 of 0.02098255) [DERIVED]; we take
 *   `convert` as what was credited and `fee` on top of it. One push per asset converted and one of
 *   MX, all of the type SMALL_COIN_CONVERT [UNCONFIRMED: no capture shows the type]. MX itself and
 *   an asset without a price are refused (33333 naming the asset).
 */
import type { AccountChangeType } from "@mexc-live/protocol";
import type { SimClock } from "../clock.js";
import { engineErrors, restErrors, walletErrors } from "../errors.js";
import type { Random } from "../random.js";
import type {
  InternalTransferInput,
  SimConversion,
  SimDustDetail,
  SimInternalTransfer,
  SimWithdrawal,
} from "../walletTypes.js";
import type { Accounts } from "./accounts.js";
import { Big, floorTo, fmt, negate } from "./decimals.js";

/** The asset small balances are converted to. */
export const DUST_TARGET = "MX";
/** MEXC keeps this share of a conversion, on top of what it credits [DERIVED from the docs' example]. */
const DUST_FEE_RATE = "0.02";
/** MX decimals in the dust log (the docs' example has 8). */
const MX_DECIMALS = 8;
/** The account push type of a dust conversion [UNCONFIRMED] (docs/mexc/enums.md#account-change-types). */
const DUST_CHANGE_TYPE = "SMALL_COIN_CONVERT" satisfies AccountChangeType;
/** A withdrawal record's `transferType` for a transfer to another MEXC user [OFF]. */
const INSIDE_TRANSFER = 1;
const ID_LENGTH = 32;
const ASSET_NAME = /^[A-Z0-9]{1,20}$/;

export interface WalletExtras {
  internalTransfer(account: string, input: InternalTransferInput): SimInternalTransfer;
  /** Converts the whole free balance of each asset to MX; throws (changing nothing) when one cannot be. */
  convertDust(account: string, assets: readonly string[]): SimConversion;
  internalTransfers(account: string): readonly SimInternalTransfer[];
  conversions(account: string): readonly SimConversion[];
}

export function createWalletExtras(deps: {
  readonly accounts: Accounts;
  readonly clock: SimClock;
  readonly random: Random;
  /** The price of one unit of `asset` in MX now; undefined when it has none. */
  readonly priceInMx: (asset: string) => Big | undefined;
  /** Records a withdrawal in the account's withdrawal history (wallet.ts). */
  readonly recordWithdrawal: (record: SimWithdrawal) => void;
}): WalletExtras {
  const { accounts, clock, random } = deps;
  const internal = new Map<string, SimInternalTransfer[]>();
  const converted = new Map<string, SimConversion[]>();
  const listOf = <T>(map: Map<string, T[]>, account: string): T[] => {
    let list = map.get(account);
    if (!list) {
      list = [];
      map.set(account, list);
    }
    return list;
  };
  const uidOf = (account: string) =>
    `${1_000_000 + ([...account].reduce((sum, c) => sum * 31 + c.charCodeAt(0), 7) % 9_000_000)}`;
  const loginOf = (account: string) => `${account}@simulator.invalid`;

  return {
    internalTransfer(account, input) {
      if (!accounts.has(account)) throw engineErrors.userDoesNotExist();
      if (!ASSET_NAME.test(input.asset)) throw walletErrors.badAsset(input.asset);
      const amount = positive(input.amount);
      if (input.direction === "out" && accounts.free(account, input.asset).lt(amount)) {
        throw walletErrors.insufficientBalance();
      }
      const time = input.time ?? clock.now();
      const other = input.counterparty ?? `${random.int(10_000_000, 99_999_999)}`;
      const out = input.direction === "out";
      accounts.credit(account, input.asset, out ? negate(amount) : amount, out ? "WITHDRAW" : "DEPOSIT", time);
      const record: SimInternalTransfer = {
        account,
        tranId: random.hex(ID_LENGTH),
        asset: input.asset,
        amount: fmt(amount),
        direction: input.direction,
        toAccountType: "UID",
        toAccount: out ? other : uidOf(account),
        fromAccount: out ? loginOf(account) : `${other}@example.invalid`,
        status: "SUCCESS",
        timestamp: time,
      };
      listOf(internal, account).push(record);
      if (out) {
        deps.recordWithdrawal({
          account,
          id: record.tranId,
          asset: record.asset,
          amount: record.amount,
          fee: "0",
          network: "",
          address: other,
          memo: "",
          status: 7,
          transHash: "",
          txId: "",
          transferType: INSIDE_TRANSFER,
          applyTime: time,
          updateTime: time,
        });
      }
      return record;
    },

    convertDust(account, assets) {
      if (!accounts.has(account)) throw engineErrors.userDoesNotExist();
      if (assets.length === 0) throw restErrors.missingParameter("asset");
      const time = clock.now();
      const plans = [...new Set(assets)].map((asset) => {
        if (!ASSET_NAME.test(asset)) throw walletErrors.badAsset(asset);
        if (asset === DUST_TARGET)
          throw restErrors.badParameter("asset", `${DUST_TARGET} cannot be converted to itself`);
        const amount = accounts.free(account, asset);
        if (amount.lte(0)) throw restErrors.badParameter("asset", `no free ${asset} to convert`);
        const price = deps.priceInMx(asset);
        if (price === undefined) throw restErrors.badParameter("asset", `${asset} has no price in ${DUST_TARGET}`);
        // What the asset is worth in MX pays the credited `convert` and a fee of 2% of it.
        const convert = floorTo(amount.times(price).div(new Big(1).plus(DUST_FEE_RATE)), MX_DECIMALS);
        return { asset, amount, convert, fee: floorTo(convert.times(DUST_FEE_RATE), MX_DECIMALS) };
      });
      const details: SimDustDetail[] = plans.map((plan) => ({
        id: random.hex(ID_LENGTH),
        asset: plan.asset,
        amount: fmt(plan.amount),
        convert: fmt(plan.convert),
        fee: fmt(plan.fee),
        time,
      }));
      const total = plans.reduce((sum, plan) => sum.plus(plan.convert), new Big(0));
      const totalFee = plans.reduce((sum, plan) => sum.plus(plan.fee), new Big(0));
      for (const plan of plans) accounts.credit(account, plan.asset, negate(plan.amount), DUST_CHANGE_TYPE, time);
      if (total.gt(0)) accounts.credit(account, DUST_TARGET, total, DUST_CHANGE_TYPE, time);
      const conversion: SimConversion = {
        account,
        totalConvert: fmt(total),
        totalFee: fmt(totalFee),
        convertTime: time,
        details,
      };
      listOf(converted, account).push(conversion);
      return conversion;
    },

    internalTransfers: (account) => internal.get(account) ?? [],
    conversions: (account) => converted.get(account) ?? [],
  };
}

function positive(text: string): Big {
  if (!/^\d+(\.\d+)?$/.test(text) || !new Big(text).gt(0)) throw walletErrors.badAmount("amount", text);
  return new Big(text);
}
