/**
 * The figures routes' version header (contract FIGURES_VERSION_HEADER): the version read before
 * an answer is computed, so an answer never claims a newer version than what it holds; a figure
 * that moved while it was computed moves the version again, and the dashboard reads again.
 */
import { FIGURES_VERSION_HEADER } from "@mexc-live/contract";
import type { FastifyReply } from "fastify";
import type { GatewayQueries } from "./queries/gatewayQueries.js";

/** Sets the header on `reply` from the version of `queries` now; nothing where no version is kept. */
export function sendFiguresVersion(reply: FastifyReply, queries: GatewayQueries): void {
  const version = queries.figuresVersion?.();
  if (version !== undefined) reply.header(FIGURES_VERSION_HEADER, String(version));
}
