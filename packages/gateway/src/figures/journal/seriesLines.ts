/**
 * The journal's series lines (trips.ts): what a sell disposed of by both methods, a line per fill,
 * written when it is applied and read back after a start. Pure: no IO.
 */
import { FixedCell, type FixedRead } from "@mexc-live/protocol";
import type { TextBytes } from "../engine/textBytes.js";

/**
 * One sell's disposal by both methods: a fill applied (the pairs' own cells, read before their
 * next move), or a series line read back (readLine), the line's fields by name. Amounts are
 * Fixed, shared by both methods' trips.
 */
export interface Disposal {
  readonly symbol: string;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly time: number;
  /** Its oldest unit's purchase (null: before the history). */
  readonly openTime: number | null;
  readonly closed: FixedRead;
  readonly feeValue: FixedRead | null;
  readonly amount: FixedRead;
  readonly amountValue: FixedRead | null;
  readonly avgRealized: FixedRead;
  readonly avgCost: FixedRead;
  readonly avgMoney: FixedRead;
  readonly fifoRealized: FixedRead;
  readonly fifoCost: FixedRead;
  readonly fifoMoney: FixedRead;
  /** The quantity sold out of known purchases and its time held (quantity x ms). */
  readonly heldQuantity: FixedRead;
  readonly heldWeight: FixedRead;
}

/**
 * The record readLine fills again for every line, its cells its own: the trips copy its amounts
 * and keep none of it (half a million lines at a million fills: an object or a bigint a field
 * was a fifth of a start's collector).
 */
export class LineRecord implements Disposal {
  symbol = "";
  orderId = "";
  clientOrderId = "";
  time = 0;
  openTime: number | null = null;
  readonly closed = new FixedCell();
  feeValue: FixedCell | null = null;
  readonly amount = new FixedCell();
  amountValue: FixedCell | null = null;
  readonly avgRealized = new FixedCell();
  readonly avgCost = new FixedCell();
  readonly avgMoney = new FixedCell();
  readonly fifoRealized = new FixedCell();
  readonly fifoCost = new FixedCell();
  readonly fifoMoney = new FixedCell();
  readonly heldQuantity = new FixedCell();
  readonly heldWeight = new FixedCell();
  /** The cells of the fields a line may leave empty (null). */
  readonly fee = new FixedCell();
  readonly valued = new FixedCell();
}

/** A text field of a line: as it is, or JSON when it holds a tab, a line break, a backslash or a quote. */
function textField(text: string): string {
  return NEEDS_QUOTING.test(text) ? JSON.stringify(text) : text;
}

const NEEDS_QUOTING = /[\t\n\r\\"]/;

function textOf(field: string): string {
  return field.charCodeAt(0) === 34 /* " */ ? (JSON.parse(field) as string) : field;
}

const TAB = 9;

/**
 * A series line, written to `out`: tab-separated symbol, orderId, clientOrderId (as they are,
 * JSON when they hold a tab, a line break, a backslash or a quote), time, openTime ("" before the
 * history), closed, feeValue and amountValue ("" when unvalued), amount, then realized, cost and
 * money by average cost and by FIFO, then the quantity sold out of known purchases and its time
 * held (quantity x ms); amounts as their Fixed's integer.
 */
export function writeLine(d: Disposal, out: TextBytes): void {
  out.text(textField(d.symbol));
  out.char(TAB);
  out.text(textField(d.orderId));
  out.char(TAB);
  out.text(textField(d.clientOrderId));
  out.char(TAB);
  out.digits(d.time);
  out.char(TAB);
  if (d.openTime !== null) out.digits(d.openTime);
  field(out, d.closed);
  field(out, d.feeValue);
  field(out, d.amount);
  field(out, d.amountValue);
  field(out, d.avgRealized);
  field(out, d.avgCost);
  field(out, d.avgMoney);
  field(out, d.fifoRealized);
  field(out, d.fifoCost);
  field(out, d.fifoMoney);
  field(out, d.heldQuantity);
  field(out, d.heldWeight);
}

/** A tab, then an amount's integer ("" for none). */
function field(out: TextBytes, cell: FixedRead | null): void {
  out.char(TAB);
  if (cell !== null) out.integer(cell);
}

/** A series line (writeLine) read back into `into`, which it returns. */
export function readLine(line: string, into: LineRecord): LineRecord {
  const f = line.split("\t");
  into.symbol = textOf(f[0] as string);
  into.orderId = textOf(f[1] as string);
  into.clientOrderId = textOf(f[2] as string);
  into.time = Number(f[3]);
  into.openTime = f[4] === "" ? null : Number(f[4]);
  into.closed.setInteger(f[5] as string);
  into.feeValue = f[6] === "" ? null : into.fee.setInteger(f[6] as string);
  into.amount.setInteger(f[7] as string);
  into.amountValue = f[8] === "" ? null : into.valued.setInteger(f[8] as string);
  into.avgRealized.setInteger(f[9] as string);
  into.avgCost.setInteger(f[10] as string);
  into.avgMoney.setInteger(f[11] as string);
  into.fifoRealized.setInteger(f[12] as string);
  into.fifoCost.setInteger(f[13] as string);
  into.fifoMoney.setInteger(f[14] as string);
  into.heldQuantity.setInteger(f[15] as string);
  into.heldWeight.setInteger(f[16] as string);
  return into;
}

/** An order's key, as its lines begin: its symbol and orderId fields (writeLine), a tab between. */
export function orderKey(symbol: string, orderId: string): string {
  return `${textField(symbol)}\t${textField(orderId)}`;
}

/** The key of the order a line is of (orderKey), read without the rest of the line. */
function lineOrderKey(line: string, start: number): string {
  const tab = line.indexOf("\t", line.indexOf("\t", start) + 1);
  return line.slice(start, tab);
}

/** Each line of a series row (lines joined by "\n"): the key of its order, where it starts and ends in the row. */
export function forEachLineKey(row: string, each: (key: string, start: number, end: number) => void): void {
  let start = 0;
  while (start < row.length) {
    let end = row.indexOf("\n", start);
    if (end < 0) end = row.length;
    each(lineOrderKey(row, start), start, end);
    start = end + 1;
  }
}
