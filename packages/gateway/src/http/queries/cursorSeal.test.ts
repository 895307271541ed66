import { describe, expect, it } from "vitest";
import { createCursorSeal, PLAIN_CURSORS } from "./cursorSeal.js";

const CURSOR = Buffer.from(JSON.stringify({ time: 1_736_417_034_280, id: "505979017439123456X1" })).toString(
  "base64url",
);

describe("cursor seal", () => {
  it("opens what it sealed, and the sealed form shows nothing of the cursor", () => {
    const seal = createCursorSeal();
    const sealed = seal.seal(CURSOR);
    expect(seal.open(sealed)).toBe(CURSOR);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(sealed, "base64url").toString("latin1")).not.toContain("505979017439123456");
    expect(sealed).not.toContain(CURSOR.slice(0, 12));
  });

  it("refuses a cursor sealed by another process (a restart), an altered one, and garbage", () => {
    const seal = createCursorSeal();
    const sealed = seal.seal(CURSOR);
    expect(createCursorSeal().open(sealed)).toBeUndefined();
    const bytes = Buffer.from(sealed, "base64url");
    bytes[bytes.length - 1]! ^= 1;
    expect(seal.open(bytes.toString("base64url"))).toBeUndefined();
    expect(seal.open("AAAA")).toBeUndefined();
    expect(seal.open(CURSOR)).toBeUndefined();
  });

  it("passes cursors through unchanged when ids are not masked", () => {
    expect(PLAIN_CURSORS.open(PLAIN_CURSORS.seal(CURSOR))).toBe(CURSOR);
    expect(PLAIN_CURSORS.seal(CURSOR)).toBe(CURSOR);
  });
});
