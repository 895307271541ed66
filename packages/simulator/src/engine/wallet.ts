/**
 * Each account's wallet: deposits, withdrawals and transfers between the account's SPOT and
 * FUTURES wallets, each a balance change pushed like any other (spot@private.account.v3.api.pb)
 * and a record as MEXC's wallet history shows it (rest/routes/capital.ts). The chain and the
 * futures wallet lie outside the simulated exchange, so all three count in `credited` like a
 * deposit; a withdrawal's fee goes to the fee account, as trading fees do.
 *
 * - deposit: free + amount, pushed as DEPOSIT; status 5 SUCCESS at once (no pending stage).
 * - withdraw: MEXC's `amount` includes the fee (ccxt's fetchWithdrawals: "mexc withdrawal amount
 *   includes the fee"; the web export's Settlement Amount = Request Amount - Trading Fee). The
 *   whole amount leaves free, pushed as WITHDRAW -(amount - fee) and WITHDRAW_FEE -fee: both types
 *   are in MEXC's documented list (docs/mexc/enums.md#account-change-types), no capture shows them, and the split into two pushes is
 *   [DERIVED] from the two types. Status 7 SUCCESS at once. 10101 when free is short.
 * - transfer: SPOT -> FUTURES takes from free, FUTURES -> SPOT adds to it, pushed as
 *   CONTRACT_TRANSFER (the type of MEXC's own account-push example, docs/mexc/enums.md#account-change-types). The futures wallet's
 *   balance is not tracked: a transfer in always succeeds.
 *
 * Records are kept per account in time order; `time` (default now) stamps the balance change and
 * the record, so the past can be written too (pastHistory.ts). Hashes, ids and addresses are drawn
 * from the seeded PRNG given (the exchange's by default); an account keeps one deposit address per network.
 */
import { isUnsignedDecimal, MINUTE_MS } from "@mexc-live/protocol";
import { TRANSFER_ACCOUNT_TYPES, type TransferAccountType } from "@mexc-live/protocol/wallet";
import type { SimClock } from "../clock.js";
import { engineErrors, walletErrors } from "../errors.js";
import type { Random } from "../random.js";
import { drawAddress, networkOf } from "../walletNetworks.js";
import type {
  DepositInput,
  SimDeposit,
  SimTransfer,
  SimWithdrawal,
  TransferInput,
  WithdrawInput,
} from "../walletTypes.js";
import type { Accounts } from "./accounts.js";
import { Big, fmt, negate, ZERO } from "./decimals.js";
import { FEE_ACCOUNT } from "./matching.js";

/** MEXC's status numbers for a credited deposit and a done withdrawal (protocol's DEPOSIT_STATUSES, WITHDRAW_STATUSES). */
const DEPOSIT_SUCCESS = 5;
const WITHDRAW_SUCCESS = 7;
/** protocol's TRANSFER_STATUSES. */
const TRANSFER_SUCCESS = "SUCCESS";
/** Extra confirmations a credited deposit shows beyond the ones it needed: [0, this] (ours). */
const EXTRA_CONFIRMATIONS = 12;
/** A withdrawal is done this long after it was applied for: [min, max] minutes (ours). */
const WITHDRAW_MINUTES = [2, 30] as const;
const ASSET_NAME = /^[A-Z0-9]{1,20}$/;
/** A chain transaction hash: 64 hex. */
const HASH_LENGTH = 64;
/** Withdrawal ids and transfer ids: 32 hex (the docs' and ccxt's captures). */
const ID_LENGTH = 32;

export interface Wallet {
  deposit(account: string, input: DepositInput, random?: Random): SimDeposit;
  withdraw(account: string, input: WithdrawInput, random?: Random): SimWithdrawal;
  transfer(account: string, input: TransferInput, random?: Random): SimTransfer;
  /** Oldest first. */
  deposits(account: string): readonly SimDeposit[];
  withdrawals(account: string): readonly SimWithdrawal[];
  transfers(account: string): readonly SimTransfer[];
  /** Adds a record to the withdrawal history (a transfer to another MEXC user, walletExtras.ts). */
  recordWithdrawal(record: SimWithdrawal): void;
}

interface AccountWallet {
  readonly deposits: SimDeposit[];
  readonly withdrawals: SimWithdrawal[];
  readonly transfers: SimTransfer[];
  /** Deposit address (and memo) per network. */
  readonly addresses: Map<string, { address: string; memo: string }>;
}

export function createWallet(deps: { accounts: Accounts; clock: SimClock; random: Random }): Wallet {
  const { accounts, clock } = deps;
  const wallets = new Map<string, AccountWallet>();

  const walletOf = (account: string): AccountWallet => {
    if (!accounts.has(account)) throw engineErrors.userDoesNotExist();
    let found = wallets.get(account);
    if (!found) {
      found = { deposits: [], withdrawals: [], transfers: [], addresses: new Map() };
      wallets.set(account, found);
    }
    return found;
  };

  return {
    deposit: (account, input, random = deps.random) => {
      const asset = assetName(input.asset);
      const amount = positive("amount", input.amount);
      const wallet = walletOf(account);
      const { network: defaultNetwork, confirmations, creditMinutes } = networkOf(asset);
      const network = input.network ?? defaultNetwork;
      let address = wallet.addresses.get(network);
      if (!address) {
        address = drawAddress(network, random);
        wallet.addresses.set(network, address);
      }
      const time = input.time ?? clock.now();
      accounts.credit(account, asset, amount, "DEPOSIT", time);
      const hash = random.hex(HASH_LENGTH);
      const record: SimDeposit = {
        account,
        asset,
        amount: fmt(amount),
        network,
        status: DEPOSIT_SUCCESS,
        address: address.address,
        memo: address.memo,
        transHash: hash,
        txId: `${hash}:0`,
        unlockConfirm: confirmations,
        confirmTimes: confirmations + random.int(0, EXTRA_CONFIRMATIONS),
        insertTime: time - random.int(MINUTE_MS / 2, 2 * creditMinutes * MINUTE_MS),
        updateTime: time,
      };
      insertByTime(wallet.deposits, record, (entry) => entry.updateTime);
      return record;
    },

    withdraw: (account, input, random = deps.random) => {
      const asset = assetName(input.asset);
      const amount = positive("amount", input.amount);
      const wallet = walletOf(account);
      const defaults = networkOf(asset);
      const fee = input.fee === undefined ? new Big(defaults.withdrawFee) : nonNegativeFee(input.fee);
      if (!amount.gt(fee)) throw walletErrors.amountNotAboveFee(fmt(amount), fmt(fee), asset);
      if (accounts.free(account, asset).lt(amount)) throw walletErrors.insufficientBalance();
      const network = input.network ?? defaults.network;
      const drawn = drawAddress(network, random);
      const time = input.time ?? clock.now();
      accounts.credit(account, asset, negate(amount.minus(fee)), "WITHDRAW", time);
      if (fee.gt(0)) {
        accounts.change(account, asset, negate(fee), ZERO, "WITHDRAW_FEE", time);
        accounts.create(FEE_ACCOUNT, { keepHistory: false });
        accounts.change(FEE_ACCOUNT, asset, fee, ZERO, "WITHDRAW_FEE", time);
      }
      const hash = random.hex(HASH_LENGTH);
      const [min, max] = WITHDRAW_MINUTES;
      const record: SimWithdrawal = {
        account,
        id: random.hex(ID_LENGTH),
        asset,
        amount: fmt(amount),
        fee: fmt(fee),
        network,
        address: input.address ?? drawn.address,
        memo: input.address === undefined ? drawn.memo : "",
        status: WITHDRAW_SUCCESS,
        transHash: hash,
        txId: `${hash}:0`,
        applyTime: time,
        updateTime: Math.min(clock.now(), time + random.int(min * MINUTE_MS, max * MINUTE_MS)),
        ...(input.withdrawOrderId !== undefined ? { withdrawOrderId: input.withdrawOrderId } : {}),
      };
      insertByTime(wallet.withdrawals, record, (entry) => entry.applyTime);
      return record;
    },

    transfer: (account, input, random = deps.random) => {
      const asset = assetName(input.asset);
      const amount = positive("amount", input.amount);
      const from = accountType("fromAccountType", input.from);
      const to = accountType("toAccountType", input.to);
      if (from === to) throw walletErrors.sameAccountType(from);
      const wallet = walletOf(account);
      if (from === "SPOT" && accounts.free(account, asset).lt(amount)) throw walletErrors.insufficientBalance();
      const time = input.time ?? clock.now();
      accounts.credit(account, asset, from === "SPOT" ? negate(amount) : amount, "CONTRACT_TRANSFER", time);
      const record: SimTransfer = {
        account,
        tranId: random.hex(ID_LENGTH),
        asset,
        amount: fmt(amount),
        fromAccountType: from,
        toAccountType: to,
        status: TRANSFER_SUCCESS,
        timestamp: time,
      };
      insertByTime(wallet.transfers, record, (entry) => entry.timestamp);
      return record;
    },

    recordWithdrawal: (record) =>
      insertByTime(walletOf(record.account).withdrawals, record, (entry) => entry.applyTime),
    deposits: (account) => wallets.get(account)?.deposits ?? [],
    withdrawals: (account) => wallets.get(account)?.withdrawals ?? [],
    transfers: (account) => wallets.get(account)?.transfers ?? [],
  };
}

function assetName(asset: string): string {
  if (!ASSET_NAME.test(asset)) throw walletErrors.badAsset(asset);
  return asset;
}

function positive(name: string, text: string): Big {
  if (!isUnsignedDecimal(text) || !new Big(text).gt(0)) throw walletErrors.badAmount(name, text);
  return new Big(text);
}

function nonNegativeFee(text: string): Big {
  if (!isUnsignedDecimal(text)) throw walletErrors.badFee(text);
  return new Big(text);
}

function accountType(name: string, value: string): TransferAccountType {
  if (!(TRANSFER_ACCOUNT_TYPES as readonly string[]).includes(value)) throw walletErrors.badAccountType(name, value);
  return value as TransferAccountType;
}

/** Keeps `list` in time order; a record of now goes at the end in one step. */
function insertByTime<T>(list: T[], record: T, timeOf: (entry: T) => number): void {
  let index = list.length;
  while (index > 0 && timeOf(list[index - 1]!) > timeOf(record)) index -= 1;
  list.splice(index, 0, record);
}
