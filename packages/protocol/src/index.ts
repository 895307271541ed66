/** @mexc-live/protocol: MEXC Spot V3 wire format. Pure; runs in Node and in the browser. */

export * from "./channels.js";
export { bodyName, decodePush, encodePush } from "./codec.js";
export * from "./controlMessages.js";
export * from "./enums.js";
export * from "./errorCodes.js";
export * from "./events.js";
export * from "./limits.js";
export * from "./mexcApiError.js";
export { isProtocolError, ProtocolError, type ProtocolErrorCode } from "./protocolError.js";
export * from "./restWeights.js";
export * from "./signing.js";
export * from "./wire.js";
