import { describe, expect, it } from "vitest";
import { maskSecret, REDACTED, redactSecrets, redactUrl } from "./masking.js";

describe("maskSecret", () => {
  it("keeps the first 4 characters of a key and nothing more", () => {
    expect(maskSecret("mx0vAbCdEfGhIjKlMn")).toBe("mx0v…");
  });

  it("shows nothing of a short secret, or of none, but the one placeholder", () => {
    expect(maskSecret("hunter2pass")).toBe(REDACTED);
    expect(maskSecret("")).toBe(REDACTED);
    expect(maskSecret(undefined)).toBe(REDACTED);
    expect(REDACTED).toBe("[redacted]");
  });

  it("scrubs listen keys, signatures and the given secrets out of text", () => {
    const listenKey = "1955374b3a1e64a47fe177678229d1238539a746d4a62ea9475cc4a394230425";
    const text = `GET /ws?listenKey=${listenKey}&x=1 signature=${"ab".repeat(32)} key mx0vAbCdEfGhIjKlMn secret 45d0b3c26f2644f19bfb98b07741b2f5`;
    const safe = redactSecrets(text, ["mx0vAbCdEfGhIjKlMn", "45d0b3c26f2644f19bfb98b07741b2f5"]);
    expect(safe).not.toContain(listenKey);
    expect(safe).not.toContain("ab".repeat(32));
    expect(safe).not.toContain("mx0vAbCdEfGhIjKlMn");
    expect(safe).not.toContain("45d0b3c26f2644f19bfb98b07741b2f5");
    expect(safe).toContain("listenKey=[redacted]");
    expect(safe).toContain("mx0v…");
  });
});

describe("redactUrl", () => {
  it("takes out listen keys, signatures, tokens and a URL's password, and leaves the rest", () => {
    const url = "rediss://default:hunter2-secret@redis.example:6380/0";
    expect(redactUrl(url)).toBe("rediss://default:[redacted]@redis.example:6380/0");
    expect(redactUrl("wss://wbs-api.mexc.com/ws?listenKey=abcdef123456&x=1")).toBe(
      "wss://wbs-api.mexc.com/ws?listenKey=[redacted]&x=1",
    );
    expect(redactUrl("http://127.0.0.1:8080/?token=s3cret#top")).toBe("http://127.0.0.1:8080/?token=[redacted]#top");
    expect(redactUrl("redis://127.0.0.1:6379")).toBe("redis://127.0.0.1:6379");
  });
});
