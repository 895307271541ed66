/**
 * A round trip as a line of text (the journal's checkpoint, store/journalCheckpoint.ts), and a trip
 * read back from one. A million fills make half a million trips: made into objects with their
 * seven big integers at a start, they took longer than the 1 s a first read after a start is
 * allowed (measured: 1.8 s through v8.deserialize, 2.3 s from one SQLite row per trip). A trip
 * read back reads at once only when it closed (what a range and the order of a page look for);
 * the rest of its line is cut into its fields the first time anything else is asked of it, and
 * each field is made a number when first asked for (a year's summary reads three of them).
 *
 * A line is thirteen fields joined by tabs: closeTime, realized, value, clientOrderId, symbol,
 * orderId, openTime, quantity, cost, proceeds, fees, amount, amountValue. The amounts are the
 * integers of their Fixed (protocol's scale), empty when null (openTime, fees, amountValue,
 * value when unvalued); the text fields are JSON strings, which hold no raw tab or newline; a
 * chunk of lines is joined by "\n". `value` is the trip's value as tripValue works it out.
 */
import type { Fixed } from "@mexc-live/protocol";
import { tripValue } from "./journalAnswers.js";
import type { Trip } from "./roundTrips.js";

enum Field {
  CloseTime,
  Realized,
  Value,
  ClientOrderId,
  Symbol,
  OrderId,
  OpenTime,
  Quantity,
  Cost,
  Proceeds,
  Fees,
  Amount,
  AmountValue,
}

const FIELDS = 13;

const amountText = (value: Fixed | null | undefined) => (value === null || value === undefined ? "" : String(value));

/** The trip as a line; a trip read back and unchanged since gives its line again. */
export function tripLine(trip: Trip): string {
  if (trip instanceof StoredTrip) {
    const line = trip.unchangedLine();
    if (line !== undefined) return line;
  }
  const fields: string[] = [];
  fields[Field.CloseTime] = String(trip.closeTime);
  fields[Field.Realized] = String(trip.realized);
  fields[Field.Value] = amountText(tripValue(trip));
  fields[Field.ClientOrderId] = JSON.stringify(trip.clientOrderId);
  fields[Field.Symbol] = JSON.stringify(trip.symbol);
  fields[Field.OrderId] = JSON.stringify(trip.orderId);
  fields[Field.OpenTime] = trip.openTime === null ? "" : String(trip.openTime);
  fields[Field.Quantity] = String(trip.quantity);
  fields[Field.Cost] = String(trip.cost);
  fields[Field.Proceeds] = String(trip.proceeds);
  fields[Field.Fees] = amountText(trip.fees);
  fields[Field.Amount] = String(trip.amount);
  fields[Field.AmountValue] = amountText(trip.amountValue);
  return fields.join("\t");
}

/** The trips of a chunk's text (lines joined by "\n"), each read back lazily. */
export function tripsOfChunk(text: string): StoredTrip[] {
  if (text === "") return [];
  const trips: StoredTrip[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf("\n", start);
    trips.push(new StoredTrip(end === -1 ? text.slice(start) : text.slice(start, end)));
    if (end === -1) return trips;
    start = end + 1;
  }
}

const text = (field: string) => (field.includes("\\") ? (JSON.parse(field) as string) : field.slice(1, -1));
const amount = (field: string): Fixed => BigInt(field);
const optionalAmount = (field: string): Fixed | null => (field === "" ? null : BigInt(field));

/** A field not yet read from the line. */
const UNREAD = Symbol("unread");
type Lazy<T> = T | typeof UNREAD;

/** A trip read back from its line: when it closed at once, every other field when first asked for. */
export class StoredTrip implements Trip {
  private closedAt: number;
  /** The line while nothing of the trip changed (then undefined: the fields hold it). */
  private line: string | undefined;
  private parts: string[] | undefined;
  private _symbol: Lazy<string> = UNREAD;
  private _orderId: Lazy<string> = UNREAD;
  private _clientOrderId: Lazy<string> = UNREAD;
  private _openTime: Lazy<number | null> = UNREAD;
  private _quantity: Lazy<Fixed> = UNREAD;
  private _cost: Lazy<Fixed> = UNREAD;
  private _proceeds: Lazy<Fixed> = UNREAD;
  private _realized: Lazy<Fixed> = UNREAD;
  private _fees: Lazy<Fixed | null> = UNREAD;
  private _amount: Lazy<Fixed> = UNREAD;
  private _amountValue: Lazy<Fixed | null> = UNREAD;
  private _value: Lazy<Fixed | null | undefined> = UNREAD;

  constructor(line: string) {
    this.closedAt = Number(line.slice(0, line.indexOf("\t")));
    this.line = line;
  }

  /** The line it was read from, while nothing of it changed. */
  unchangedLine(): string | undefined {
    return this.line;
  }

  private part(field: Field): string {
    if (this.parts === undefined && field <= Field.ClientOrderId) {
      // What a summary reads (realized, value, clientOrderId) leads the line: found without cutting all of it.
      const line = this.line as string;
      let start = 0;
      for (let at = 0; at < field; at++) start = line.indexOf("\t", start) + 1;
      const end = line.indexOf("\t", start);
      if (start > 0 && end !== -1) return line.slice(start, end);
    }
    if (this.parts === undefined) {
      const parts = (this.line as string).split("\t");
      if (parts.length !== FIELDS)
        throw new Error(`a journal checkpoint line has ${parts.length} fields, not ${FIELDS}`);
      this.parts = parts;
    }
    return this.parts[field] as string;
  }

  /** Every field read, before one changes: then the line no longer stands for the trip. */
  private changing(): void {
    if (this.line === undefined) return;
    for (const key of [
      "symbol",
      "orderId",
      "clientOrderId",
      "openTime",
      "quantity",
      "cost",
      "proceeds",
      "realized",
      "fees",
      "amount",
      "amountValue",
      "value",
    ] as const)
      void this[key];
    this.line = undefined;
    this.parts = undefined;
  }

  get closeTime(): number {
    return this.closedAt;
  }
  set closeTime(value: number) {
    if (value === this.closedAt) return;
    this.changing();
    this.closedAt = value;
  }
  get symbol(): string {
    if (this._symbol === UNREAD) this._symbol = text(this.part(Field.Symbol));
    return this._symbol;
  }
  get orderId(): string {
    if (this._orderId === UNREAD) this._orderId = text(this.part(Field.OrderId));
    return this._orderId;
  }
  get clientOrderId(): string {
    if (this._clientOrderId === UNREAD) this._clientOrderId = text(this.part(Field.ClientOrderId));
    return this._clientOrderId;
  }
  set clientOrderId(value: string) {
    this.changing();
    this._clientOrderId = value;
  }
  get openTime(): number | null {
    if (this._openTime === UNREAD) {
      const part = this.part(Field.OpenTime);
      this._openTime = part === "" ? null : Number(part);
    }
    return this._openTime;
  }
  set openTime(value: number | null) {
    this.changing();
    this._openTime = value;
  }
  get quantity(): Fixed {
    if (this._quantity === UNREAD) this._quantity = amount(this.part(Field.Quantity));
    return this._quantity;
  }
  set quantity(value: Fixed) {
    this.changing();
    this._quantity = value;
  }
  get cost(): Fixed {
    if (this._cost === UNREAD) this._cost = amount(this.part(Field.Cost));
    return this._cost;
  }
  set cost(value: Fixed) {
    this.changing();
    this._cost = value;
  }
  get proceeds(): Fixed {
    if (this._proceeds === UNREAD) this._proceeds = amount(this.part(Field.Proceeds));
    return this._proceeds;
  }
  set proceeds(value: Fixed) {
    this.changing();
    this._proceeds = value;
  }
  get realized(): Fixed {
    if (this._realized === UNREAD) this._realized = amount(this.part(Field.Realized));
    return this._realized;
  }
  set realized(value: Fixed) {
    this.changing();
    this._realized = value;
  }
  get fees(): Fixed | null {
    if (this._fees === UNREAD) this._fees = optionalAmount(this.part(Field.Fees));
    return this._fees;
  }
  set fees(value: Fixed | null) {
    this.changing();
    this._fees = value;
  }
  get amount(): Fixed {
    if (this._amount === UNREAD) this._amount = amount(this.part(Field.Amount));
    return this._amount;
  }
  set amount(value: Fixed) {
    this.changing();
    this._amount = value;
  }
  get amountValue(): Fixed | null {
    if (this._amountValue === UNREAD) this._amountValue = optionalAmount(this.part(Field.AmountValue));
    return this._amountValue;
  }
  set amountValue(value: Fixed | null) {
    this.changing();
    this._amountValue = value;
  }
  /** The value written with the line (tripValue's), until the trip changes (roundTrips.ts then clears it). */
  get value(): Fixed | null | undefined {
    if (this._value === UNREAD) this._value = optionalAmount(this.part(Field.Value));
    return this._value;
  }
  set value(value: Fixed | null | undefined) {
    this.changing();
    this._value = value;
  }
}
