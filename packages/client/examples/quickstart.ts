// Your MEXC Spot account with @mexc-live/client: its balances, then its fills, orders and balance
// changes as they happen, gap-free (the stream is checked against REST after every reconnect).
// Reads MEXC_API_KEY and MEXC_API_SECRET; MEXC_REST_URL and MEXC_WS_URL point it at another
// server (a proxy, or the simulator: `npx mexc-sim --port 0 --json` prints both). Ctrl+C stops it.
import { createMexcClient } from "@mexc-live/client";

const { MEXC_API_KEY: apiKey, MEXC_API_SECRET: apiSecret, MEXC_REST_URL, MEXC_WS_URL } = process.env;
if (!apiKey || !apiSecret) {
  console.error("set MEXC_API_KEY and MEXC_API_SECRET (a key with read permission is enough)");
  process.exit(1);
}
const client = createMexcClient({ apiKey, apiSecret, restUrl: MEXC_REST_URL, wsUrl: MEXC_WS_URL });

const account = await client.account();
for (const balance of account.balances) console.log(`${balance.asset}: ${balance.free} free, ${balance.locked} locked`);

// The stream queues every item from here on, so nothing is lost while we wait for it to be live.
const user = client.userStream();
process.once("SIGINT", () => void client.close());
try {
  await user.live({ timeoutMs: 60_000 }); // connected and checked against REST
} catch (error) {
  console.error(`not live: ${(error as Error).message}`); // e.g. the host and ECONNREFUSED of the last try
  await client.close();
  process.exit(1);
}
// Each event says where it came from: "stream", or "rest" when a reconciliation found it.
for await (const item of user) {
  switch (item.type) {
    case "state":
      if (item.state === "reconnecting" && item.code !== undefined) {
        console.log(`stream reconnecting: ${item.host} ${item.code}, try ${item.attempt}`);
      } else console.log(`stream ${item.state}`);
      break;
    case "fill":
      console.log(`${item.source} fill ${item.symbol} ${item.side} ${item.quantity} @ ${item.price}`);
      break;
    case "order":
      console.log(`${item.source} order ${item.orderId} ${item.symbol} ${item.side} ${item.status}`);
      break;
    case "balance":
      console.log(`${item.source} balance ${item.asset}: ${item.free} free, ${item.locked} locked`);
      break;
  }
}
await client.close();
