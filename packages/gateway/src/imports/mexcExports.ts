/**
 * The files MEXC's website exports, read into fills and transfers. The formats, as BittyTax's
 * parser (BittyTax/BittyTax src/bittytax/conv/parsers/mexc.py, maintained against real user files
 * 2024-08 to 2026-01) matches them, each with or without a leading UID column:
 *
 *   spot trades   UID,Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role
 *                 Side Buy/Sell, Fee "0.01229430USDT" (amount and asset in one cell); the 2024
 *                 format has BUY/SELL and a bare fee in the quote asset; a German export names the
 *                 columns Paare,Zeit,Seite,Realisierter Preis,Ausgeführter Betrag,Gesamt,Gebühr,Rolle
 *   deposits      UID,Status,Time,Crypto,Network,Deposit Amount,TxID,Progress
 *   withdrawals   UID,Status,Time,Crypto,Network,Request Amount,Withdrawal Address,memo,TxID,
 *                 Trading Fee,Settlement Amount,Withdrawal Descriptions   (Settlement = Request - Fee)
 *
 * Times are "YYYY-MM-DD HH:MM:SS" without a zone, taken as UTC as BittyTax does [UNCONFIRMED:
 * whether the website writes them in the zone the user chose]; a header such as
 * "Time(UTC+08:00)" or the `utcOffsetMinutes` option says otherwise. Pairs are "BTC_USDT" or
 * "BTCUSDT" (split by the listed markets, else by the quote assets BittyTax knows). The spot
 * exports carry no trade or order id: an imported fill's id is a digest of its content.
 * An XLSX export must be saved as CSV first.
 */
import { createHash } from "node:crypto";
import { Decimal, exact, isUnsignedDecimal, normalize, type WalletTransfer } from "@mexc-live/protocol";
import { ImportError, type ImportProblem } from "../errors.js";
import type { FillInput } from "../store/index.js";
import { type CsvLine, readCsv } from "./csvText.js";

export type ExportFormat = "trades" | "deposits" | "withdrawals";

export interface ParsedExport {
  readonly format: ExportFormat;
  readonly fills: readonly FillInput[];
  readonly transfers: readonly WalletTransfer[];
  readonly rows: number;
}

export interface ParseOptions {
  /** The pair's base and quote when the symbol is listed (the price book's markets). */
  readonly marketOf?: (symbol: string) => { readonly base: string; readonly quote: string } | undefined;
  /** The zone the file's times are in, minutes east of UTC (the header's zone wins). */
  readonly utcOffsetMinutes?: number;
}

/** Quote assets to split "BTCUSDT" by when the pair is not listed (BittyTax's list), longest first. */
const QUOTES = ["USDT", "USDC", "USDE", "USD1", "USDF", "BTC", "ETH", "EUR", "BRL"];

type Column =
  | "pair"
  | "time"
  | "side"
  | "price"
  | "quantity"
  | "total"
  | "fee"
  | "role"
  | "status"
  | "asset"
  | "network"
  | "amount"
  | "txId"
  | "address"
  | "settlement";

/** Header names (lower case) of each column, in English and in the German export. */
const HEADER_NAMES: Record<string, Column> = {
  pairs: "pair",
  paare: "pair",
  time: "time",
  zeit: "time",
  side: "side",
  seite: "side",
  "filled price": "price",
  "realisierter preis": "price",
  "executed amount": "quantity",
  "ausgeführter betrag": "quantity",
  total: "total",
  gesamt: "total",
  fee: "fee",
  gebühr: "fee",
  role: "role",
  rolle: "role",
  status: "status",
  crypto: "asset",
  network: "network",
  "deposit amount": "amount",
  "request amount": "amount",
  txid: "txId",
  "withdrawal address": "address",
  "trading fee": "fee",
  "settlement amount": "settlement",
};

const NEEDS: Record<ExportFormat, readonly Column[]> = {
  trades: ["pair", "time", "side", "price", "quantity", "total", "fee"],
  deposits: ["status", "time", "asset", "amount"],
  withdrawals: ["status", "time", "asset", "amount", "fee"],
};

export function parseMexcExport(text: string, options: ParseOptions = {}): ParsedExport {
  const lines = readCsv(text);
  const header = lines[0];
  if (header === undefined) throw new ImportError("the file is empty", []);
  const { format, columns, offsetMinutes } = readHeader(header, options.utcOffsetMinutes ?? 0);
  const problems: ImportProblem[] = [];
  const fills: FillInput[] = [];
  const transfers: WalletTransfer[] = [];
  for (const row of lines.slice(1)) {
    const cell = (column: Column) => (row.cells[columns.get(column) ?? -1] ?? "").trim();
    try {
      const time = parseTime(cell("time"), offsetMinutes);
      if (format === "trades") fills.push(tradeRow(cell, time, options));
      else transfers.push(format === "deposits" ? depositRow(cell, time) : withdrawalRow(cell, time));
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      problems.push({ line: row.line, message: error.message });
    }
  }
  if (problems.length > 0) {
    throw new ImportError(
      `${problems.length} of ${lines.length - 1} rows cannot be read; nothing was imported`,
      problems,
    );
  }
  if (lines.length === 1) throw new ImportError("the file has a header but no rows", []);
  return { format, fills, transfers, rows: lines.length - 1 };
}

function readHeader(header: CsvLine, defaultOffset: number) {
  const columns = new Map<Column, number>();
  let offsetMinutes = defaultOffset;
  header.cells.forEach((raw, index) => {
    const zoned = /^(.*?)\s*\(UTC([+-])(\d{2}):(\d{2})\)$/i.exec(raw.trim());
    const name = (zoned ? zoned[1]! : raw).trim().toLowerCase();
    if (zoned && HEADER_NAMES[name] === "time") {
      offsetMinutes = (zoned[2] === "-" ? -1 : 1) * (Number(zoned[3]) * 60 + Number(zoned[4]));
    }
    const column = HEADER_NAMES[name];
    if (column !== undefined && !columns.has(column)) columns.set(column, index);
  });
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const format: ExportFormat | undefined = columns.has("pair")
    ? "trades"
    : names.includes("deposit amount")
      ? "deposits"
      : names.includes("request amount")
        ? "withdrawals"
        : undefined;
  if (format === undefined) {
    throw new ImportError(
      "line 1: not a MEXC export this version reads (spot trade history, deposit history or withdrawal history)",
      [{ line: 1, message: `header: ${header.cells.slice(0, 12).join(",").slice(0, 200)}` }],
    );
  }
  const missing = NEEDS[format].filter((column) => !columns.has(column));
  if (missing.length > 0) {
    throw new ImportError(`line 1: the ${format} export lacks columns`, [
      { line: 1, message: `missing: ${missing.join(", ")}` },
    ]);
  }
  return { format, columns, offsetMinutes };
}

class RowError extends Error {}

function tradeRow(cell: (column: Column) => string, time: number, options: ParseOptions): FillInput {
  const pair = cell("pair").toUpperCase();
  const market = splitPair(pair, options);
  if (market === undefined) throw new RowError(`Pairs: "${pair}" is not a pair such as BTC_USDT`);
  const side = cell("side").toUpperCase();
  if (side !== "BUY" && side !== "SELL") throw new RowError(`Side: "${cell("side")}" is neither Buy nor Sell`);
  const price = decimal(cell("price"), "Filled Price");
  const quantity = decimal(cell("quantity"), "Executed Amount");
  const amount = decimal(cell("total"), "Total");
  const feeCell = cell("fee").toUpperCase();
  const withAsset = /^(\d+(?:\.\d+)?)([A-Z][A-Z0-9]*)$/.exec(feeCell);
  const fee = withAsset ? normalize(withAsset[1]!) : decimal(feeCell, "Fee");
  const feeCurrency = withAsset ? withAsset[2]! : market.quote;
  const symbol = `${market.base}${market.quote}`;
  const digest = createHash("sha256")
    .update([symbol, time, side, price, quantity, amount, fee, feeCurrency].join("|"))
    .digest("hex")
    .slice(0, 24);
  return {
    symbol,
    tradeId: `import:${digest}`,
    orderId: "",
    side,
    price,
    quantity,
    amount,
    fee,
    feeCurrency,
    isMaker: /maker/i.test(cell("role")),
    timestamp: time,
    source: "import",
  };
}

function depositRow(cell: (column: Column) => string, time: number): WalletTransfer {
  const asset = assetOf(cell("asset"));
  const amount = decimal(cell("amount"), "Deposit Amount");
  const txId = cell("txId") === "--" ? "" : cell("txId");
  return {
    type: "deposit",
    id: txId !== "" ? txId : `import:${asset}|${time}|${amount}`,
    direction: "in",
    asset,
    amount,
    fee: "0",
    network: cell("network"),
    state: stateOf(cell("status")),
    status: cell("status"),
    txId,
    address: "",
    time,
    updateTime: time,
  };
}

function withdrawalRow(cell: (column: Column) => string, time: number): WalletTransfer {
  const asset = assetOf(cell("asset"));
  const requested = decimal(cell("amount"), "Request Amount");
  const fee = decimal(cell("fee"), "Trading Fee");
  const settled = cell("settlement") === "" ? undefined : decimal(cell("settlement"), "Settlement Amount");
  const txId = cell("txId") === "--" ? "" : cell("txId");
  const amount = settled ?? exact(new Decimal(requested).minus(fee));
  const digest = createHash("sha256").update([asset, time, requested, fee, txId].join("|")).digest("hex").slice(0, 24);
  return {
    type: "withdrawal",
    id: `import:${digest}`,
    direction: "out",
    asset,
    amount,
    fee,
    network: cell("network"),
    state: stateOf(cell("status")),
    status: cell("status"),
    txId,
    address: cell("address"),
    time,
    updateTime: time,
  };
}

function splitPair(pair: string, options: ParseOptions): { base: string; quote: string } | undefined {
  const [base, quote, extra] = pair.split("_");
  if (base && quote && extra === undefined) return /^[A-Z0-9]+$/.test(base + quote) ? { base, quote } : undefined;
  if (!/^[A-Z0-9]{3,30}$/.test(pair)) return undefined;
  const listed = options.marketOf?.(pair);
  if (listed) return listed;
  const known = QUOTES.find((candidate) => pair.endsWith(candidate) && pair.length > candidate.length);
  return known ? { base: pair.slice(0, -known.length), quote: known } : undefined;
}

function assetOf(value: string): string {
  const asset = value.toUpperCase();
  if (!/^[A-Z0-9]{1,20}$/.test(asset)) throw new RowError(`Crypto: "${value}" is not an asset such as USDT`);
  return asset;
}

/** The website's status words ("Credited Successfully", "Withdrawal Successful", "Failed", ...). */
function stateOf(status: string): WalletTransfer["state"] {
  if (/success|completed|credited/i.test(status)) return "completed";
  if (/cancel/i.test(status)) return "canceled";
  if (/fail|reject|invalid/i.test(status)) return "failed";
  return "pending";
}

function decimal(value: string, column: string): string {
  const plain = value.replaceAll(",", "");
  if (!isUnsignedDecimal(plain)) throw new RowError(`${column}: "${value}" is not a number`);
  return normalize(plain);
}

function parseTime(value: string, offsetMinutes: number): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  const ms = match
    ? Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +(match[6] ?? 0)) -
      offsetMinutes * 60_000
    : Number.NaN;
  if (!Number.isFinite(ms)) throw new RowError(`Time: "${value}" is not a time such as 2025-12-18 22:13:41`);
  return ms;
}
