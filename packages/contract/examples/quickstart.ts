// Reading mexc-live's stream with @mexc-live/contract: each frame the gateway sends on its
// WebSocket (/stream) is one ServerMessage. Fold the `orders` topic into state as the dashboard
// does, then write the open orders as CSV. Two frames are written out here; from a running
// gateway they arrive after `{"type":"subscribe","topics":["orders"]}`.
import {
  applyOrdersSnapshot,
  applyOrderUpdates,
  type CsvColumn,
  isOpenOrder,
  kindOfSnapshotMessage,
  kindOfUpdate,
  newestOrderFirst,
  type OrderItem,
  type ServerMessage,
  toCsv,
} from "@mexc-live/contract";

/** The closed orders kept beside the open ones (the dashboard keeps more). */
const MAX_CLOSED = 100;

const PLACED_AT = 1_754_741_000_000;
const order = (
  orderId: string,
  status: OrderItem["status"],
  executedQuantity: string,
  updateTime: number,
): OrderItem => ({
  orderId,
  clientOrderId: "",
  symbol: "BTCUSDT",
  side: "BUY",
  type: "LIMIT",
  status,
  price: "60000",
  quantity: "0.002",
  executedQuantity,
  cumulativeQuoteQuantity: "0",
  avgPrice: "0",
  time: PLACED_AT,
  updateTime,
  apiTradingDisabled: false,
});
const frames = [
  JSON.stringify({
    type: "snapshot",
    topic: "orders",
    data: [order("C02__1", "NEW", "0", PLACED_AT), order("C02__2", "NEW", "0", PLACED_AT)],
    exchangeTime: PLACED_AT,
    receiveTime: PLACED_AT + 5,
  }),
  JSON.stringify({
    type: "batch",
    updates: [
      {
        topic: "orders",
        data: order("C02__2", "FILLED", "0.002", PLACED_AT + 900),
        exchangeTime: PLACED_AT + 900,
        receiveTime: PLACED_AT + 904,
      },
    ],
  }),
];

let orders: ReadonlyMap<string, OrderItem> = new Map();
for (const frame of frames) {
  const message = JSON.parse(frame) as ServerMessage;
  if (message.type === "snapshot") {
    const snapshot = kindOfSnapshotMessage(message);
    if (snapshot?.kind === "orders") orders = applyOrdersSnapshot(orders, snapshot.data, MAX_CLOSED);
  } else if (message.type === "batch") {
    for (const update of message.updates) {
      const kinded = kindOfUpdate(update);
      if (kinded?.kind === "orders") orders = applyOrderUpdates(orders, [kinded.data], MAX_CLOSED);
    }
  }
}

const columns: CsvColumn<OrderItem>[] = [
  { header: "order", value: (row) => row.orderId },
  { header: "symbol", value: (row) => row.symbol },
  { header: "side", value: (row) => row.side },
  { header: "price", value: (row) => row.price },
  { header: "quantity", value: (row) => row.quantity },
  { header: "status", value: (row) => row.status },
];
const open = [...orders.values()].filter(isOpenOrder).sort(newestOrderFirst);
process.stdout.write(toCsv(columns, open));
