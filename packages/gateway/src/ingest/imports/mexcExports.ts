/**
 * The files MEXC's website exports, read into fills and transfers. The formats, as BittyTax's
 * parser (BittyTax/BittyTax src/bittytax/conv/parsers/mexc.py, maintained against real user files
 * 2024-08 to 2026-01) matches them, each with or without a leading UID column:
 *
 *   spot trades   UID,Pairs,Time,Side,Filled Price,Executed Amount,Total,Fee,Role
 *                 Side Buy/Sell, Role Maker/Taker, Fee "0.01229430USDT" (amount and asset in one cell); the 2024
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
 *
 * What a row may hold is bounded (by protocol's valueBounds.ts, the one home of the bounds every
 * value from MEXC is held to, the stream's and REST's too), so a hostile or broken file costs little to refuse: an amount
 * has at most MAX_DECIMAL_DIGITS digits (MEXC's exchangeInfo gives each market's precision as a
 * handful of decimals, baseAssetPrecision / quotePrecision; 40 digits hold any real amount), a
 * cell at most MAX_CELL_CHARS characters, and a time is a real date between EARLIEST_TIME_MS and a
 * day from now (`2026-13-45` and `0001-01-01` are refused with their line, not read as something
 * else or left to fail later). Reading stops at MAX_PROBLEMS bad rows (importHistory.ts).
 */

import { createHash } from "node:crypto";
import type { ImportFormat } from "@mexc-live/contract";
import {
  assetProblem,
  Decimal,
  EARLIEST_TIME_MS,
  exact,
  FUTURE_SLACK_MS,
  isUnsignedDecimal,
  MAX_CELL_CHARS,
  MAX_DECIMAL_DIGITS,
  MINUTE_MS,
  normalize,
  splitPair,
  symbolProblem,
} from "@mexc-live/protocol";
import type { WalletTransfer } from "@mexc-live/protocol/wallet";
import { ImportError, type ImportProblem, RowError } from "../../errors.js";
import type { FillInput, RememberedPair } from "../../store/index.js";
import { type CsvLine, csvRows } from "./csvText.js";
import { MAX_HEADER_CHARS } from "./limits.js";

/** The kinds of file MEXC exports that an import reads (contract ImportFormat: what POST /api/import answers). */
type ExportFormat = ImportFormat;

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
  /** Now, for refusing times in the future (tests pin it). */
  readonly now?: () => number;
}

/** Bad rows reported, at most: reading stops at the next one (a file of garbage is refused at once). */
export const MAX_PROBLEMS = 100;

/**
 * One row read: a fill of the trade export (with its pair's two assets when the export names them,
 * "AZC_USDT": the store remembers them, store/pairSplits.ts), a transfer of the others.
 */
export type ExportRow =
  | { readonly fill: FillInput; readonly pair?: RememberedPair }
  | { readonly transfer: WalletTransfer };

/** A file's header read: its format, and how to read each of its rows. */
export interface ExportReader {
  readonly format: ExportFormat;
  /** Throws RowError with a message naming the column. */
  row(line: CsvLine): ExportRow;
}

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
  trades: ["pair", "time", "side", "price", "quantity", "total", "fee", "role"],
  deposits: ["status", "time", "asset", "amount"],
  withdrawals: ["status", "time", "asset", "amount", "fee"],
};

/**
 * The whole file at once (a small file, a test): every row read, or ImportError with the bad rows
 * (at most MAX_PROBLEMS, then it stops reading). Imports read it in slices (importHistory.ts).
 */
export function parseMexcExport(text: string, options: ParseOptions = {}): ParsedExport {
  const rows = csvRows(text);
  const header = rows.next();
  if (header.done === true) throw new ImportError("the file is empty", []);
  const reader = readExportHeader(header.value, options);
  const problems = new ProblemList();
  const fills: FillInput[] = [];
  const transfers: WalletTransfer[] = [];
  let count = 0;
  for (const line of rows) {
    count++;
    const read = readRow(reader, line, problems);
    if (read === undefined) {
      if (problems.full) break;
      continue;
    }
    if ("fill" in read) fills.push(read.fill);
    else transfers.push(read.transfer);
  }
  problems.throwIfAny(count);
  if (count === 0) throw new ImportError("the file has a header but no rows", []);
  return { format: reader.format, fills, transfers, rows: count };
}

/** The row read, or undefined when it cannot be (noted in `problems`). */
export function readRow(reader: ExportReader, line: CsvLine, problems: ProblemList): ExportRow | undefined {
  try {
    return reader.row(line);
  } catch (error) {
    if (!(error instanceof RowError)) throw error;
    problems.add({ line: line.line, message: error.message });
    return undefined;
  }
}

/** The bad rows of a file, up to MAX_PROBLEMS; `full` once reading should stop. */
export class ProblemList {
  readonly items: ImportProblem[] = [];

  get full(): boolean {
    return this.items.length >= MAX_PROBLEMS;
  }

  add(problem: ImportProblem): void {
    if (!this.full) this.items.push(problem);
  }

  /** ImportError when there is a bad row: how many of the `rows` read, and where reading stopped. */
  throwIfAny(rows: number): void {
    if (this.items.length === 0) return;
    const last = this.items.at(-1)!.line;
    const message = this.full
      ? `${MAX_PROBLEMS} rows cannot be read; reading stopped there (line ${last}), nothing was imported`
      : `${this.items.length} of ${rows} rows cannot be read; nothing was imported`;
    throw new ImportError(message, this.items);
  }
}

/** Reads the header line: which export this is, and where each column is. Throws ImportError. */
export function readExportHeader(header: CsvLine, options: ParseOptions = {}): ExportReader {
  const { format, columns, offsetMinutes } = readHeader(header, options.utcOffsetMinutes ?? 0);
  const now = options.now ?? Date.now;
  return {
    format,
    row(line) {
      if (line.overflow === true) throw new RowError(`more than ${line.cells.length} columns`);
      const cell = (column: Column) => {
        const text = line.cells[columns.get(column) ?? -1] ?? "";
        if (text.length > MAX_CELL_CHARS) {
          throw new RowError(`${COLUMN_NAMES[column]}: longer than ${MAX_CELL_CHARS} characters`);
        }
        return text.trim();
      };
      const time = parseTime(cell("time"), offsetMinutes, now());
      if (format === "trades") return tradeRow(cell, time, options);
      return { transfer: format === "deposits" ? depositRow(cell, time) : withdrawalRow(cell, time) };
    },
  };
}

function readHeader(header: CsvLine, defaultOffset: number) {
  const chars = header.cells.reduce((sum, cell) => sum + cell.length + 1, -1);
  if (chars > MAX_HEADER_CHARS) {
    throw new ImportError(
      `line 1: the header is ${chars} characters long, more than the ${MAX_HEADER_CHARS} of any MEXC export`,
      [{ line: 1, message: `header: ${header.cells.slice(0, 12).join(",").slice(0, 200)}` }],
    );
  }
  const columns = new Map<Column, number>();
  let offsetMinutes = defaultOffset;
  header.cells.forEach((raw, index) => {
    const zoned = zonedHeader(raw.trim());
    const name = (zoned ? zoned.name : raw).trim().toLowerCase();
    if (zoned && HEADER_NAMES[name] === "time") offsetMinutes = zoned.offsetMinutes;
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

/** A header cell's zone suffix, "(UTC+08:00)", at its end. */
const ZONE_SUFFIX = /^\(UTC([+-])(\d{2}):(\d{2})\)$/i;
const ZONE_SUFFIX_CHARS = "(UTC+08:00)".length;

/**
 * "Time(UTC+08:00)" read as the name "Time" and +480 minutes; undefined without a zone. Only the
 * last ZONE_SUFFIX_CHARS characters are matched, so the work is linear in the cell (a regex
 * `^(.*?)\s*\(UTC…\)$` over the whole cell rescans its blanks: 7.7 s for an 88 KB header).
 */
function zonedHeader(cell: string): { name: string; offsetMinutes: number } | undefined {
  const zone = ZONE_SUFFIX.exec(cell.slice(-ZONE_SUFFIX_CHARS));
  if (zone === null || cell.length < ZONE_SUFFIX_CHARS) return undefined;
  const minutes = Number(zone[2]) * 60 + Number(zone[3]);
  return { name: cell.slice(0, -ZONE_SUFFIX_CHARS), offsetMinutes: zone[1] === "-" ? -minutes : minutes };
}

/** Each column's name in a message (the English export's). */
const COLUMN_NAMES: Record<Column, string> = {
  pair: "Pairs",
  time: "Time",
  side: "Side",
  price: "Filled Price",
  quantity: "Executed Amount",
  total: "Total",
  fee: "Fee",
  role: "Role",
  status: "Status",
  asset: "Crypto",
  network: "Network",
  amount: "Amount",
  txId: "TxID",
  address: "Withdrawal Address",
  settlement: "Settlement Amount",
};

function tradeRow(
  cell: (column: Column) => string,
  time: number,
  options: ParseOptions,
): { fill: FillInput; pair?: RememberedPair } {
  const pair = cell("pair").toUpperCase();
  const market = pairOf(pair, options);
  if (market === undefined) throw new RowError(`Pairs: "${excerpt(pair)}" is not a pair such as BTC_USDT`);
  const side = cell("side").toUpperCase();
  if (side !== "BUY" && side !== "SELL") throw new RowError(`Side: "${excerpt(cell("side"))}" is neither Buy nor Sell`);
  const price = decimal(cell("price"), "Filled Price");
  const quantity = decimal(cell("quantity"), "Executed Amount");
  const amount = decimal(cell("total"), "Total");
  const feeCell = cell("fee").toUpperCase();
  const withAsset = /^(\d+(?:\.\d+)?)([A-Z][A-Z0-9]{0,19})$/.exec(feeCell);
  const fee = decimal(withAsset ? withAsset[1]! : feeCell, "Fee");
  const feeCurrency = withAsset ? withAsset[2]! : market.quote;
  const symbol = `${market.base}${market.quote}`;
  const digest = createHash("sha256")
    .update([symbol, time, side, price, quantity, amount, fee, feeCurrency].join("|"))
    .digest("hex")
    .slice(0, 24);
  const fill: FillInput = {
    symbol,
    tradeId: `import:${digest}`,
    orderId: "",
    side,
    price,
    quantity,
    amount,
    fee,
    feeCurrency,
    isMaker: isMakerRole(cell("role")),
    timestamp: time,
    source: "import",
  };
  if (!market.named) return { fill };
  return { fill, pair: { symbol, base: market.base, quote: market.quote, source: "export" } };
}

/**
 * The Role cell as MEXC's export writes it, `Maker` or `Taker` (every layout, the German one too:
 * docs/imports.md and its examples), in any case. Anything else is refused with its row, as a bad
 * Side is: `Garbage`, an empty cell or bytes that are not UTF-8 used to become a taker fill.
 */
function isMakerRole(role: string): boolean {
  const spelled = role.toLowerCase();
  if (spelled === "maker") return true;
  if (spelled === "taker") return false;
  throw new RowError(`Role: "${excerpt(role)}" is neither Maker nor Taker`);
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

/** The pair's two assets: as the export names them (BTC_USDT), else as listed, else by its known quote (protocol splitPair). */
function pairOf(pair: string, options: ParseOptions): { base: string; quote: string; named: boolean } | undefined {
  const split = splitPair(pair);
  if (split?.by === "named") return { base: split.base, quote: split.quote, named: true };
  if (pair.includes("_") || symbolProblem(pair) !== undefined) return undefined;
  const listed = options.marketOf?.(pair);
  if (listed) return { ...listed, named: false };
  return split && { base: split.base, quote: split.quote, named: false };
}

function assetOf(value: string): string {
  const asset = value.toUpperCase();
  if (assetProblem(asset) !== undefined) throw new RowError(`Crypto: "${excerpt(value)}" is not an asset such as USDT`);
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
  if (!isUnsignedDecimal(plain)) throw new RowError(`${column}: "${excerpt(value)}" is not a number`);
  if (plain.replace(".", "").length > MAX_DECIMAL_DIGITS) {
    throw new RowError(`${column}: more than ${MAX_DECIMAL_DIGITS} digits (MEXC's amounts have far fewer)`);
  }
  return normalize(plain);
}

/** A cell as a message quotes it: at most 40 characters. */
function excerpt(value: string): string {
  return value.length <= 40 ? value : `${value.slice(0, 39)}…`;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** "YYYY-MM-DD HH:MM[:SS]" in the file's zone, as a real moment between EARLIEST_TIME_MS and a day from `now`. */
function parseTime(value: string, offsetMinutes: number, now: number): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) throw new RowError(`Time: "${excerpt(value)}" is not a time such as 2025-12-18 22:13:41`);
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((at) => Number(match[at] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > days || hour > 23 || minute > 59 || second > 59) {
    throw new RowError(`Time: "${value}" is not a date and time that exists`);
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * MINUTE_MS;
  if (ms < EARLIEST_TIME_MS) throw new RowError(`Time: "${value}" is before 2010, older than any MEXC history`);
  if (ms > now + FUTURE_SLACK_MS) throw new RowError(`Time: "${value}" is in the future`);
  return ms;
}
