/**
 * Columns of the orders, fills and balances tables. Prices and order amounts are shown exactly as
 * the gateway sent them (decimal strings, thousands separators added by string operations);
 * derived amounts that can carry 18 decimals (fees, balances after fees, values in the quote
 * currency) are rounded for reading by string operations, the exact figure on hover. Everything
 * sorts by exact decimal comparison, never through floats.
 */
import type { BalanceItem, FillItem, OrderItem } from "@mexc-live/contract";
import type { OrderTrigger } from "@mexc-live/protocol";
import { createColumnHelper } from "@tanstack/react-table";
import { DateTime, ZonedLabel } from "../format/DateTime.js";
import { compareDecimal, formatDecimal } from "../format/decimal.js";
import { ApiDisabledMarker } from "./ApiDisabled.js";
import { AssetAmount, Money, PairFigure, pairCell } from "./amounts.js";
import { type AnyColumn, type ColumnMeta, decimal, equals, left } from "./rowPipeline.js";
import type { CardLayout } from "./TableCards.js";

const timeRange = (width: number): ColumnMeta => ({ width, filter: "timeRange" });

/** Widths (px) that fit MEXC's ids whole: trade ids "505979018135691289X1", order ids "C02__" + 21 digits. */
const TRADE_ID_WIDTH = 200;
const ORDER_ID_WIDTH = 250;
/** Price x quantity carries both their decimals: "300.9646426398" (PEPEUSDT). */
const AMOUNT_WIDTH = 140;

function isZero(value: string): boolean {
  return compareDecimal(value, "0") === 0;
}

/** A figure the order does not have (a market order's price, an unfilled order's average). */
function NotSet() {
  return <span className="not-set">–</span>;
}

function Side({ side }: { side: string }) {
  return <span className={side === "BUY" ? "side-buy" : "side-sell"}>{side}</span>;
}

// ------------------------------------------------------------------------------ orders

/** A name MEXC sent that mexc-live does not know: UNKNOWN with the raw value, explained on hover. */
function Named({ name, raw }: { name: string; raw: number | string | undefined }) {
  if (name !== "UNKNOWN") return <>{name}</>;
  return (
    <span className="unknown-value" title="MEXC sent a value mexc-live does not know; shown as sent">
      {raw === undefined ? "UNKNOWN" : `UNKNOWN (${raw})`}
    </span>
  );
}

/** MEXC's `cancelReason` words in ours; another word is shown as sent. */
const CANCEL_REASON_LABEL: Readonly<Record<string, { text: string; title: string }>> = {
  stp_cancel: {
    text: "self-trade prevention",
    title:
      "MEXC's self-trade prevention canceled it: it would have traded with an order of the same account, or of an account in the same strategy group (cancelReason stp_cancel)",
  },
};

/** " (self-trade prevention)" after a status MEXC gave a cancel reason for; nothing otherwise. */
function CancelReason({ reason }: { reason: string | undefined }) {
  if (reason === undefined) return null;
  const known = CANCEL_REASON_LABEL[reason];
  return (
    <span className="cancel-reason" title={known?.title ?? `MEXC's reason for canceling it: ${reason}`}>
      {" "}
      ({known?.text ?? reason})
    </span>
  );
}

/**
 * A MARKET order's price: MEXC's protective limit (docs/mexc/undocumented.md#fills-and-keys item
 * 11.28), about 5 % beyond the market when it was placed, a ceiling for a BUY and a floor for a
 * SELL. Never a fill price: that is the average price.
 */
function ProtectivePrice({ price, side, symbol }: { price: string; side: string; symbol: string }) {
  const bound = side === "BUY" ? "at most" : "at least";
  return (
    <span
      className="protective-price"
      data-protective
      title={`MEXC's protective limit for this market order: it filled at ${bound} this price. The prices it filled at are in "Avg price".`}
    >
      {side === "BUY" ? "≤ " : "≥ "}
      <PairFigure exact={price} symbol={symbol} of="price" /> protective
    </span>
  );
}

/** Whether the order's price shows as a protective limit (ProtectivePrice). */
export function hasProtectivePrice(order: Pick<OrderItem, "type" | "price">): boolean {
  return order.type === "MARKET" && !isZero(order.price);
}

/**
 * What "≥ 3,230.00 protective" means, said under the orders when one shows it, at every width
 * (issue 57 item 8: a phone has no hover).
 */
export function ProtectiveLegend() {
  return (
    <p className="legend" data-testid="protective-legend">
      <span className="protective-price">≤ / ≥ … protective</span>: a MARKET order has no price of its own; MEXC fills
      it no further than this limit, set about 5 % from the market when it was placed (≤ for a BUY, ≥ for a SELL). The
      prices it filled at are in Avg price.
    </p>
  );
}

const TRIGGER_STATE_LABEL: Readonly<Record<string, string>> = {
  UNTRIGGERED: "waiting",
  TRIGGERED: "triggered",
  CANCELED: "canceled",
  INVALID: "invalid",
  FAILED: "failed",
};

/** "≤ 95,000 · waiting": when the stop triggers (the last price falls to / rises to it) and where it stands. */
function triggerText(trigger: OrderTrigger, rawState?: number | string): string {
  const direction = trigger.type === "LTE" ? "≤ " : trigger.type === "GTE" ? "≥ " : "";
  const state = TRIGGER_STATE_LABEL[trigger.state] ?? `UNKNOWN${rawState === undefined ? "" : ` (${rawState})`}`;
  return `${direction}${formatDecimal(trigger.price)} · ${state}`;
}

const order = createColumnHelper<OrderItem>();

export const ORDER_COLUMNS: AnyColumn<OrderItem>[] = [
  order.accessor("time", {
    header: () => <ZonedLabel label="Created" />,
    cell: (c) => <DateTime ms={c.getValue()} />,
    meta: timeRange(168),
  }),
  order.accessor("symbol", {
    header: "Symbol",
    cell: (c) => (
      <>
        {c.getValue()} {c.row.original.apiTradingDisabled && <ApiDisabledMarker />}
      </>
    ),
    meta: equals(130),
  }),
  order.accessor("side", {
    header: "Side",
    cell: (c) => <Side side={c.getValue()} />,
    meta: equals(64),
  }),
  order.accessor("type", {
    header: "Type",
    cell: (c) => (
      <>
        <Named name={c.getValue()} raw={c.row.original.rawValues?.orderType} />
        {c.row.original.ocoId && (
          <span className="oco-marker" title={`OCO pair ${c.row.original.ocoId}`}>
            {" "}
            OCO
          </span>
        )}
      </>
    ),
    meta: left(140), // "STOP_LIMIT OCO"
  }),
  order.accessor("status", {
    header: "Status",
    cell: (c) => (
      <>
        <Named name={c.getValue()} raw={c.row.original.rawValues?.status} />
        <CancelReason reason={c.row.original.cancelReason} />
      </>
    ),
    meta: left(164), // "PARTIALLY_CANCELED"; wider where a cancel reason is in view
  }),
  // Stop-limit orders (docs/mexc/undocumented.md#orders item 11.8): trigger price, direction and state; other orders have none.
  order.accessor((o) => o.trigger?.price ?? "", {
    id: "trigger",
    header: "Trigger",
    cell: (c) => {
      const trigger = c.row.original.trigger;
      return trigger ? triggerText(trigger, c.row.original.rawValues?.triggerState) : <NotSet />;
    },
    meta: left(220), // "≤ 0.0000176813 · triggered" (PEPEUSDT)
  }),
  // A MARKET order has no limit price: MEXC writes its protective limit there (or "0"), shown as
  // such; its fill price is the average beside. One sized by its quote amount has no quantity ("0").
  order.accessor("price", {
    header: "Price",
    cell: (c) => {
      const { side, symbol } = c.row.original;
      if (isZero(c.getValue())) return <NotSet />;
      if (hasProtectivePrice(c.row.original))
        return <ProtectivePrice price={c.getValue()} side={side} symbol={symbol} />;
      return <PairFigure exact={c.getValue()} symbol={symbol} of="price" />;
    },
    meta: decimal(120),
  }),
  order.accessor("quantity", {
    header: "Quantity",
    cell: (c) =>
      isZero(c.getValue()) ? (
        <NotSet />
      ) : (
        <PairFigure exact={c.getValue()} symbol={c.row.original.symbol} of="quantity" />
      ),
    meta: decimal(110),
  }),
  order.accessor("executedQuantity", {
    header: "Filled",
    cell: pairCell("quantity"),
    meta: decimal(110),
  }),
  order.accessor("avgPrice", {
    header: "Avg price",
    cell: (c) =>
      isZero(c.row.original.executedQuantity) ? (
        <NotSet />
      ) : (
        <PairFigure exact={c.getValue()} symbol={c.row.original.symbol} of="price" />
      ),
    meta: decimal(110),
  }),
  order.accessor("cumulativeQuoteQuantity", {
    header: "Total",
    cell: (c) => formatDecimal(c.getValue()),
    meta: decimal(AMOUNT_WIDTH),
  }),
  order.accessor("updateTime", {
    header: () => <ZonedLabel label="Updated" />,
    cell: (c) => <DateTime ms={c.getValue()} />,
    meta: left(168),
  }),
  order.accessor("orderId", { header: "Order ID", meta: left(ORDER_ID_WIDTH) }),
];

// ------------------------------------------------------------------------------ fills

const fill = createColumnHelper<FillItem>();

/** The fills' columns, the fee's value headed with the quote currency it is in. */
export function fillColumns(quote: string): AnyColumn<FillItem>[] {
  return [
    fill.accessor("time", {
      header: () => <ZonedLabel label="Time" />,
      cell: (c) => <DateTime ms={c.getValue()} />,
      meta: timeRange(168),
    }),
    fill.accessor("symbol", { header: "Symbol", meta: equals(100) }),
    fill.accessor("side", {
      header: "Side",
      cell: (c) => <Side side={c.getValue()} />,
      meta: equals(64),
    }),
    fill.accessor("price", {
      header: "Price",
      cell: pairCell("price"),
      meta: decimal(120),
    }),
    fill.accessor("quantity", {
      header: "Quantity",
      cell: pairCell("quantity"),
      meta: decimal(110),
    }),
    fill.accessor("amount", {
      header: "Amount",
      cell: (c) => formatDecimal(c.getValue()),
      meta: decimal(AMOUNT_WIDTH),
    }),
    // One unit per column: the fee as charged, the asset it was charged in, its value in the quote.
    fill.accessor("fee", {
      header: "Fee",
      cell: (c) => <AssetAmount exact={c.getValue()} asset={c.row.original.feeCurrency} />,
      meta: decimal(110),
    }),
    fill.accessor("feeCurrency", { header: "Fee asset", meta: left(76) }),
    fill.accessor("feeValue", {
      header: `Fee (${quote})`,
      cell: (c) => {
        const value = c.getValue() as string | null;
        return value === null ? <span title="No price to value it when it was paid">–</span> : <Money value={value} />;
      },
      meta: decimal(96),
    }),
    fill.accessor("isMaker", { header: "Role", cell: (c) => (c.getValue() ? "maker" : "taker"), meta: left(64) }),
    fill.accessor("tradeId", { header: "Trade ID", meta: left(TRADE_ID_WIDTH) }),
    fill.accessor("orderId", { header: "Order ID", meta: left(ORDER_ID_WIDTH) }),
  ];
}

/** The fills' columns with the fee valued in USDT (the tables' tests, and a gateway quoting in USDT). */
export const FILL_COLUMNS: AnyColumn<FillItem>[] = fillColumns("USDT");

/** A fill as a card at phone width: when, what, which side; then what a trader reads. */
export const FILL_CARD: CardLayout = {
  head: ["time", "symbol", "side"],
  fields: ["price", "quantity", "amount", "feeValue", "fee", "feeCurrency"],
};

/** An order as a card at phone width. */
export const ORDER_CARD: CardLayout = {
  head: ["time", "symbol", "side"],
  // Status and price on lines of their own: "PARTIALLY_CANCELED (self-trade prevention)" and a
  // MARKET order's "≥ 0.0000177754 protective" each take a whole line's width.
  fields: ["status", "price", "type", "quantity", "executedQuantity", "cumulativeQuoteQuantity"],
  wide: ["status", "price"],
};

// ------------------------------------------------------------------------------ balances

const balance = createColumnHelper<BalanceItem>();

/** A balance as a card at phone width. */
export const BALANCE_CARD: CardLayout = { head: ["asset"], fields: ["value", "free", "locked"] };

/** 488 px in all: the balances panel's width at 1280 px, so no sideways scrolling there. */
/** The balances' columns, the value headed with the quote currency it is in. */
export function balanceColumns(quote: string): AnyColumn<BalanceItem>[] {
  return [
    balance.accessor("asset", {
      header: "Asset",
      cell: (c) => (
        <>
          {c.getValue()} {c.row.original.apiTradingDisabled && <ApiDisabledMarker />}
        </>
      ),
      meta: left(104),
    }),
    // Next to the asset: at phone width what matters stays in view, the amounts a scroll away.
    balance.accessor("value", {
      header: `Value (${quote})`,
      cell: (c) => {
        const value = c.getValue() as string | null;
        return value === null ? <span title="No price known for it">–</span> : <Money value={value} />;
      },
      meta: decimal(120),
    }),
    balance.accessor("free", {
      header: "Free",
      cell: (c) => <AssetAmount exact={c.getValue()} asset={c.row.original.asset} />,
      meta: decimal(136),
    }),
    balance.accessor("locked", {
      header: "Locked",
      cell: (c) => <AssetAmount exact={c.getValue()} asset={c.row.original.asset} />,
      meta: decimal(128),
    }),
  ];
}
