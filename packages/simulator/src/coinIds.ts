/**
 * The opaque per-asset ids MEXC puts beside an asset's name: `coinId` on the account push (docs/mexc/protocol.md#the-official-example-values)
 * and `coinId` / `vcoinId` in the withdraw history (rest/walletFormat.ts). USDT's coinId is the one
 * MEXC's examples show (docs/mexc/protocol.md#the-official-example-values, the live capture in ccxt's pro/mexc handleBalance comment); every
 * other id is a stable 32-hex digest of the asset's name. What tells coinId and vcoinId apart is
 * not documented [UNCONFIRMED]: we give each its own digest.
 */
import { createHash } from "node:crypto";

const KNOWN_COIN_IDS: Readonly<Record<string, string>> = { USDT: "128f589271cb4951b03e71e6323eb7be" };
const coinIds = new Map<string, string>();
const vcoinIds = new Map<string, string>();

export function coinIdOf(asset: string): string {
  return KNOWN_COIN_IDS[asset] ?? digest(coinIds, `mexc-live coin ${asset}`);
}

export function vcoinIdOf(asset: string): string {
  return digest(vcoinIds, `mexc-live vcoin ${asset}`);
}

function digest(cache: Map<string, string>, text: string): string {
  let id = cache.get(text);
  if (id === undefined) {
    id = createHash("md5").update(text).digest("hex");
    cache.set(text, id);
  }
  return id;
}
