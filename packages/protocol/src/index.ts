/** @mexc-live/protocol: MEXC Spot V3 wire format. Pure; runs in Node and in the browser. */
export { decodePush, encodePush, bodyName } from "./codec.js";
export { ProtocolError, isProtocolError, type ProtocolErrorCode } from "./protocolError.js";
export * from "./wire.js";
export * from "./enums.js";
export * from "./events.js";
