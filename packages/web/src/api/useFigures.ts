/**
 * The derived figures the gateway serves over HTTP only (fees and the fee series by day, volume,
 * PnL by pair and by asset, and why their realized PnL differ): fetched on load and again after the figures move, when
 * readSchedule.ts says (the rule every panel keeps, so PnL by asset and PnL by period shown
 * together are read at the same instants; a burst of fills is one read), and at once when the cost-basis method or
 * the time zone changes (an answer for the previous one is dropped). Each is read on its own: one
 * the gateway cannot answer keeps what it showed, the others still move.
 */
import type {
  AssetPnlItem,
  CostMethodName,
  FeeDaysAnswer,
  FeeSummary,
  PnlItem,
  RealizedCauses,
  VolumeItem,
} from "@mexc-live/contract";
import { useEffect, useRef, useState } from "react";
import { figuresVersionOf } from "./figuresVersion.js";
import { getRead } from "./http.js";
import { movedReadAt } from "./readSchedule.js";

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
  /** The first read answered: until then an empty list is not "none", it is loading. */
  readonly loaded: boolean;
}

const EMPTY: Figures = {
  fees: null,
  feeDays: null,
  volume: [],
  pnl: [],
  pnlByAsset: null,
  realized: null,
  loaded: false,
};

/** A list answer's items; undefined when it failed or is not a list. */
function itemsOf<T>(answer: PromiseSettledResult<{ readonly items: readonly T[] }>): readonly T[] | undefined {
  return answer.status === "fulfilled" && Array.isArray(answer.value.items) ? answer.value.items : undefined;
}

/**
 * `version` changes whenever something the figures depend on changed (the figures version the
 * gateway pushes, and the newest fill id for a gateway that pushes none);
 * `method` is the cost basis of the PnL (null: the gateway's default); `tz` the time zone whose
 * days the volume is grouped by (the API's `tz=`: "UTC" or an IANA name; undefined: the gateway's UTC).
 */
export function useFigures(version: string, method: CostMethodName | null = null, tz?: string): Figures {
  const [figures, setFigures] = useState<Figures>(EMPTY);
  /** When the last read for a move went out (the first read, on mount, does not count). */
  const lastMovedFetch = useRef(Number.NEGATIVE_INFINITY);
  const mounted = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const controller = useRef<AbortController | null>(null);
  const sequence = useRef(0);
  const methodNow = useRef(method);
  methodNow.current = method;
  const tzNow = useRef(tz);
  tzNow.current = tz;

  const fetchNow = useRef(() => {});
  fetchNow.current = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const sent = ++sequence.current;
    const signal = controller.current?.signal;
    const method = methodNow.current;
    const tz = tzNow.current;
    Promise.allSettled([
      getRead("fees", {}, signal).then(bodyOf),
      getRead("feeDays", { tz }, signal).then(bodyOf),
      getRead("volume", { tz }, signal).then(bodyOf),
      getRead("pnl", { method }, signal).then(bodyOf),
      getRead("assetPnl", { method }, signal),
      getRead("realized", { method }, signal).then(bodyOf),
    ]).then(([fees, feeDays, volume, pnl, answer, realized]) => {
      if (sent !== sequence.current) return;
      const byAsset = answer.status === "fulfilled" ? { status: answer.status, value: answer.value.body } : answer;
      const byAssetItems = itemsOf(byAsset);
      // What could not be read, or came in another shape (an older gateway), is kept as it was.
      setFigures((held) => ({
        fees: fees.status === "fulfilled" ? fees.value : held.fees,
        feeDays: feeDays.status === "fulfilled" && Array.isArray(feeDays.value.items) ? feeDays.value : held.feeDays,
        volume: itemsOf(volume) ?? held.volume,
        pnl: itemsOf(pnl) ?? held.pnl,
        pnlByAsset: byAssetItems ?? held.pnlByAsset,
        realized:
          realized.status === "fulfilled" && Array.isArray(realized.value.causes) ? realized.value : held.realized,
        ...(byAssetItems !== undefined && answer.status === "fulfilled"
          ? { pnlByAssetVersion: figuresVersionOf(answer.value.headers) }
          : held.pnlByAssetVersion === undefined
            ? {}
            : { pnlByAssetVersion: held.pnlByAssetVersion }),
        loaded: held.loaded || itemsOf(volume) !== undefined || itemsOf(pnl) !== undefined,
      }));
    });
  };

  useEffect(() => {
    controller.current = new AbortController();
    return () => {
      clearTimeout(timer.current);
      timer.current = undefined;
      controller.current?.abort();
    };
  }, []);

  // On mount: at once (on a timer, so React's development double mount reads once, with the
  // controller that stays). Then, the figures moved: when readSchedule.ts says.
  useEffect(() => {
    if (timer.current !== undefined) return; // a read is already due
    if (!mounted.current) {
      mounted.current = true;
      timer.current = setTimeout(() => fetchNow.current(), 0);
      return;
    }
    const wait = movedReadAt(Date.now(), lastMovedFetch.current) - Date.now();
    timer.current = setTimeout(() => {
      lastMovedFetch.current = Date.now();
      fetchNow.current();
    }, wait);
  }, [version]);

  // Another method or time zone: at once (the first render's fetch is the version's).
  const fetchedFor = useRef(`${method}|${tz}`);
  useEffect(() => {
    if (fetchedFor.current === `${method}|${tz}`) return;
    fetchedFor.current = `${method}|${tz}`;
    fetchNow.current();
  }, [method, tz]);

  return figures;
}

function bodyOf<T>(answer: { readonly body: T }): T {
  return answer.body;
}
