/**
 * The journal's series lines (trips.ts): what a sell disposed of by both methods, a line per fill,
 * written when it is applied and read back after a start. Pure: no IO.
 */
import type { Fixed } from "@mexc-live/protocol";

/**
 * One sell's disposal by both methods: a fill applied, or a series line read back (readLine), the
 * line's fields by name. Amounts are their Fixed's integer, shared by both methods' trips.
 */
export interface Disposal {
  symbol: string;
  orderId: string;
  clientOrderId: string;
  time: number;
  /** Its oldest unit's purchase (null: before the history). */
  openTime: number | null;
  closed: Fixed;
  feeValue: Fixed | null;
  amount: Fixed;
  amountValue: Fixed | null;
  avgRealized: Fixed;
  avgCost: Fixed;
  avgMoney: Fixed;
  fifoRealized: Fixed;
  fifoCost: Fixed;
  fifoMoney: Fixed;
  /** The quantity sold out of known purchases and its time held (quantity x ms). */
  heldQuantity: Fixed;
  heldWeight: Fixed;
}

/** A text field of a line: as it is, or JSON when it holds a tab, a line break, a backslash or a quote. */
function textField(text: string): string {
  return NEEDS_QUOTING.test(text) ? JSON.stringify(text) : text;
}

const NEEDS_QUOTING = /[\t\n\r\\"]/;

function textOf(field: string): string {
  return field.charCodeAt(0) === 34 /* " */ ? (JSON.parse(field) as string) : field;
}

/**
 * A series line: tab-separated symbol, orderId, clientOrderId (as they are, JSON when they hold a
 * tab, a line break, a backslash or a quote), time, openTime ("" before the history), closed,
 * feeValue and amountValue ("" when unvalued), amount, then realized, cost and money by average
 * cost and by FIFO, then the quantity sold out of known purchases and its time held (quantity x
 * ms); amounts as their Fixed's integer.
 */
export function lineOf(d: Disposal): string {
  return `${textField(d.symbol)}\t${textField(d.orderId)}\t${textField(d.clientOrderId)}\t${d.time}\t${d.openTime ?? ""}\t${d.closed}\t${d.feeValue ?? ""}\t${d.amount}\t${d.amountValue ?? ""}\t${d.avgRealized}\t${d.avgCost}\t${d.avgMoney}\t${d.fifoRealized}\t${d.fifoCost}\t${d.fifoMoney}\t${d.heldQuantity}\t${d.heldWeight}`;
}

/**
 * A series line (lineOf) read back into `into`, which it returns: one record filled again for
 * every line, the trips keeping its amounts (bigints) and none of it (half a million lines at a
 * million fills: an object a line was a fifth of a start's collector).
 */
export function readLine(line: string, into: Disposal): Disposal {
  const f = line.split("\t");
  into.symbol = textOf(f[0] as string);
  into.orderId = textOf(f[1] as string);
  into.clientOrderId = textOf(f[2] as string);
  into.time = Number(f[3]);
  into.openTime = f[4] === "" ? null : Number(f[4]);
  into.closed = BigInt(f[5] as string);
  into.feeValue = f[6] === "" ? null : BigInt(f[6] as string);
  into.amount = BigInt(f[7] as string);
  // A field equal to one read before is that one's bigint (a quote amount valued in itself, the
  // money of a sale by either method, every unit sold of a known purchase): a third fewer made.
  into.amountValue = f[8] === "" ? null : f[8] === f[7] ? into.amount : BigInt(f[8] as string);
  into.avgRealized = BigInt(f[9] as string);
  into.avgCost = BigInt(f[10] as string);
  into.avgMoney = BigInt(f[11] as string);
  into.fifoRealized = BigInt(f[12] as string);
  into.fifoCost = f[13] === f[10] ? into.avgCost : BigInt(f[13] as string);
  into.fifoMoney = f[14] === f[11] ? into.avgMoney : BigInt(f[14] as string);
  into.heldQuantity = f[15] === f[5] ? into.closed : BigInt(f[15] as string);
  into.heldWeight = BigInt(f[16] as string);
  return into;
}

/** An order's key, as its lines begin: its symbol and orderId fields (lineOf), a tab between. */
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
