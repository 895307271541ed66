// A local MEXC Spot exchange inside your own program or test: start it on a free port of
// 127.0.0.1, call it exactly as you would call MEXC (a signed market buy with the demo account's
// key, then the account's balances), and stop it. Any MEXC client works against `rest` and `ws`.
import { createHmac } from "node:crypto";
import { startSimulator } from "@mexc-live/simulator";

const sim = await startSimulator({ port: 0, seed: 7, demoTrader: false });
console.log(`REST ${sim.rest}/api/v3, WebSocket ${sim.ws}`);

/** A signed MEXC request: HMAC-SHA256 of the query with the secret, sent as `signature`. */
async function signed(method: string, path: string, params: Record<string, string>): Promise<unknown> {
  const query = new URLSearchParams({ ...params, timestamp: String(Date.now()) }).toString();
  const signature = createHmac("sha256", sim.secretKey).update(query).digest("hex");
  const response = await fetch(`${sim.rest}${path}?${query}&signature=${signature}`, {
    method,
    headers: { "X-MEXC-APIKEY": sim.apiKey, "Content-Type": "application/json" },
  });
  return response.json();
}

try {
  const order = (await signed("POST", "/api/v3/order", {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "MARKET",
    quantity: "0.001",
  })) as { orderId: string };
  // Like MEXC, the simulator's GET /api/v3/order answers -2013 "Order does not exist." for a few
  // seconds after the write (ccxt/ccxt#21614): ask again, a bounded number of times.
  let placed: { status?: string; executedQty?: string; code?: number } = {};
  for (let attempt = 0; attempt < 20; attempt++) {
    placed = (await signed("GET", "/api/v3/order", { symbol: "BTCUSDT", orderId: order.orderId })) as typeof placed;
    if (placed.code !== -2013) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.log(`market buy ${order.orderId}: ${placed.status}, ${placed.executedQty} BTC`);

  const account = (await signed("GET", "/api/v3/account", {})) as { balances: { asset: string; free: string }[] };
  for (const { asset, free } of account.balances) console.log(`${asset}: ${free}`);
} finally {
  await sim.close();
}
