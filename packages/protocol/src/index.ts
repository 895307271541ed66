/** @mexc-live/protocol: MEXC Spot V3 wire format. Pure; runs in Node and in the browser. */

export * from "./channels.js";
export { bodyName, decodePush, encodePush } from "./codec.js";
export * from "./controlMessages.js";
export {
  alignDecimals,
  compareDecimal,
  Decimal,
  DecimalError,
  dec,
  decimalParts,
  exact,
  fmt,
  groupThousands,
  INTERNAL_DP,
  isDecimal,
  midDecimal,
  normalize,
  ONE,
  OUTPUT_DP,
  padDecimals,
  ROUND_DOWN,
  ROUND_HALF_EVEN,
  ROUND_HALF_UP,
  ROUND_UP,
  roundDecimal,
  subtractDecimal,
  ZERO,
} from "./decimal.js";
export * from "./enums.js";
export * from "./errorCodes.js";
export * from "./events.js";
export * from "./limits.js";
export * from "./mexcApiError.js";
export { isProtocolError, ProtocolError, type ProtocolErrorCode } from "./protocolError.js";
export * from "./restWeights.js";
export * from "./signing.js";
export * from "./wire.js";
