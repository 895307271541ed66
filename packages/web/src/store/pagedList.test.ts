import { describe, expect, it } from "vitest";
import { appendOlderPage, mergeNewestPage } from "./pagedList.js";

interface Row {
  readonly id: string;
  readonly status?: string;
}
const row = (id: string, status?: string): Row => (status === undefined ? { id } : { id, status });
const idOf = (r: Row) => r.id;
const ids = (rows: readonly Row[]) => rows.map(idOf);

describe("appendOlderPage", () => {
  it("appends an older page behind the held rows, skipping rows already held, up to the cap", () => {
    const held = [row("9"), row("8")];
    expect(ids(appendOlderPage(held, [row("8"), row("7"), row("6")], idOf, 10))).toEqual(["9", "8", "7", "6"]);
    expect(ids(appendOlderPage(held, [row("7"), row("6")], idOf, 3))).toEqual(["9", "8", "7"]);
    expect(appendOlderPage(held, [row("8")], idOf, 10)).toBe(held);
  });
});

describe("mergeNewestPage", () => {
  it("puts new rows in front and replaces held copies with the page's (a deposit that completed)", () => {
    const held = [row("3", "pending"), row("2"), row("1")];
    const merged = mergeNewestPage(held, [row("5"), row("4"), row("3", "completed")], false, idOf, 100);
    expect(merged?.items).toEqual([row("5"), row("4"), row("3", "completed"), row("2"), row("1")]);
    expect(merged?.added).toEqual(["5", "4"]);
  });

  it("takes a first page as it is, with nothing marked new", () => {
    expect(mergeNewestPage([], [row("2"), row("1")], false, idOf, 100)).toEqual({
      items: [row("2"), row("1")],
      added: [],
    });
  });

  it("reports a gap when more arrived than one page holds, rather than show a list with a hole", () => {
    expect(mergeNewestPage([row("1")], [row("9"), row("8")], false, idOf, 100)).toBeUndefined();
    // A page that is the whole history has no gap: it is the list.
    expect(mergeNewestPage([row("1")], [row("9"), row("8")], true, idOf, 100)?.items).toEqual([row("9"), row("8")]);
  });
});
