/**
 * Alerts, put together: the rules (the config file's, read-only but mutable; the dashboard's, in
 * SQLite), the engine that raises alerts into the outbox, and the worker that delivers them. What
 * the gateway's HTTP API calls (packages/gateway/src/http/routes/alerts.ts). Every channel URL's tokens are handed to the log
 * scrubber as soon as the rule is known, and the API only ever shows the URL masked.
 */
import { createHash } from "node:crypto";
import type { AlertDeliveryItem, AlertNotice, AlertRuleItem, TopicUpdate } from "@mexc-live/contract";
import { parseJson } from "@mexc-live/protocol";
import type { AlertStore, StoredRule } from "./alertStore.js";
import { channelKind, channelSecrets, destinationKey, maskChannelUrl } from "./channels/channelUrl.js";
import { type OutgoingMessage, summarize } from "./channels/format.js";
import type { ChannelEndpoints, ChannelSender } from "./channels/httpPost.js";
import { createSender } from "./channels/senders.js";
import { ALERT_BROWSER_INTERVAL_MS, ALERT_LOG_MAX, ALERT_MAX_FOLD, ALERT_SEND_TIMEOUT_MS } from "./defaults.js";
import { type DeliveryTimings, DeliveryWorker } from "./delivery.js";
import { AlertEngine } from "./engine.js";
import { AlertRuleError } from "./errors.js";
import type { AlertLog } from "./log.js";
import { testNotice } from "./notices.js";
import { type AlertRule, checkRule, type RuleDraft, ruleItem, toRule } from "./rules.js";

export interface AlertServiceDeps {
  readonly tables: AlertStore;
  /** The config file's rules, checked at start-up (settings.ts). */
  readonly configRules: readonly RuleDraft[];
  /** Publishes to open dashboards (the `alerts` topic). */
  readonly publish: (update: TopicUpdate) => void;
  /** The gateway's quote currency. */
  readonly quote: string;
  readonly endpoints: ChannelEndpoints;
  readonly logger: AlertLog;
  /** Adds a secret to the log scrubber. */
  readonly addSecret: (secret: string) => void;
  readonly timings?: Partial<DeliveryTimings>;
  readonly sendTimeoutMs?: number;
  readonly now?: () => number;
}

const SINCE_KEY = "since";

export class AlertService {
  readonly engine: AlertEngine;
  private readonly worker: DeliveryWorker;
  private readonly now: () => number;
  private readonly senders = new Map<string, ChannelSender>();
  private rules: AlertRule[] = [];

  constructor(private readonly deps: AlertServiceDeps) {
    this.now = deps.now ?? Date.now;
    const { tables } = deps;
    let since = Number(tables.state(SINCE_KEY));
    if (!Number.isFinite(since) || since <= 0) {
      since = this.now();
      tables.setState(SINCE_KEY, String(since));
    }
    this.load();
    this.engine = new AlertEngine({
      rules: () => this.rules,
      enqueue: (rule, notice) => this.raise(rule, notice),
      since,
      quote: deps.quote,
    });
    this.worker = new DeliveryWorker({
      tables,
      // Never another destination than the alert was raised for (a config file edited meanwhile).
      ruleFor: (ruleId, destination) =>
        this.rules.find((rule) => rule.id === ruleId && rule.destination === destination) ??
        this.rules.find((rule) => rule.destination === destination),
      senderFor: (rule) => this.senderFor(rule),
      describe: (notices) => summarize({ id: "", notices }).title,
      logger: deps.logger,
      ...(deps.timings ? { timings: deps.timings } : {}),
      now: this.now,
    });
  }

  start(): void {
    this.worker.start();
  }

  close(): Promise<void> {
    return this.worker.close();
  }

  /** Every rule, the config file's first, URLs masked. */
  list(): AlertRuleItem[] {
    return this.rules.map(ruleItem);
  }

  /** Adds a dashboard rule; throws AlertRuleError BAD_RULE naming the field. */
  add(input: unknown): AlertRuleItem {
    const checked = checkRule(input, false);
    if (!checked.ok) throw new AlertRuleError("BAD_RULE", `${checked.field || "body"}: ${checked.message}`);
    const { draft } = checked;
    for (const secret of channelSecrets(draft.target)) this.deps.addSecret(secret);
    const stored = this.deps.tables.addRule(draft.on, draft.url, JSON.stringify(draft.conditions));
    this.load();
    const rule = this.rule(String(stored.id));
    this.deps.logger.info(
      { component: "alerts", rule: rule.id, on: rule.on, to: maskChannelUrl(rule.target) },
      "alert rule added",
    );
    return ruleItem(rule);
  }

  setMuted(id: string, muted: boolean): AlertRuleItem {
    const rule = this.rule(id);
    if (rule.source === "config") this.deps.tables.setConfigRuleMuted(id, muted);
    else this.deps.tables.setRuleMuted(Number(id), muted);
    this.load();
    this.deps.logger.info({ component: "alerts", rule: id, muted }, muted ? "alert rule muted" : "alert rule unmuted");
    return ruleItem(this.rule(id));
  }

  remove(id: string): void {
    const rule = this.rule(id);
    if (rule.source === "config") {
      throw new AlertRuleError(
        "RULE_FROM_CONFIG",
        `rule ${id} is in the config file: remove it there (it can be muted here)`,
      );
    }
    this.deps.tables.removeRule(Number(id));
    this.load();
    this.deps.logger.info({ component: "alerts", rule: id }, "alert rule removed");
  }

  /** Sends a test alert through the rule's channel now (muted or not); returns the delivery's id. */
  test(id: string): string {
    const rule = this.rule(id);
    const { tables } = this.deps;
    tables.raise(rule.destination, rule.id, testNotice(this.now(), rule.id));
    const delivery = tables.openDestinations().has(rule.destination)
      ? undefined
      : tables.gather(
          {
            destination: rule.destination,
            ruleId: rule.id,
            channel: channelKind(rule.target),
            toMasked: maskChannelUrl(rule.target),
            max: ALERT_MAX_FOLD,
          },
          (notices) => summarize({ id: "", notices }).title,
        );
    this.worker.tick();
    return delivery === undefined ? "queued" : String(delivery);
  }

  deliveries(limit: number): AlertDeliveryItem[] {
    return this.deps.tables.deliveries(Math.min(Math.max(1, limit), ALERT_LOG_MAX));
  }

  private raise(rule: AlertRule, notice: AlertNotice): void {
    try {
      this.deps.tables.raise(rule.destination, rule.id, notice);
    } catch (error) {
      this.deps.logger.error({ err: error, component: "alerts", rule: rule.id }, "alert could not be stored");
    }
  }

  private rule(id: string): AlertRule {
    const rule = this.rules.find((candidate) => candidate.id === id);
    if (rule === undefined) throw new AlertRuleError("NO_SUCH_RULE", `no alert rule ${id}`);
    return rule;
  }

  private senderFor(rule: AlertRule): ChannelSender {
    let sender = this.senders.get(rule.destination);
    if (sender === undefined) {
      sender =
        rule.target.kind === "browser"
          ? browserSender(this.deps.publish)
          : createSender(rule.target, {
              endpoints: this.deps.endpoints,
              timeoutMs: this.deps.sendTimeoutMs ?? ALERT_SEND_TIMEOUT_MS,
            });
      this.senders.set(rule.destination, sender);
    }
    return sender;
  }

  /** (Re)reads the rules: the config file's, then the dashboard's. */
  private load(): void {
    const { tables, configRules, logger } = this.deps;
    const muted = tables.mutedConfigRules();
    const rules: AlertRule[] = [];
    for (const draft of configRules) {
      const id = configRuleId(draft);
      // The same rule twice in the file is one rule.
      if (rules.some((rule) => rule.id === id)) continue;
      rules.push(toRule(draft, { id, source: "config", muted: muted.has(id), createdAt: 0 }));
    }
    for (const stored of tables.rules()) {
      const rule = fromStored(stored);
      if (rule === undefined) {
        logger.warn({ component: "alerts", rule: stored.id }, "stored alert rule no longer valid; skipped");
        continue;
      }
      rules.push(rule);
    }
    for (const rule of rules) for (const secret of channelSecrets(rule.target)) this.deps.addSecret(secret);
    this.rules = rules;
  }
}

/**
 * A config-file rule's id: `config-` and a digest of what it is (event, destination, conditions),
 * so it names the same rule after the file is reordered or edited elsewhere (mutes and waiting
 * alerts follow the rule, not its position).
 */
export function configRuleId(draft: RuleDraft): string {
  const digest = createHash("sha256")
    .update(
      `mexc-live alert rule v1\n${draft.on}\n${destinationKey(draft.target)}\n${JSON.stringify(draft.conditions)}`,
    )
    .digest("hex");
  return `config-${digest.slice(0, 10)}`;
}

function fromStored(stored: StoredRule): AlertRule | undefined {
  const conditions = parseJson(stored.conditions);
  if (conditions === undefined) return undefined;
  const checked = checkRule({ on: stored.event, to: stored.channelUrl, conditions }, false);
  if (!checked.ok) return undefined;
  return toRule(checked.draft, {
    id: String(stored.id),
    source: "dashboard",
    muted: stored.muted,
    createdAt: stored.createdAt,
  });
}

/**
 * Open dashboards: the alert (or a burst's summary) on the `alerts` topic. Its id is the
 * delivery's, not the event's, so a masked trade id never reaches a browser through it.
 */
function browserSender(publish: (update: TopicUpdate) => void): ChannelSender {
  return {
    kind: "browser",
    minIntervalMs: ALERT_BROWSER_INTERVAL_MS,
    async send(message: OutgoingMessage) {
      const { notices } = message;
      const first = notices[0];
      if (first === undefined) return { ok: true };
      const summary = summarize(message);
      const time = notices[notices.length - 1]?.time ?? first.time;
      const data: AlertNotice = {
        id: `alert:${message.id}`,
        event: first.event,
        time,
        title: summary.title,
        text: summary.text,
        fields: notices.length === 1 ? browserFields(first) : { count: notices.length },
      };
      publish({ topic: "alerts", data, exchangeTime: time, receiveTime: Date.now() });
      return { ok: true };
    },
  };
}

/** A single alert's fields for a browser, without the ids a user may have masked. */
function browserFields(notice: AlertNotice): AlertNotice["fields"] {
  const { tradeId: _tradeId, orderId: _orderId, clientOrderId: _clientOrderId, ...rest } = notice.fields;
  return rest;
}
