/**
 * Listen keys over REST (mexc-protocol.md §3.10). Signed although MEXC's docs list no
 * parameters (an unsigned PUT is answered 700004). The store enforces the 60-key cap and
 * answers an unknown key with 730708, which errors.ts sends with `code` as a string, as
 * observed. DELETE invalidates the key; the WebSocket layer listens and closes its sockets.
 * Weights are not documented; 1 (as ccxt assumes).
 */

import { MAX_LISTEN_KEYS_PER_ACCOUNT } from "@mexc-live/protocol";
import type { FastifyInstance } from "fastify";
import { type RestDeps, signedAccount } from "../context.js";

const PATH = "/api/v3/userDataStream";
const WEIGHT = { config: { weight: { ip: 1 } } };

export function registerUserDataStreamRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { listenKeys } = deps;

  app.post(PATH, WEIGHT, async (request) => ({ listenKey: listenKeys.create(signedAccount(request)) }));

  app.put(PATH, WEIGHT, async (request) => {
    const listenKey = request.mexc.params.required("listenKey");
    listenKeys.extend(signedAccount(request), listenKey);
    return { listenKey };
  });

  app.delete(PATH, WEIGHT, async (request) => {
    const listenKey = request.mexc.params.required("listenKey");
    listenKeys.delete(signedAccount(request), listenKey);
    return { listenKey };
  });

  /** The newer format: `total` = the per-account cap, `available` = how many more can be created. */
  app.get(PATH, WEIGHT, async (request) => {
    const keys = listenKeys.list(signedAccount(request));
    return {
      total: MAX_LISTEN_KEYS_PER_ACCOUNT,
      listenKey: keys,
      available: MAX_LISTEN_KEYS_PER_ACCOUNT - keys.length,
    };
  });
}
