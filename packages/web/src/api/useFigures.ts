/**
 * The derived figures of the account (fees and the fee series by day, volume, PnL by pair and by
 * asset, and why their realized PnL differ): read over HTTP on load, and at once when the cost-basis method or the time zone changes
 * (an answer for the previous one is dropped). After that the gateway's `figures` topic carries
 * the answers that changed (pushedFigures.ts): applied as they come, with no read; one it does not
 * carry for this query, and the volume, PnL by asset and the realized causes (never pushed), are read again, alone, when readSchedule.ts says (the rule every panel keeps,
 * so PnL by asset and PnL by period shown together are read at the same instants). A gateway that
 * pushes no answers: every figure is read again after the figures move. Each is read on its own:
 * one the gateway cannot answer keeps what it showed, the others still move; one the network or a
 * busy gateway (5xx) failed is read again at the schedule's next slot, and until one answer of it
 * came the panel says it is loading, not that there is nothing (after a failed read of PnL by pair
 * beside an answered volume it said "No PnL yet: it starts with the first fill" until the next
 * move; Docker changing the network under the browser fails reads: local CI #88).
 */
import {
  type AssetPnlItem,
  type CostMethodName,
  type FeeDaysAnswer,
  type FeeSummary,
  type FiguresVersion,
  type PnlItem,
  PUSHED_READS,
  type PushedReadName,
  type RealizedCauses,
  type VolumeItem,
} from "@mexc-live/contract";
import { useEffect, useRef, useState } from "react";
import { ApiError } from "../errors.js";
import { figuresVersionOf } from "./figuresVersion.js";
import { getRead } from "./http.js";
import { type HeldAt, takePush } from "./pushedFigures.js";
import { movedReadAt } from "./readSchedule.js";
import { useReadLifetime } from "./useReadLifetime.js";

export interface Figures {
  readonly fees: FeeSummary | null;
  /** GET /api/fees/days: every fee by day over the whole history. */
  readonly feeDays: FeeDaysAnswer | null;
  readonly volume: readonly VolumeItem[];
  /** GET /api/pnl: by pair. */
  readonly pnl: readonly PnlItem[];
  /** GET /api/pnl?by=asset; null until read (or when the gateway does not serve it). */
  readonly pnlByAsset: readonly AssetPnlItem[] | null;
  /** The figures version pnlByAsset was computed at (figuresVersion.ts); null: none sent; undefined: not read yet. */
  readonly pnlByAssetVersion?: number | null;
  /** GET /api/pnl/realized: the realized PnL by asset against the pairs' total, by cause; null until read. */
  readonly realized: RealizedCauses | null;
  /** The first answer of PnL by pair, of the volume came: until then an empty list is not "none", it is loading. */
  readonly loaded: { readonly pnl: boolean; readonly volume: boolean };
}

const EMPTY: Figures = {
  fees: null,
  feeDays: null,
  volume: [],
  pnl: [],
  pnlByAsset: null,
  realized: null,
  loaded: { pnl: false, volume: false },
};

/** A list answer's items; undefined when it failed or is not a list. */
/** Every figure this reads: those a push carries, and those it does not (contract PUSHED_READS), read over HTTP when the figures moved. */
type FigureRead = PushedReadName | "volume" | "assetPnl" | "realized";
const NOT_PUSHED: readonly FigureRead[] = ["volume", "assetPnl", "realized"];
const FIGURE_READS: readonly FigureRead[] = [...PUSHED_READS, ...NOT_PUSHED];

/** A read failed for a while, not for good: no connection (fetch's TypeError), or the gateway busy or failing (5xx). */
function failedForNow(answer: PromiseSettledResult<unknown>): boolean {
  if (answer.status !== "rejected") return false;
  const error: unknown = answer.reason;
  return error instanceof TypeError || (error instanceof ApiError && error.status >= 500);
}

function itemsOf<T>(answer: PromiseSettledResult<{ readonly items: readonly T[] }>): readonly T[] | undefined {
  return answer.status === "fulfilled" && Array.isArray(answer.value.items) ? answer.value.items : undefined;
}

/**
 * `version` changes whenever every figure is to be read again (for a gateway that pushes no
 * answers: the figures version it pushes, and the newest fill id); `pushed` the `figures` topic's
 * latest (null: none yet);
 * `method` is the cost basis of the PnL (null: the gateway's default); `tz` the time zone whose
 * days the volume is grouped by (the API's `tz=`: "UTC" or an IANA name; undefined: the gateway's UTC).
 */
export function useFigures(
  version: string,
  method: CostMethodName | null = null,
  tz?: string,
  pushed: FiguresVersion | null = null,
): Figures {
  const [figures, setFigures] = useState<Figures>(EMPTY);
  /** When the last read for a move went out (the first read, on mount, does not count). */
  const lastMovedFetch = useRef(Number.NEGATIVE_INFINITY);
  const mounted = useRef(false);
  const { timer, controller } = useReadLifetime();
  const sequence = useRef(0);
  /** Per read, the `sequence` of the read over HTTP that last asked it: its answer is the one taken. */
  const askedIn = useRef<{ -readonly [K in FigureRead]?: number }>({});
  const methodNow = useRef(method);
  methodNow.current = method;
  const tzNow = useRef(tz);
  tzNow.current = tz;

  /** Per read, the figures version the answer shown is current at: an older answer never replaces it. */
  const heldAt = useRef<{ -readonly [K in FigureRead]?: number }>({});
  /** The reads the next read over HTTP makes (all of them on load, for a new query, for a version). */
  const pending = useRef(new Set<FigureRead>(FIGURE_READS));
  /** Whether the read waiting on `timer` is for a move (readSoon), not the first read. */
  const forMove = useRef(false);
  /** The newest figures version pushed (an answer read without a version header is at least that). */
  const pushedVersion = useRef(Number.NEGATIVE_INFINITY);

  const fetchNow = useRef(() => {});
  fetchNow.current = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const sent = ++sequence.current;
    const signal = controller.current?.signal;
    const method = methodNow.current;
    const tz = tzNow.current;
    const names = new Set(pending.current);
    pending.current.clear();
    for (const name of names) askedIn.current[name] = sent;
    const askedAt = pushedVersion.current;
    const skip = Promise.reject(new Error("not read"));
    skip.catch(() => {});
    const read = <T>(name: FigureRead, answer: () => Promise<T>) => (names.has(name) ? answer() : skip);
    Promise.allSettled([
      read("fees", () => getRead("fees", {}, signal)),
      read("feeDays", () => getRead("feeDays", { tz }, signal)),
      read("volume", () => getRead("volume", { tz }, signal)),
      read("pnl", () => getRead("pnl", { method }, signal)),
      read("assetPnl", () => getRead("assetPnl", { method }, signal)),
      read("realized", () => getRead("realized", { method }, signal)),
    ]).then(([fees, feeDays, volume, pnl, assetPnl, realized]) => {
      // An answer is dropped only when its own read was asked again since (another method or zone,
      // a later move): a read of some figures going out first dropped the answers of the others
      // too, never asked again, and PnL by pair said "No PnL yet" for good (local CI #75, #77, #88,
      // #91, screenFit.e2e: by pair asked once, by asset and the causes twice).
      const ours = (name: FigureRead) => names.has(name) && askedIn.current[name] === sent;
      // One the network or a busy gateway failed: at the schedule's next slot, with any other due then.
      const answers = { fees, feeDays, volume, pnl, assetPnl, realized } as const;
      const again = FIGURE_READS.filter((name) => ours(name) && failedForNow(answers[name]));
      if (again.length > 0 && !signal?.aborted) readSoon.current(again);
      /** A read answer's body, if it is newer than what is held (the version it was computed at, at least). */
      const fresh = <T>(name: FigureRead, answer: PromiseSettledResult<{ body: T; headers: Headers }>) => {
        if (answer.status !== "fulfilled" || !ours(name)) return undefined;
        const at = figuresVersionOf(answer.value.headers) ?? askedAt;
        if (at < (heldAt.current[name] ?? Number.NEGATIVE_INFINITY)) return undefined;
        heldAt.current[name] = at;
        return answer.value;
      };
      const read = {
        fees: fresh("fees", fees)?.body,
        feeDays: fresh("feeDays", feeDays)?.body,
        volume: fresh("volume", volume)?.body,
        pnl: fresh("pnl", pnl)?.body,
        realized: fresh("realized", realized)?.body,
      };
      const byAsset = fresh("assetPnl", assetPnl);
      const byAssetItems = byAsset === undefined ? undefined : itemsOf({ status: "fulfilled", value: byAsset.body });
      const volumeItems = read.volume === undefined ? undefined : itemsOf({ status: "fulfilled", value: read.volume });
      const pnlItems = read.pnl === undefined ? undefined : itemsOf({ status: "fulfilled", value: read.pnl });
      // What could not be read, or came in another shape (an older gateway), is kept as it was.
      setFigures((held) => ({
        fees: read.fees ?? held.fees,
        feeDays: read.feeDays !== undefined && Array.isArray(read.feeDays.items) ? read.feeDays : held.feeDays,
        volume: volumeItems ?? held.volume,
        pnl: pnlItems ?? held.pnl,
        pnlByAsset: byAssetItems ?? held.pnlByAsset,
        realized: read.realized !== undefined && Array.isArray(read.realized.causes) ? read.realized : held.realized,
        ...(byAssetItems !== undefined && byAsset !== undefined
          ? { pnlByAssetVersion: figuresVersionOf(byAsset.headers) }
          : held.pnlByAssetVersion === undefined
            ? {}
            : { pnlByAssetVersion: held.pnlByAssetVersion }),
        loaded: {
          pnl: held.loaded.pnl || pnlItems !== undefined,
          volume: held.loaded.volume || volumeItems !== undefined,
        },
      }));
    });
  };

  /** A read of `names` when readSchedule.ts says (one already due takes them too). */
  const readSoon = useRef((_names: Iterable<FigureRead>) => {});
  readSoon.current = (names) => {
    for (const name of names) pending.current.add(name);
    if (timer.current !== undefined || pending.current.size === 0) return;
    const wait = movedReadAt(Date.now(), lastMovedFetch.current) - Date.now();
    forMove.current = true;
    timer.current = setTimeout(() => {
      lastMovedFetch.current = Date.now();
      fetchNow.current();
    }, wait);
  };

  // On mount: at once (on a timer, so React's development double mount reads once, with the
  // controller that stays). Then, every figure to be read again: when readSchedule.ts says.
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      forMove.current = false;
      timer.current = setTimeout(() => fetchNow.current(), 0);
      return;
    }
    readSoon.current(FIGURE_READS);
  }, [version]);

  // The gateway pushed the figures: what it carries for this query applied, what it does not read.
  useEffect(() => {
    // A message that is no figures version (the fake gateway's empty list of local CI #75-#91) moves nothing.
    if (pushed === null || !Number.isFinite(pushed.version)) return;
    pushedVersion.current = Math.max(pushedVersion.current, pushed.version);
    const { apply, read } = takePush(pushed, heldAt.current as HeldAt, methodNow.current, tzNow.current);
    for (const name of Object.keys(apply) as PushedReadName[]) heldAt.current[name] = pushed.version;
    // Those not changed since the answer held are current at this version too.
    for (const name of PUSHED_READS)
      if (apply[name] === undefined && !read.includes(name) && heldAt.current[name] !== undefined)
        heldAt.current[name] = pushed.version;
    // A read for a move still to go out drops what this push made current (carried, or not changed
    // since the answer held): after a push of the version alone (answers too slow under load) the
    // next push usually carries them, and the page read them over HTTP all the same (local CI #50).
    // The first read, on mount or for another query, reads everything.
    if (timer.current !== undefined && forMove.current) {
      for (const name of PUSHED_READS) if (heldAt.current[name] === pushed.version) pending.current.delete(name);
      if (pending.current.size === 0) {
        clearTimeout(timer.current);
        timer.current = undefined;
      }
    }
    if (Object.keys(apply).length > 0)
      setFigures((held) => ({
        ...held,
        ...(apply.fees === undefined ? {} : { fees: apply.fees }),
        ...(apply.feeDays === undefined ? {} : { feeDays: apply.feeDays }),
        ...(apply.pnl === undefined ? {} : { pnl: apply.pnl }),
      }));
    // What is not pushed is read again once the figures moved past it: PnL by asset at the same
    // instants as PnL by period, which reads on every move (issue 40, one moment on one screen).
    const moved =
      pushed.answers !== undefined && pushed.version > (heldAt.current.assetPnl ?? Number.NEGATIVE_INFINITY);
    if ((read.length > 0 || moved) && mounted.current) readSoon.current(moved ? [...read, ...NOT_PUSHED] : read);
  }, [pushed]);

  // Another method or time zone: at once (the first render's fetch is the version's).
  const fetchedFor = useRef(`${method}|${tz}`);
  useEffect(() => {
    if (fetchedFor.current === `${method}|${tz}`) return;
    fetchedFor.current = `${method}|${tz}`;
    heldAt.current = {};
    for (const name of FIGURE_READS) pending.current.add(name);
    fetchNow.current();
  }, [method, tz]);

  return figures;
}
