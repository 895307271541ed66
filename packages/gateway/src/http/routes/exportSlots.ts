/**
 * One export per account at a time (issue 37 item 2): an export reads the whole history, and two
 * of the same account at once only split the loop's time between copies of one file (four
 * concurrent fills.csv took 104 s at a million fills). A second export of an account while one
 * runs is answered 409 EXPORT_RUNNING; exports of different accounts run side by side. The
 * slot is released when the reply ends, fails, or the client goes away (the reply's `close`).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { HttpError } from "../../errors.js";
import type { AppDeps } from "../deps.js";

/** Exports running at once per account: one (a second waits for the first; nothing is queued). */
const MAX_EXPORTS_PER_ACCOUNT = 1;

/** The key of "all accounts together" (an unnamed read with several accounts): a slot of its own. */
const ALL_ACCOUNTS = "\u0000all";

/** Running exports by account, per app (its deps). */
const runningByApp = new WeakMap<AppDeps, Map<string, number>>();

/** Which account's slot a request takes (its ?account=, already checked by scopeOf). */
function accountKey(deps: AppDeps, request: FastifyRequest): string {
  const given = (request.query as Record<string, unknown> | undefined)?.account;
  const name = typeof given === "string" ? given : undefined;
  const { accounts } = deps;
  if (accounts === undefined) return "";
  if (name === undefined && accounts.all().length > 1) return ALL_ACCOUNTS;
  return accounts.pick(name).name;
}

/**
 * Takes the request's account's export slot, to be given back when `reply` is done (ended,
 * failed or abandoned); HttpError EXPORT_RUNNING if the account's export is running.
 * Call it after the query is checked, so a bad query never holds the slot.
 */
export function takeExportSlot(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): void {
  let running = runningByApp.get(deps);
  if (running === undefined) {
    running = new Map();
    runningByApp.set(deps, running);
  }
  const key = accountKey(deps, request);
  const count = running.get(key) ?? 0;
  if (count >= MAX_EXPORTS_PER_ACCOUNT) {
    throw new HttpError("EXPORT_RUNNING", "an export of this account is already running; try again when it ends");
  }
  running.set(key, count + 1);
  const slots = running;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const left = (slots.get(key) ?? 1) - 1;
    if (left <= 0) slots.delete(key);
    else slots.set(key, left);
  };
  // `close` comes once the response is finished or its connection gone, whichever first.
  reply.raw.once("close", release);
  reply.raw.once("finish", release);
}
