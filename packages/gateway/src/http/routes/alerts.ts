/**
 * The alert rules' writes (README "Alerts"):
 *
 *   POST   /api/alerts/rules            {on, to, conditions?} -> 201 AlertRuleItem
 *   PATCH  /api/alerts/rules/:id        {muted} -> AlertRuleItem
 *   DELETE /api/alerts/rules/:id        -> 204 (a config-file rule: 409 RULE_FROM_CONFIG)
 *   POST   /api/alerts/rules/:id/test   -> 202 {delivery}
 *
 * Their reads, the rules and the delivery log, are rows of the API table (alertRules,
 * alertDeliveries: routes/reads.ts). Alerts run where the account's database is: a `--role web`
 * instance answers these writes 503 NOT_ON_WEB_INSTANCE (it reads the lists from its collector).
 */

import { type AlertRuleErrorCode, type AlertService, isAlertRuleError } from "@mexc-live/alerts";
import { API_PATHS } from "@mexc-live/contract";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { HttpError, type HttpErrorCode } from "../../errors.js";
import { writeScopeOf } from "../accountScope.js";
import type { AppDeps } from "../deps.js";

const RULE_ID = /^(?:config-[0-9a-f]{10}|\d{1,12})$/;
const patchBody = z.strictObject({ muted: z.boolean() });

/** The HTTP answer to each of the alerts' rule errors. */
const RULE_ERROR_ANSWERS: Record<AlertRuleErrorCode, HttpErrorCode> = {
  BAD_RULE: "BAD_REQUEST",
  NO_SUCH_RULE: "NOT_FOUND",
  RULE_FROM_CONFIG: "RULE_FROM_CONFIG",
};

/** Runs a call on the alert service, its rule errors answered with their HTTP status. */
function answered<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (isAlertRuleError(error)) throw new HttpError(RULE_ERROR_ANSWERS[error.code], error.message);
    throw error;
  }
}

export function alertsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const alerts = (request: FastifyRequest): AlertService => {
    const { alerts: service } = writeScopeOf(deps, request);
    if (service === undefined) {
      throw new HttpError("NOT_ON_WEB_INSTANCE", "alerts run on the collector (it holds the account's database)");
    }
    return service;
  };
  const ruleId = (id: string): string => {
    if (!RULE_ID.test(id)) throw new HttpError("NOT_FOUND", "no such alert rule");
    return id;
  };

  app.post(API_PATHS.addAlertRule, async (request, reply) => {
    const rule = answered(() => alerts(request).add(request.body));
    reply.code(201);
    return rule;
  });

  app.patch<{ Params: { id: string } }>(API_PATHS.alertRule, async (request) => {
    const parsed = patchBody.safeParse(request.body);
    if (!parsed.success) throw new HttpError("BAD_REQUEST", "muted: must be true or false (the only field)");
    return answered(() => alerts(request).setMuted(ruleId(request.params.id), parsed.data.muted));
  });

  app.delete<{ Params: { id: string } }>(API_PATHS.alertRule, async (request, reply) => {
    answered(() => alerts(request).remove(ruleId(request.params.id)));
    reply.code(204);
  });

  app.post<{ Params: { id: string } }>(API_PATHS.alertTest, async (request, reply) => {
    const delivery = answered(() => alerts(request).test(ruleId(request.params.id)));
    reply.code(202);
    return { delivery };
  });
}
