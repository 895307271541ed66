// MEXC's wire format with no network: sign a request, build a channel name, encode a protobuf
// push and decode it back into a typed event, and add money as decimals.
import { buildChannel, dec, decodePush, encodePush, fmt, toEvent, tradeSide } from "@mexc-live/protocol";
import { MEXC_REST_URL } from "@mexc-live/protocol/limits";
import { signRequest } from "@mexc-live/protocol/rest";

// The secret of MEXC's own signing example (its API docs); a real one comes from your account.
const signed = signRequest({
  secret: "45d0b3c26f2644f19bfb98b07741b2f5",
  query: { symbol: "BTCUSDT" },
  recvWindow: 5000,
  timestamp: 1644489390087,
});
console.log(`GET ${MEXC_REST_URL}/api/v3/openOrders?${signed.query}`);

const channel = buildChannel({ stream: "aggreDeals", symbol: "BTCUSDT", interval: "100ms" });
const frame = encodePush({
  channel,
  symbol: "BTCUSDT",
  sendTime: 1_754_741_322_152,
  publicAggreDeals: {
    deals: [{ price: "117145.49", quantity: "0.0012", tradeType: 1, time: 1_754_741_322_100 }],
    eventType: "spot@public.aggre.deals.v3.api.pb@100ms",
  },
});
const event = toEvent(decodePush(frame));
if (event.type === "trade") {
  for (const trade of event.trades) {
    console.log(`${channel}: ${tradeSide(trade)} ${trade.quantity} @ ${trade.price} (${frame.length} bytes)`);
  }
}

// Money stays a decimal string: 0.1 + 0.2 is 0.3 here, not 0.30000000000000004.
console.log(`0.1 + 0.2 = ${fmt(dec("0.1").plus(dec("0.2")))}`);
