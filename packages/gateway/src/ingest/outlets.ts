/**
 * What ingest hands on, and to whom, named here so that ingest imports neither of them (the walk of
 * a fill, ARCHITECTURE.md; scripts/check-dependencies.mjs WALK_RULES): ingest writes the store and
 * emits what it stored as it is (raw items: no mask, no figures version, no account's topic name);
 * fanout/accountFanout.ts takes it from there. And it tells the account's keeper
 * (figures/keeper.ts, which answers to this) that the store took something in; it never reads a
 * figure back from it.
 */
import type { MarketTopic, Topic, TopicUpdate, UnplacedPair } from "@mexc-live/contract";

/** Where ingest's updates go (the account's fanout, or the market's bus): each is stored already. */
export type Emit = (update: TopicUpdate) => void;

/** The market's side of the bus (fanout/topicBus.ts's TopicBus is one): market topics out, browsers' demand in. */
export interface MarketOutlet {
  publish: Emit;
  /** A market topic is no longer served: its state is forgotten everywhere. */
  drop(topic: Topic): void;
  /** Market topics gaining their first / losing their last browser; returns an unsubscribe. */
  onDemand(listener: (topic: MarketTopic, wanted: boolean) => void): () => void;
  /** Market topics browsers want now. */
  wanted(): MarketTopic[];
}

/** What ingest tells the account's figures (FiguresKeeper): what the store took in, and when to start and stop. */
export interface FiguresTold {
  /** The store took something in (fills, transfers, valuations, a backfill window). */
  stored(): void;
  /** Candles arrived (the market data's fetcher). */
  pricesArrived(): void;
  /** The markets are known and the stream is live. */
  start(): void;
  /** Resolves when the figures hold what the store holds now. */
  request(): Promise<void>;
  /** What the figures are still taking in, in words (health). */
  updating(now: number): string[];
  /** The pairs whose fills the figures leave out, no base and quote known (health). */
  unplaced(): readonly UnplacedPair[];
  close(): void;
}
