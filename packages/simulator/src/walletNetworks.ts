/**
 * Each asset's default chain for deposits and withdrawals, with its withdrawal fee and
 * confirmations, and what addresses on each chain look like. MEXC lists several networks per coin
 * with fees that change with the chain's costs (GET /api/v3/capital/config/getall); the simulator
 * gives each asset one. The numbers are ours (plausible, of the order MEXC charged in 2025), except
 * where a source is named. Network names follow MEXC's newer display names ("Ethereum(ERC20)" in
 * the withdraw history, ccxt PR #26667; "Bitcoin(BTC)", "Solana(SOL)" in the web's deposit export).
 */
import type { Random } from "./random.js";

export interface AssetNetwork {
  readonly network: string;
  /**
   * MEXC's short code of the chain, the withdraw history's `netWork` ("TRX" beside "Tron(TRC20)":
   * JKorf/Mexc.Net 8915b00's withdraw-address example, ccxt's fetch_withdrawals comment).
   */
  readonly code: string;
  /**
   * The chain's block explorer page of a transaction: the withdraw history's `explorerUrl` (2026,
   * JKorf/Mexc.Net da7270a). Which explorer MEXC links per chain is not published [UNCONFIRMED]:
   * these are the chains' best-known ones.
   */
  readonly explorer: (transHash: string) => string;
  /** Withdrawal fee in the asset (a decimal string), included in the withdrawal's amount. */
  readonly withdrawFee: string;
  /** Confirmations before a deposit is credited (`unlockConfirm`). */
  readonly confirmations: number;
  /** Typical minutes from a deposit being seen to being credited (insertTime -> updateTime). */
  readonly creditMinutes: number;
}

const ERC20: Omit<AssetNetwork, "withdrawFee"> = {
  network: "Ethereum(ERC20)",
  code: "ETH",
  explorer: (tx) => `https://etherscan.io/tx/0x${tx}`,
  confirmations: 64,
  creditMinutes: 14,
};

const ASSET_NETWORKS: Readonly<Record<string, AssetNetwork>> = {
  // USDT on Tron: fee 1 USDT and 200 confirmations as in ccxt's captured answers (PR #15177's
  // withdrawal of USDT-TRX, fetch_deposits' USDC-TRX deposit with unlockConfirm "200").
  USDT: {
    network: "Tron(TRC20)",
    code: "TRX",
    explorer: (tx) => `https://tronscan.org/#/transaction/${tx}`,
    withdrawFee: "1",
    confirmations: 200,
    creditMinutes: 10,
  },
  BTC: {
    network: "Bitcoin(BTC)",
    code: "BTC",
    explorer: (tx) => `https://mempool.space/tx/${tx}`,
    withdrawFee: "0.0003",
    confirmations: 2,
    creditMinutes: 25,
  },
  ETH: { ...ERC20, withdrawFee: "0.0012" },
  SOL: {
    network: "Solana(SOL)",
    code: "SOL",
    explorer: (tx) => `https://solscan.io/tx/${tx}`,
    withdrawFee: "0.008",
    confirmations: 120,
    creditMinutes: 2,
  },
  MX: { ...ERC20, withdrawFee: "6" },
  XRP: {
    network: "Ripple(XRP)",
    code: "XRP",
    explorer: (tx) => `https://xrpscan.com/tx/${tx}`,
    withdrawFee: "0.25",
    confirmations: 1,
    creditMinutes: 1,
  },
  DOGE: {
    network: "Dogecoin(DOGE)",
    code: "DOGE",
    explorer: (tx) => `https://dogechain.info/tx/${tx}`,
    withdrawFee: "4",
    confirmations: 40,
    creditMinutes: 45,
  },
  PEPE: { ...ERC20, withdrawFee: "1200000" },
};
/** Any other asset: an ERC20 token. */
const DEFAULT_NETWORK: AssetNetwork = { ...ERC20, withdrawFee: "20" };

export function networkOf(asset: string): AssetNetwork {
  return ASSET_NETWORKS[asset] ?? DEFAULT_NETWORK;
}

/** The network MEXC names `network` ("Tron(TRC20)"); an ERC20 token's for one it does not list. */
export function networkNamed(network: string): Omit<AssetNetwork, "withdrawFee"> {
  return Object.values(ASSET_NETWORKS).find((entry) => entry.network === network) ?? ERC20;
}

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const HEX = "0123456789abcdef";

/** Address shapes per network: prefix, alphabet, length after the prefix; memo: a destination tag. */
const ADDRESS_SHAPES: Readonly<Record<string, { prefix: string; alphabet: string; length: number; memo?: true }>> = {
  "Tron(TRC20)": { prefix: "T", alphabet: BASE58, length: 33 },
  "Bitcoin(BTC)": { prefix: "bc1q", alphabet: BECH32, length: 38 },
  "Ethereum(ERC20)": { prefix: "0x", alphabet: HEX, length: 40 },
  "Solana(SOL)": { prefix: "", alphabet: BASE58, length: 44 },
  "Ripple(XRP)": { prefix: "r", alphabet: BASE58, length: 33, memo: true },
  "Dogecoin(DOGE)": { prefix: "D", alphabet: BASE58, length: 33 },
};

/** A seeded address (and memo, "" when the network has none) of the network's shape; EVM-shaped for unknown networks. */
export function drawAddress(network: string, random: Random): { address: string; memo: string } {
  const shape = ADDRESS_SHAPES[network] ?? ADDRESS_SHAPES["Ethereum(ERC20)"]!;
  let address = shape.prefix;
  for (let i = 0; i < shape.length; i++) address += shape.alphabet[random.int(0, shape.alphabet.length - 1)];
  return { address, memo: shape.memo ? String(random.int(100_000_000, 999_999_999)) : "" };
}
