import { READ_NAMES, READS, type ReadRow } from "@mexc-live/contract";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setDisplayZone, zoneOf } from "../format/timeZone.js";
import { getRead, scopeRequests } from "./http.js";

afterEach(() => {
  scopeRequests(undefined);
  setDisplayZone(zoneOf("UTC"));
  vi.unstubAllGlobals();
});

describe("the dashboard's reads of the API table", () => {
  it.each(READ_NAMES)(
    "%s: its row's path and selector, the account shown (not for the market's facts nor the list of accounts), the page's zone where it groups by day",
    async (name) => {
      const sent: string[] = [];
      vi.stubGlobal("fetch", async (url: string) => {
        sent.push(url);
        return new Response('{"items":[]}', { status: 200, headers: { "x-mexclive-figures-version": "7" } });
      });
      setDisplayZone(zoneOf("browser", "Asia/Kolkata"));
      scopeRequests("sub1");
      const row: ReadRow = READS[name];
      const { body, headers } = await getRead(name, { method: "fifo" });
      const url = new URL(sent[0] ?? "", "http://127.0.0.1");
      expect(url.pathname).toBe(row.path);
      expect(Object.fromEntries(url.searchParams)).toEqual({
        ...row.select,
        method: "fifo",
        ...(row.of === "market" || name === "accounts" ? {} : { account: "sub1" }),
        ...(row.params.tz === "zone" ? { tz: "Asia/Kolkata" } : {}),
      });
      expect(body).toEqual({ items: [] });
      expect(headers.get("x-mexclive-figures-version")).toBe("7");
    },
  );
});
