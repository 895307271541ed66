/**
 * Which channel strings a socket may subscribe to. Everything refused here gets MEXC's
 * `Blocked!` rejection (docs/mexc/protocol.md#rejections): malformed names, JSON-era names without `.pb`, aggre channels
 * missing `@100ms`/`@10ms`, private channels on a socket without a listen key, and:
 *   - the legacy non-aggregated pb channels — whether MEXC still serves them is unknown (docs/mexc/protocol.md#channels,
 *     docs/mexc/uncertainties.md item 10); the simulator blocks them. [UNCONFIRMED] The hidden increase.depth.batch
 *     channel is served (the official Java demo subscribes it, docs/mexc/undocumented.md#websocket item 11.9) unless the behaviour
 *     `increaseDepthBatch` is off;
 *   - a public channel of an Assessment Zone pair on a socket without a listen key: "its book stream
 *     needs authentication" (hummingbot/hummingbot#7626; docs/mexc/undocumented.md#fills-and-keys item 11.29), with the behaviour
 *     `assessmentZone` on;
 *   - well-formed channels for a symbol the simulator does not list — MEXC's reply is not
 *     documented; blocking them surfaces typos. [UNCONFIRMED]
 */
import { type ChannelSpec, isProtocolError, parseChannel } from "@mexc-live/protocol";
import type { SymbolConfig } from "../types.js";

export type Admission =
  | { readonly ok: true; readonly spec: ChannelSpec }
  | { readonly ok: false; readonly reason: string };

export function admitChannel(
  channel: string,
  context: {
    readonly privateAllowed: boolean;
    readonly symbols: ReadonlyMap<string, SymbolConfig>;
    /** Serve the hidden increase.depth.batch channel (behaviour `increaseDepthBatch`). */
    readonly increaseDepthBatch: boolean;
    /** Assessment Zone pairs need a listen-key connection (behaviour `assessmentZone`). */
    readonly assessmentZone: boolean;
  },
): Admission {
  let spec: ChannelSpec;
  try {
    spec = parseChannel(channel);
  } catch (error) {
    if (isProtocolError(error)) return { ok: false, reason: error.message };
    throw error;
  }
  if ("legacy" in spec || (spec.stream === "increaseDepthBatch" && !context.increaseDepthBatch)) {
    return { ok: false, reason: `${spec.stream} is not served by the simulator` };
  }
  if (spec.stream.startsWith("private") && !context.privateAllowed) {
    return { ok: false, reason: "private channel on a connection without a listen key" };
  }
  if ("symbol" in spec && !context.symbols.has(spec.symbol)) {
    return { ok: false, reason: `unknown symbol ${spec.symbol}` };
  }
  if (
    "symbol" in spec &&
    context.assessmentZone &&
    !context.privateAllowed &&
    context.symbols.get(spec.symbol)?.assessmentZone === true
  ) {
    return { ok: false, reason: `${spec.symbol} is an Assessment Zone pair: its streams need a listen-key connection` };
  }
  return { ok: true, spec };
}
