import type { SymbolConfig } from "./types.js";

/**
 * The simulator's default markets, with MEXC-like precisions, minimums and spot fees (maker 0,
 * taker 0.05% on most pairs). `symbolId` is a fixed 32-hex id (MEXC's are opaque).
 */
export const DEFAULT_SYMBOLS: readonly SymbolConfig[] = [
  {
    symbol: "BTCUSDT",
    baseAsset: "BTC",
    quoteAsset: "USDT",
    symbolId: "842a406d249d3c841de9da7c8288e22e",
    pricePrecision: 2,
    quantityPrecision: 6,
    minQuantity: "0.000001",
    minNotional: "1",
    makerFee: "0",
    takerFee: "0.0005",
    initialPrice: "97000",
  },
  {
    symbol: "ETHUSDT",
    baseAsset: "ETH",
    quoteAsset: "USDT",
    symbolId: "a61046069f2427d9aea51742773b4b46",
    pricePrecision: 2,
    quantityPrecision: 5,
    minQuantity: "0.00001",
    minNotional: "1",
    makerFee: "0",
    takerFee: "0.0005",
    initialPrice: "3400",
  },
  {
    symbol: "SOLUSDT",
    baseAsset: "SOL",
    quoteAsset: "USDT",
    symbolId: "eedc89eb3ccfd95ac1f8d05b991b46a3",
    pricePrecision: 2,
    quantityPrecision: 3,
    minQuantity: "0.001",
    minNotional: "1",
    makerFee: "0",
    takerFee: "0.0005",
    initialPrice: "190",
  },
  {
    // MX pays fees at a discount for accounts that enable it (mxFeeDeduction).
    symbol: "MXUSDT",
    baseAsset: "MX",
    quoteAsset: "USDT",
    symbolId: "840156abd5ac24f0fa2ea6779fdd29fe",
    pricePrecision: 4,
    quantityPrecision: 2,
    minQuantity: "0.01",
    minNotional: "1",
    makerFee: "0",
    takerFee: "0.0005",
    initialPrice: "3.2",
  },
  {
    // A non-USDT quote: fee values in MX convert through BTCUSDT. Fees differ from the USDT pairs.
    symbol: "ETHBTC",
    baseAsset: "ETH",
    quoteAsset: "BTC",
    symbolId: "04928b14ab002c77feb71623731a6fa9",
    pricePrecision: 6,
    quantityPrecision: 4,
    minQuantity: "0.0001",
    minNotional: "0.00001",
    makerFee: "0.0002",
    takerFee: "0.0005",
    initialPrice: "0.0351",
  },
  {
    symbol: "XRPUSDT",
    baseAsset: "XRP",
    quoteAsset: "USDT",
    symbolId: "1234cceb95e8e6a4aab778d60866235c",
    pricePrecision: 4,
    quantityPrecision: 2,
    minQuantity: "0.01",
    minNotional: "1",
    makerFee: "0",
    takerFee: "0.0005",
    initialPrice: "2.35",
  },
  {
    symbol: "DOGEUSDT",
    baseAsset: "DOGE",
    quoteAsset: "USDT",
    symbolId: "0f0aad572f3a476b923a5e5e11082a0a",
    pricePrecision: 5,
    quantityPrecision: 2,
    minQuantity: "0.01",
    minNotional: "1",
    makerFee: "0",
    takerFee: "0.0005",
    initialPrice: "0.32",
    // Stands for a pair in MEXC's Assessment Zone (ZCHF/USDT since January 2026): unsigned public
    // reads do not see it (docs/mexc/undocumented.md#fills-and-keys item 11.29, behaviour `assessmentZone`).
    assessmentZone: true,
  },
  {
    // A tiny price with many decimals and whole-number quantities.
    symbol: "PEPEUSDT",
    baseAsset: "PEPE",
    quoteAsset: "USDT",
    symbolId: "5a6f4c6fc185acccf369b4582dbeef9b",
    pricePrecision: 10,
    quantityPrecision: 0,
    minQuantity: "1",
    minNotional: "1",
    makerFee: "0",
    takerFee: "0.0005",
    initialPrice: "0.0000178",
  },
  {
    // MEXC announces pairs whose API trading it disables "for upgrade and maintenance" (seed 000
    // lists FROP/USDT twice). Listed in exchangeInfo and traded by the simulated market; REST
    // rejects API orders on it (code 30020 — the exact code is our choice).
    symbol: "FROPUSDT",
    baseAsset: "FROP",
    quoteAsset: "USDT",
    symbolId: "5dd754232983e4ab998a91e2f45d7491",
    pricePrecision: 5,
    quantityPrecision: 2,
    minQuantity: "0.01",
    minNotional: "1",
    makerFee: "0",
    takerFee: "0.0005",
    initialPrice: "0.0421",
    apiTradingDisabled: true,
  },
];

/** The default symbols, or those named (case-insensitive, in the order given); throws on an unknown name. */
export function selectSymbols(names?: readonly string[]): SymbolConfig[] {
  if (!names || names.length === 0) return [...DEFAULT_SYMBOLS];
  const selected: SymbolConfig[] = [];
  for (const raw of names) {
    const name = raw.trim().toUpperCase();
    if (name === "" || selected.some((s) => s.symbol === name)) continue;
    const config = DEFAULT_SYMBOLS.find((s) => s.symbol === name);
    if (!config) {
      const known = DEFAULT_SYMBOLS.map((s) => s.symbol).join(", ");
      throw new Error(`unknown symbol "${raw}"; the simulator knows ${known}`);
    }
    selected.push(config);
  }
  if (selected.length === 0) throw new Error("no symbol selected");
  return selected;
}

/** Decimals of a wallet amount when none can be told from the symbols. */
const DEFAULT_ASSET_DECIMALS = 8;

/**
 * Decimal places the simulator writes amounts of `asset` with (deposits, withdrawals, transfers
 * it makes up): the quantity precision of a symbol the asset is the base of, else the coarsest
 * price precision of the symbols it quotes (USDT: 2).
 */
export function assetDecimals(asset: string, symbols: Iterable<SymbolConfig>): number {
  let quoted: number | undefined;
  for (const config of symbols) {
    if (config.baseAsset === asset) return config.quantityPrecision;
    if (config.quoteAsset === asset) quoted = Math.min(quoted ?? config.pricePrecision, config.pricePrecision);
  }
  return quoted ?? DEFAULT_ASSET_DECIMALS;
}
