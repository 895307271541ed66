/**
 * What each alert says: its id (unique per event, so raising it twice sends it once), title, a few
 * lines of text, and its fields (what a webhook receiver reads: a fill's tradeId, symbol, side,
 * price, quantity, amount, fee, feeAsset...). Exact decimals as MEXC sent them. Pure.
 */
import type { AlertEvent, AlertNotice, FillItem, OrderItem } from "@mexc-live/contract";
import { HOUR_MS, MINUTE_MS } from "@mexc-live/protocol";
import type { WalletTransfer } from "@mexc-live/protocol/wallet";
import { truncateText } from "./channels/format.js";

type Fields = AlertNotice["fields"];

/**
 * Characters of a name from upstream (symbol, asset, network, fee asset) shown in a title or text,
 * at most: MEXC's longest pair names are about 20 characters ("1000000BABYDOGEUSDT"), so 40 cuts
 * nothing real; a longer one is cut with an ellipsis. The fields keep the whole value.
 */
export const MAX_NAME_CHARS = 40;
/** Characters of a transaction id shown in a text: the longest real ones are ~100 (hex, base58). */
export const MAX_TX_ID_CHARS = 128;

/** Characters of MEXC's own words (an error message) shown in a text: its messages are one short line. */
const MAX_UPSTREAM_MESSAGE_CHARS = 200;

/** `name` as an alert shows it: at most MAX_NAME_CHARS (truncateText's ellipsis). */
const shown = (name: string): string => truncateText(name, MAX_NAME_CHARS);

function notice(event: AlertEvent, id: string, time: number, title: string, text: string, fields: Fields): AlertNotice {
  return { id: `${event}:${id}`, event, time, title, text, fields };
}

/** A fill; `quoteAsset` the pair's quote asset when known. */
export function fillNotice(fill: FillItem, quoteAsset: string | undefined): AlertNotice {
  const quote = shown(quoteAsset ?? "");
  const symbol = shown(fill.symbol);
  const lines = [
    `${fill.side} ${fill.quantity} ${symbol} at ${fill.price}${quote ? ` ${quote}` : ""}`,
    `Amount ${fill.amount}${quote ? ` ${quote}` : ""}, fee ${fill.fee} ${shown(fill.feeCurrency)} (${fill.isMaker ? "maker" : "taker"})`,
  ];
  if (fill.source === "rest") lines.push("Found by reconciliation after a gap in the stream.");
  return notice(
    "fill",
    `${fill.symbol}:${fill.tradeId}`,
    fill.time,
    `Filled: ${fill.side} ${fill.quantity} ${symbol} @ ${fill.price}`,
    lines.join("\n"),
    {
      tradeId: fill.tradeId,
      orderId: fill.orderId,
      symbol: fill.symbol,
      side: fill.side,
      price: fill.price,
      quantity: fill.quantity,
      amount: fill.amount,
      quoteAsset: quoteAsset ?? null,
      fee: fill.fee,
      feeAsset: fill.feeCurrency,
      maker: fill.isMaker,
      source: fill.source,
    },
  );
}

export type OrderAlertEvent = "order_placed" | "order_canceled" | "order_expired";

const ORDER_VERB: Readonly<Record<OrderAlertEvent, string>> = {
  order_placed: "Order placed",
  order_canceled: "Order canceled",
  order_expired: "Order expired",
};

/**
 * Which order alert a change of state is, if any. MEXC's statuses (docs/mexc/enums.md#in-rest) have no
 * EXPIRED: an IOC, FOK or market order the exchange ends unfilled or part-filled is reported
 * CANCELED / PARTIALLY_CANCELED, so for those types that is "expired" (the time in force ran out),
 * and for the others "canceled". A status MEXC may add as EXPIRED (kept raw as UNKNOWN) is too.
 */
export function orderAlertOf(before: OrderItem | undefined, after: OrderItem): OrderAlertEvent | undefined {
  const ended = after.status === "CANCELED" || after.status === "PARTIALLY_CANCELED";
  const expiredRaw = after.status === "UNKNOWN" && String(after.rawValues?.status ?? "").toUpperCase() === "EXPIRED";
  if (ended || expiredRaw) {
    if (before !== undefined && before.status === after.status) return undefined;
    const timeInForce =
      after.type === "IMMEDIATE_OR_CANCEL" || after.type === "FILL_OR_KILL" || after.type === "MARKET";
    return expiredRaw || timeInForce ? "order_expired" : "order_canceled";
  }
  // Placed: first seen resting on the book. An IOC/FOK/market order never rests, so is not "placed".
  if (before === undefined && after.status === "NEW") return "order_placed";
  return undefined;
}

export function orderNotice(event: OrderAlertEvent, order: OrderItem): AlertNotice {
  const price = order.type === "MARKET" ? "market" : order.price;
  const symbol = shown(order.symbol);
  const lines = [`${order.side} ${order.quantity} ${symbol} at ${price} (${order.type})`];
  if (event !== "order_placed") lines.push(`Filled ${order.executedQuantity} of ${order.quantity}`);
  return notice(
    event,
    order.orderId,
    event === "order_placed" ? order.time : order.updateTime,
    `${ORDER_VERB[event]}: ${order.side} ${order.quantity} ${symbol} @ ${price}`,
    lines.join("\n"),
    {
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      type: order.type,
      status: order.status,
      price: order.price,
      quantity: order.quantity,
      executedQuantity: order.executedQuantity,
    },
  );
}

/** A deposit credited or a withdrawal sent (completed); undefined for anything else. */
export function transferNotice(transfer: WalletTransfer): AlertNotice | undefined {
  if (transfer.state !== "completed") return undefined;
  if (transfer.type !== "deposit" && transfer.type !== "withdrawal") return undefined;
  const deposit = transfer.type === "deposit";
  const network = transfer.network === "" ? "" : ` via ${shown(transfer.network)}`;
  const asset = shown(transfer.asset);
  const lines = [`${transfer.amount} ${asset}${network}`];
  if (transfer.fee !== "0" && transfer.fee !== "") lines.push(`Fee ${transfer.fee} ${asset}`);
  if (transfer.txId !== "") lines.push(`Transaction ${truncateText(transfer.txId, MAX_TX_ID_CHARS)}`);
  return notice(
    deposit ? "deposit" : "withdrawal",
    transfer.id,
    transfer.updateTime || transfer.time,
    `${deposit ? "Deposit credited" : "Withdrawal sent"}: ${transfer.amount} ${asset}`,
    lines.join("\n"),
    {
      id: transfer.id,
      asset: transfer.asset,
      amount: transfer.amount,
      fee: transfer.fee,
      network: transfer.network,
      txId: transfer.txId,
    },
  );
}

/** A balance or the equity crossed a rule's threshold. */
export function thresholdNotice(
  event: "balance_above" | "balance_below" | "equity_above" | "equity_below",
  ruleId: string,
  time: number,
  what: { asset: string; value: string; threshold: string },
): AlertNotice {
  const above = event.endsWith("above");
  const subject = event.startsWith("balance") ? `${shown(what.asset)} balance` : "Equity";
  // For equity, `asset` is the gateway's quote currency.
  const unit = shown(what.asset);
  return notice(
    event,
    `${ruleId}:${time}`,
    time,
    `${subject} ${above ? "rose to" : "fell to"} ${what.value} ${unit}`,
    `${above ? "At or above" : "Below"} the threshold of ${what.threshold} ${unit}.`,
    { asset: what.asset, value: what.value, threshold: what.threshold, ruleId },
  );
}

export function drawdownNotice(
  ruleId: string,
  time: number,
  what: { quote: string; peak: string; equity: string; percent: string; limit: string; windowMinutes: number },
): AlertNotice {
  return notice(
    "drawdown",
    `${ruleId}:${time}`,
    time,
    `Drawdown ${what.percent}%: equity ${what.equity} ${what.quote}`,
    `Down ${what.percent}% from the peak of ${what.peak} ${what.quote} within ${describeMinutes(what.windowMinutes)} (alert at ${what.limit}%).`,
    { ...what, ruleId },
  );
}

/** The stream not live for `seconds` (down), or live again after such an outage (recovered). */
export function streamNotice(
  downSince: number,
  seconds: number,
  recoveredAt: number | undefined,
  state: string,
): AlertNotice {
  if (recoveredAt === undefined) {
    return notice(
      "stream_down",
      `${downSince}:${seconds}`,
      downSince,
      `Stream down for ${seconds} s`,
      `The account stream from MEXC has not been live for ${seconds} seconds (${state}). Fills are reconciled once it is back.`,
      { downSince, seconds, state, recovered: false },
    );
  }
  const minutes = Math.max(1, Math.round((recoveredAt - downSince) / MINUTE_MS));
  return notice(
    "stream_down",
    `${downSince}:${seconds}:up`,
    recoveredAt,
    "Stream live again",
    `The account stream is live again after about ${minutes} min; what it missed is being reconciled.`,
    { downSince, seconds, state: "live", recovered: true },
  );
}

export function missedFillsNotice(time: number, fills: number, reason: string): AlertNotice {
  return notice(
    "missed_fills",
    String(time),
    time,
    `Reconciliation found ${fills} missed fill${fills === 1 ? "" : "s"}`,
    `After a gap in the stream (${reason}), MEXC's REST history had ${fills} fill${fills === 1 ? "" : "s"} the stream did not deliver. They are stored now.`,
    { fills, reason },
  );
}

/** MEXC refused a REST call with an authentication code (700006, 700007, 10072). */
export function authErrorNotice(time: number, code: number, endpoint: string, meaning: string): AlertNotice {
  const hour = Math.floor(time / HOUR_MS);
  return notice(
    "auth_error",
    `${code}:${hour}`,
    time,
    `MEXC refused the API key: ${code} ${meaning}`,
    `${endpoint} was refused with ${code} (${meaning}). Check the API secret, the key's IP whitelist and permissions on MEXC; a key MEXC expired (90 days without an IP binding) is refused with 700002: create a new one.`,
    { code, endpoint, meaning },
  );
}

export function listenKeyNotice(time: number, code: number | null, message: string): AlertNotice {
  const hour = Math.floor(time / HOUR_MS);
  return notice(
    "listen_key_failure",
    `${code ?? "none"}:${hour}`,
    time,
    "MEXC refused a listen key",
    `Creating or keeping alive the account stream's listen key failed: ${truncateText(message, MAX_UPSTREAM_MESSAGE_CHARS)}`,
    { code, message },
  );
}

/** How a trader tells mexc-live of a renewal (the gateway's setting, docs/configuration.md). */
const TELL_RENEWAL =
  "Once renewed, set MEXC_API_KEY_RENEWED (or apiKeyRenewed for an account in the accounts file) to the day you renewed it, such as 2026-09-01, and restart mexc-live: its warnings then follow the new date.";

/**
 * The API key expires in `daysLeft` days (0: it has expired); `step` is the warning it answers
 * (14, 3, 1, or 0 once expired), so each warning has one id. The text says when MEXC lets it be
 * renewed (from 5 days before expiry, adding 90 days: docs/mexc/undocumented.md#api-keys item 11.30),
 * and how to tell mexc-live it was.
 */
export function keyExpiryNotice(
  time: number,
  key: { readonly expiresAt: number; readonly renewableFrom: number },
  step: number,
  daysLeft: number,
): AlertNotice {
  const date = new Date(key.expiresAt).toISOString().slice(0, 10);
  const renewFrom = new Date(key.renewableFrom).toISOString().slice(0, 10);
  const expired = step === 0;
  const renewal =
    time >= key.renewableFrom
      ? `Renewal is open until then: on MEXC's API management page, My API Key - Action - Renew adds 90 days to this key (no new key needed).`
      : `Renewal opens on ${renewFrom}: on MEXC's API management page, My API Key - Action - Renew then adds 90 days to this key (no new key needed).`;
  return notice(
    "key_expiry",
    `${date}:${step}`,
    time,
    expired ? `MEXC API key expired on ${date}` : `MEXC API key expires in ${daysLeft} day${daysLeft === 1 ? "" : "s"}`,
    expired
      ? `The API key expired on ${date} (90 days after it was made or last renewed, when it is not bound to an IP): MEXC refuses it now. Make a new key and set it.`
      : `The API key expires on ${date} (90 days after it was made or last renewed, when it is not bound to an IP). ${renewal} ${TELL_RENEWAL} Or make a new key and set it before then.`,
    { expiresAt: date, renewableFrom: renewFrom, days: daysLeft, warning: step },
  );
}

export function testNotice(time: number, ruleId: string): AlertNotice {
  return notice(
    "test",
    `${ruleId}:${time}`,
    time,
    "mexc-live test alert",
    "If you can read this, alerts reach this channel.",
    { ruleId },
  );
}

function describeMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? "" : "s"}`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}
