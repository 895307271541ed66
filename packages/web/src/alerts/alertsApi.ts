/**
 * The gateway's alert rules and delivery log (/api/alerts/...). Every rule and delivery the API
 * returns carries its channel URL masked (`to`); the dashboard shows nothing else of it.
 */

import type { AlertRuleInput, AlertRuleItem } from "@mexc-live/contract";
import { deleteResource, getRead, routePath, sendJson } from "../api/http.js";

/** Deliveries shown in the log (the read alertDeliveries' `limit`). */
export const DELIVERIES_SHOWN = 50;

/** The rules (the API table's read alertRules). */
export async function listRules(signal?: AbortSignal): Promise<readonly AlertRuleItem[]> {
  return (await getRead("alertRules", {}, signal)).body.items;
}

/** 400 BAD_REQUEST with a message naming the field ("to: tgram:// needs BOT_TOKEN/CHAT_ID") when refused. */
export function addRule(input: AlertRuleInput): Promise<AlertRuleItem> {
  return sendJson<AlertRuleItem>("POST", routePath("addAlertRule"), input);
}

export function setRuleMuted(id: string, muted: boolean): Promise<AlertRuleItem> {
  return sendJson<AlertRuleItem>("PATCH", routePath("alertRule", { id }), { muted });
}

/** 409 RULE_FROM_CONFIG for a rule of the config file. */
export function removeRule(id: string): Promise<void> {
  return deleteResource(routePath("alertRule", { id }));
}

/** Sends a `test` alert through the rule's channel; the delivery's id. */
export async function sendTestAlert(id: string): Promise<string> {
  return (await sendJson<{ delivery: string }>("POST", routePath("alertTest", { id }), {})).delivery;
}
