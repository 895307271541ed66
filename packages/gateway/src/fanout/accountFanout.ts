/**
 * One account's way out to browsers, the last step of the walk of a fill (ARCHITECTURE.md):
 * ingest emits what it stored, raw; the keeper says the figures moved; this masks the ids (the
 * mask it is handed: http/fieldMask.ts), moves the figures version with what the figures read (a
 * fill, a balance, an equity point: figures/figuresVersion.ts), names the account's topics (the first account the
 * plain ones, another `account.NAME.*`: contract topics.ts) and publishes on the bus (the local
 * hub, or Redis: topicBus.ts). The `figures` topic carries the version and the answers that moved
 * with it (figures/pushedAnswers.ts), worked out only while a browser can receive them (`heard`);
 * with none, the version goes out alone, so the topic's state (the snapshot a browser subscribing
 * later gets) holds no answer of an older version, and that browser reads them over HTTP as it
 * does on every load (web api/useFigures.ts), then takes them from the next push. It also loads
 * the account's topic states from ingest's snapshots, and sends browsers fresh ones when older
 * history came in.
 */
import {
  type AccountTopic,
  accountTopic,
  type FiguresVersion,
  type Topic,
  type TopicSnapshot,
  type TopicUpdate,
} from "@mexc-live/contract";
import { FiguresVersionKeeper, withFiguresVersion } from "../figures/figuresVersion.js";
import type { PushedAnswers } from "../figures/pushedAnswers.js";
import type { TopicStates } from "../state/topicStates.js";
import { allAccountsTopicOf } from "./allAccountsFanout.js";
import type { TopicBus } from "./topicBus.js";
import type { TopicHub } from "./topicHub.js";

/** The topics whose updates are something the figures read (their version moves with each). */
const MOVES_FIGURES: ReadonlySet<string> = new Set<AccountTopic>(["fills", "balances", "equity"]);

/** An update or snapshot as browsers may see it: ids masked (http/fieldMask.ts, `--mask`). */
export type UpdateMask = <U extends { readonly topic: string; readonly data: unknown }>(update: U) => U;

export interface AccountFanoutDeps {
  readonly account: string;
  /** undefined for the first account: it publishes the plain topic names. */
  readonly topicAccount: string | undefined;
  readonly bus: () => TopicBus;
  readonly states: TopicStates;
  readonly hub: TopicHub;
  readonly mask: UpdateMask;
  /** Default figuresVersion.ts's FIGURES_PUSH_MS (tests shorten it). */
  readonly pushMs?: number;
  /**
   * Redis carries the account's updates to web instances (--redis): their browsers are not this
   * process's to see (what they announce on REDIS_DEMAND_CHANNEL names market topics only), so
   * every push works its answers out, whoever watches here.
   */
  readonly relayed?: boolean;
}

/** The answers each `figures` push carries (figures/pushedAnswers.ts). */
type Answers = Pick<PushedAnswers, "at" | "unheard">;

export class AccountFanout {
  private readonly version: FiguresVersionKeeper;
  private answers: Answers | undefined;
  private snapshots: () => readonly TopicSnapshot[] = () => [];
  private closed = false;

  constructor(private readonly deps: AccountFanoutDeps) {
    this.version = new FiguresVersionKeeper({
      account: deps.account,
      publish: (data: FiguresVersion) =>
        this.deps.bus().publish(this.named({ topic: "figures", data, exchangeTime: 0, receiveTime: Date.now() })),
      answers: (version) => {
        if (this.answers === undefined) return Promise.reject(new Error("no answers yet"));
        if (this.heard()) return this.answers.at(version);
        // Nobody to carry them to: not worked out (3 ms of CPU a push at 100,000 fills: BENCHMARKS.md).
        this.answers.unheard();
        return undefined;
      },
      // Answers too late for their push were never sent: the next push carries every answer.
      answersDropped: () => this.answers?.unheard(),
      ...(deps.pushMs === undefined ? {} : { pushMs: deps.pushMs }),
    });
  }

  /** This account's name of an account topic (plain for the first account). */
  topic(name: AccountTopic): Topic {
    return accountTopic(name, this.deps.topicAccount);
  }

  /** An update of ingest's (or the alerts', or the health's), raw: out to every browser. */
  readonly publish = (update: TopicUpdate): void => {
    if (this.closed) return;
    const masked = this.deps.mask(update);
    if (MOVES_FIGURES.has(update.topic)) {
      // An equity point goes out with the version that holds it.
      this.version.bump();
      this.deps.bus().publish(this.named(withFiguresVersion(masked, this.version.current().version)));
    } else this.deps.bus().publish(this.named(masked));
  };

  /** The figures moved (the keeper applied legs, worked them out again, an import came in). */
  figuresMoved(): void {
    this.version.bump();
  }

  /** The answers each `figures` push a browser can receive carries from now on (figures/pushedAnswers.ts). */
  carry(answers: Answers): void {
    this.answers = answers;
  }

  /** The figures version now (what a figures answer computed from now on reflects at least). */
  figuresVersion(): number {
    return this.version.current().version;
  }

  /** Loads the account's topic states from `snapshots` (ingest's, raw) now, and at every reload. */
  seed(snapshots: () => readonly TopicSnapshot[]): void {
    this.snapshots = snapshots;
    for (const snapshot of snapshots()) this.deps.states.load(this.named(this.deps.mask(snapshot)));
  }

  /** Loads the topic states again and sends browsers watching `topics` fresh snapshots (older history came in). */
  readonly reload = (topics: readonly AccountTopic[]): void => {
    // A reload asked while the gateway stops (a valuation's pass ending, say) does nothing: the store is closing.
    if (this.closed) return;
    this.seed(this.snapshots);
    for (const name of topics) resnapshot(this.deps.hub, this.topic(name));
  };

  close(): void {
    this.closed = true;
    this.version.close();
  }

  /**
   * Whether a browser can receive the `figures` answers now: one watching the account's topic (or
   * the topic of all accounts that folds it, if one does: allAccountsFanout.ts), or any behind Redis.
   */
  private heard(): boolean {
    if (this.deps.relayed === true) return true;
    const topic = this.topic("figures");
    const together = allAccountsTopicOf(topic);
    return this.deps.hub.watched(topic) || (together !== undefined && this.deps.hub.watched(together));
  }

  /** An update or snapshot of the plain topics under this account's names (market topics as they are). */
  private named<U extends TopicUpdate | TopicSnapshot>(update: U): U {
    return this.deps.topicAccount === undefined || update.topic.startsWith("market.")
      ? update
      : ({ ...update, topic: this.topic(update.topic as AccountTopic) } as U);
  }
}

/**
 * Sends a fresh snapshot of `topic` to every browser watching it (its state was reloaded), by
 * subscribing them again: they see `unsubscribed`, `subscribed`, then the snapshot. The topic of
 * all accounts together it is part of (allAccountsFanout.ts) is sent again too.
 */
export function resnapshot(hub: TopicHub, topic: Topic): void {
  const together = allAccountsTopicOf(topic);
  for (const session of hub.sessions()) {
    for (const watched of together === undefined ? [topic] : [topic, together]) {
      if (!session.subscribedTopics().includes(watched)) continue;
      session.unsubscribe([watched]);
      session.subscribe([watched]);
    }
  }
}
