/**
 * Listen keys over REST (docs/mexc/rest.md#listen-keys). Signed although MEXC's docs list no
 * parameters (an unsigned PUT is answered 700004). The store enforces the per-account cap and
 * answers an unknown key with 730708, sent with `code` as a string as the one capture shows it
 * (the string may be the reporter's JSON library's doing: clients must take both). DELETE
 * invalidates the key; the WebSocket layer listens and closes its sockets. Weights are not
 * documented; 1 (as ccxt and Mexc.Net assume). They have no rate of their own: what refuses a
 * burst of them with 429 is the 20 signed requests a second of each account (rateLimit.ts,
 * docs/mexc/undocumented.md#requests-and-answers item 11.5; docs/mexc/rest.md#listen-keys).
 *
 * With the behaviour `errorsInHttp200` (default on) the store's errors come back with HTTP 200
 * and the code in the body, as real MEXC answers a keepalive on a dead key (docs/mexc/undocumented.md#requests-and-answers item 11.2:
 * `{"code":"730708","msg":"listen key information error"}`, mexcdevelop/mexc-api-demo#35; Mexc.Net
 * and hummingbot check the body's code for this reason). Signature and rate-limit errors keep
 * their 4XX. GET answers the newer format with `total` (the cap) and `available` (docs/mexc/undocumented.md#listen-keys item 11.7).
 */
import type { ListenKeyList } from "@mexc-live/protocol/rest";
import { REST_PATHS } from "@mexc-live/protocol/rest";
import type { FastifyInstance } from "fastify";
import { SimError } from "../../errors.js";
import { type RestDeps, signedAccount, weightOf } from "../context.js";

const PATH = REST_PATHS.userDataStream;
const HTTP_OK = 200;

export function registerUserDataStreamRoutes(app: FastifyInstance, deps: RestDeps): void {
  const { listenKeys, behaviours } = deps;

  /** Runs a store call; its refusal is answered with HTTP 200 when the behaviour is on. */
  const keyCall = <T>(call: () => T): T => {
    try {
      return call();
    } catch (error) {
      if (!(error instanceof SimError) || !behaviours.errorsInHttp200) throw error;
      throw new SimError(error.mexcCode, error.message, HTTP_OK);
    }
  };

  app.post(PATH, weightOf("POST /api/v3/userDataStream"), async (request) => ({
    listenKey: keyCall(() => listenKeys.create(signedAccount(request))),
  }));

  app.put(PATH, weightOf("PUT /api/v3/userDataStream"), async (request) => {
    const listenKey = request.mexc.params.required("listenKey");
    keyCall(() => listenKeys.extend(signedAccount(request), listenKey));
    return { listenKey };
  });

  app.delete(PATH, weightOf("DELETE /api/v3/userDataStream"), async (request) => {
    const listenKey = request.mexc.params.required("listenKey");
    keyCall(() => listenKeys.delete(signedAccount(request), listenKey));
    return { listenKey };
  });

  app.get(PATH, weightOf("GET /api/v3/userDataStream"), async (request) => {
    const keys = listenKeys.list(signedAccount(request));
    return {
      total: listenKeys.cap,
      listenKey: keys,
      available: Math.max(0, listenKeys.cap - keys.length),
    } satisfies ListenKeyList;
  });
}
