/** @mexc-live/gateway: the service a user runs (`mexc-live start`), and its parts for embedding and tests. */

export { runStartCli } from "./cli/start.js";
export { describeSettings, loadSettings, type MaskableField, type Role, type Settings } from "./config/settings.js";
export { GATEWAY_ERRORS, type GatewayErrorCode, isSettingsError, SettingsError } from "./errors.js";
export { createLogger, createScrubber, type GatewayLogger, type SecretScrubber } from "./logging.js";
export { type GatewayOptions, isLocalHost, type RunningGateway, startGateway } from "./service.js";
