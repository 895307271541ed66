/**
 * The wrapper and body shapes as `decodePush` returns them: proto field names, the body under
 * its oneof field name, int64 as JS numbers, decimals as the strings MEXC sent. Generated from
 * proto/mexc.proto (see src/generated); these are friendlier names for them.
 */
import type * as pb from "./generated/mexc.js";

export type PublicAggreDeals = pb.PublicAggreDealsV3Api.$Properties;
export type PublicAggreDealItem = pb.PublicAggreDealsV3ApiItem.$Properties;
export type PublicAggreDepths = pb.PublicAggreDepthsV3Api.$Properties;
export type PublicAggreBookTicker = pb.PublicAggreBookTickerV3Api.$Properties;
export type PublicLimitDepths = pb.PublicLimitDepthsV3Api.$Properties;
export type PublicBookTicker = pb.PublicBookTickerV3Api.$Properties;
export type PublicBookTickerBatch = pb.PublicBookTickerBatchV3Api.$Properties;
export type PublicSpotKline = pb.PublicSpotKlineV3Api.$Properties;
export type PublicMiniTicker = pb.PublicMiniTickerV3Api.$Properties;
export type PublicMiniTickers = pb.PublicMiniTickersV3Api.$Properties;
export type PublicDeals = pb.PublicDealsV3Api.$Properties;
export type PublicIncreaseDepths = pb.PublicIncreaseDepthsV3Api.$Properties;
export type PublicIncreaseDepthsBatch = pb.PublicIncreaseDepthsBatchV3Api.$Properties;
export type PrivateAccount = pb.PrivateAccountV3Api.$Properties;
export type PrivateDeals = pb.PrivateDealsV3Api.$Properties;
export type PrivateOrders = pb.PrivateOrdersV3Api.$Properties;

/** Every body of the `body` oneof, by its field name (field numbers 301..315). */
export interface PushBodies {
  publicDeals: PublicDeals;
  publicIncreaseDepths: PublicIncreaseDepths;
  publicLimitDepths: PublicLimitDepths;
  privateOrders: PrivateOrders;
  publicBookTicker: PublicBookTicker;
  privateDeals: PrivateDeals;
  privateAccount: PrivateAccount;
  publicSpotKline: PublicSpotKline;
  publicMiniTicker: PublicMiniTicker;
  publicMiniTickers: PublicMiniTickers;
  publicBookTickerBatch: PublicBookTickerBatch;
  publicIncreaseDepthsBatch: PublicIncreaseDepthsBatch;
  publicAggreDepths: PublicAggreDepths;
  publicAggreDeals: PublicAggreDeals;
  publicAggreBookTicker: PublicAggreBookTicker;
}
export type PushBodyName = keyof PushBodies;

export const PUSH_BODY_NAMES: readonly PushBodyName[] = [
  "publicDeals",
  "publicIncreaseDepths",
  "publicLimitDepths",
  "privateOrders",
  "publicBookTicker",
  "privateDeals",
  "privateAccount",
  "publicSpotKline",
  "publicMiniTicker",
  "publicMiniTickers",
  "publicBookTickerBatch",
  "publicIncreaseDepthsBatch",
  "publicAggreDepths",
  "publicAggreDeals",
  "publicAggreBookTicker",
];

/** The wrapper fields around every push body (field 2 is unused; the body is the oneof). */
export interface WrapperHeader {
  channel: string;
  symbol?: string | null;
  symbolId?: string | null;
  createTime?: number | null;
  sendTime?: number | null;
}

/** A decoded frame: the header fields plus exactly one body under its oneof name. */
export type PushWrapper = {
  [K in PushBodyName]: WrapperHeader & { [P in K]: PushBodies[P] } & {
    [P in Exclude<PushBodyName, K>]?: undefined;
  };
}[PushBodyName];

/** The same with the body name as a type parameter, for code that knows the channel. */
export type PushWrapperOf<K extends PushBodyName> = WrapperHeader & { [P in K]: PushBodies[P] };
