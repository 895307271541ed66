/**
 * Maintenance windows (docs/mexc/undocumented.md#requests-and-answers item 11.15): while one is open, every /api/v3 request is answered as MEXC
 * answers under maintenance, in one of its two forms, alternating request by request:
 *
 * - `{"code":11444,"msg":"This feature is temporarily unavailable..."}` (ccxt's exception map,
 *   11444: OnMaintenance), HTTP 400 [UNCONFIRMED: status not captured];
 * - `{"code":500,"message":"Under maintenance, please try again later","announcement":...}`
 *   (ccxt's mexc.js handleErrors comment: `message`, not `msg`), HTTP 503 [UNCONFIRMED].
 *
 * Which requests MEXC's maintenance covers is not reported: we refuse every REST call and leave
 * the WebSocket streams running [UNCONFIRMED]. Windows open through POST /_sim/maintenance, or
 * by the `maintenance` fault (a roll every second while none is open, faults.ts) for
 * MAINTENANCE_FAULT_WINDOW_MS of real time. The `maintenance` behaviour off: no window ever opens.
 */
import type { SimClock } from "./clock.js";
import { restErrors, type SimError } from "./errors.js";
import type { FaultPlan } from "./types.js";

/** A window the fault opens lasts this long (real ms; ours). */
const MAINTENANCE_FAULT_WINDOW_MS = 8_000;
/** How often the fault is rolled while no window is open (real ms). */
const MAINTENANCE_FAULT_CHECK_MS = 1_000;

export type MaintenanceForm = "code" | "message";
export const MAINTENANCE_FORMS: readonly MaintenanceForm[] = ["code", "message"];

export interface MaintenanceView {
  readonly active: boolean;
  /** Wall-clock ms the window closes; null when none is open. */
  readonly until: number | null;
  /** Requests refused in this window and before. */
  readonly refused: number;
}

export interface Maintenance {
  /** The error to answer now, or undefined outside a window. */
  refusal(): SimError | undefined;
  /** Opens a window of `realMs` (0 closes the open one); `form` fixes the answer's form (default: alternating). */
  open(realMs: number, form?: MaintenanceForm): MaintenanceView;
  view(): MaintenanceView;
  stop(): void;
}

export function createMaintenance(deps: {
  readonly clock: SimClock;
  readonly faults: FaultPlan;
  readonly enabled: boolean;
}): Maintenance {
  let until = 0;
  let fixedForm: MaintenanceForm | undefined;
  let refused = 0;
  const now = () => deps.clock.now();
  const view = (): MaintenanceView => ({ active: now() < until, until: now() < until ? until : null, refused });
  const open = (realMs: number, form?: MaintenanceForm) => {
    until = deps.enabled && realMs > 0 ? now() + realMs : 0;
    fixedForm = form;
    return view();
  };
  const timer = setInterval(() => {
    if (now() < until || !deps.faults.roll("maintenance")) return;
    deps.faults.count("maintenance");
    open(MAINTENANCE_FAULT_WINDOW_MS);
  }, MAINTENANCE_FAULT_CHECK_MS);
  timer.unref();

  return {
    refusal() {
      if (now() >= until) return undefined;
      refused++;
      const form = fixedForm ?? (refused % 2 === 0 ? "message" : "code");
      return form === "code" ? restErrors.maintenanceCode() : restErrors.maintenanceMessage();
    },
    open,
    view,
    stop: () => clearInterval(timer),
  };
}
