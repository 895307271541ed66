/**
 * A wallet history page holding one bad row among good ones: the bad row alone is skipped and told
 * (field and reason), the good rows of the same page are kept. MEXC's answers come from a fake
 * server on 127.0.0.1 (the simulator never sends a bad row).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { DAY_MS } from "@mexc-live/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { RestEndpoints } from "../rest/endpoints.js";
import { RestClient } from "../rest/restClient.js";
import { fetchWalletHistory } from "./walletHistory.js";

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** MEXC on 127.0.0.1: `pages` by path, every other path `{}` (server time included). */
async function fakeMexc(pages: Record<string, unknown>): Promise<RestEndpoints> {
  const server = http.createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    const body = path === "/api/v3/time" ? { serverTime: Date.now() } : (pages[path] ?? {});
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const rest = new RestClient({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    apiKey: "mx0vglWALLETROWS01",
    apiSecret: "5ecre7".repeat(6),
  });
  closers.push(() => {
    rest.close();
    server.close();
    server.closeAllConnections();
  });
  return new RestEndpoints(rest);
}

const now = Date.now();
const range = { from: now - DAY_MS, to: now + 1_000, now };
const deposit = (txId: string, amount: string) => ({
  coin: "USDT-TRC20",
  amount,
  network: "TRC20",
  status: 5,
  address: "T1",
  txId,
  insertTime: now - 60_000,
});

describe("a wallet history page with one bad row of three", () => {
  it("keeps the two good deposits and tells the bad one's field and reason", async () => {
    const endpoints = await fakeMexc({
      "/api/v3/capital/deposit/hisrec": [deposit("tx-1", "10"), deposit("tx-2", "-5"), deposit("tx-3", "2.5")],
    });
    const refused: string[] = [];
    const rows = await fetchWalletHistory(endpoints, "deposit", range, (field, reason) =>
      refused.push(`${field}: ${reason}`),
    );
    expect(rows.map((row) => [row.id, row.amount])).toEqual([
      ["tx-1", "10"],
      ["tx-3", "2.5"],
    ]);
    expect(refused).toEqual([expect.stringMatching(/^deposit\.amount: /)]);
  });

  it("keeps the two good transfers of a page whose middle row names no asset", async () => {
    const transfer = (tranId: string, asset: string) => ({
      tranId,
      asset,
      amount: "1",
      fromAccountType: "SPOT",
      toAccountType: "FUTURES",
      status: "SUCCESS",
      timestamp: now - 60_000,
    });
    const endpoints = await fakeMexc({
      "/api/v3/capital/transfer": {
        rows: [transfer("t1", "USDT"), transfer("t2", "=cmd|' /C calc'!A0"), transfer("t3", "BTC")],
        total: 3,
      },
    });
    const refused: string[] = [];
    const rows = await fetchWalletHistory(endpoints, "transfer", range, (field) => refused.push(field));
    // Both directions are asked; the fake answers the same page to each.
    expect([...new Set(rows.map((row) => row.id))].sort()).toEqual(["t1", "t3"]);
    expect(new Set(refused)).toEqual(new Set(["transfer.asset"]));
  });
});
