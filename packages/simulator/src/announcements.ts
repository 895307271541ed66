/**
 * MEXC's platform announcements, as the simulator keeps them (served by rest/routes/announcements.ts):
 * newest first; it starts with one listing notice, and the admin route POST /_sim/announcements
 * adds one (a maintenance notice, say).
 */
import type { RestAnnouncement } from "@mexc-live/protocol/rest";
import type { SimClock } from "./clock.js";

/** Announcements kept; the oldest go first (a bound on what the admin route can add). */
const ANNOUNCEMENTS_KEPT_MAX = 1_000;
/** Where the links point: MEXC's own site, never fetched. */
const LINK_BASE = "https://www.mexc.com/announcements/";

export interface Announcements {
  /** Adds one posted now; returns it. */
  add(title: string): RestAnnouncement;
  list(): readonly RestAnnouncement[];
}

export function createAnnouncements(clock: SimClock): Announcements {
  const items: RestAnnouncement[] = [];
  let next = 1;
  const add = (title: string): RestAnnouncement => {
    const item = { title, url: `${LINK_BASE}${next++}`, language: "en-US", postTime: clock.now() };
    items.unshift(item);
    if (items.length > ANNOUNCEMENTS_KEPT_MAX) items.pop();
    return item;
  };
  add("MEXC will list the FROP/USDT spot pair");
  return { add, list: () => items };
}
