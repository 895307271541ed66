import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LoginForm } from "./LoginForm.js";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const TOKEN = "s3cret-token-0123456789";

function stubFetch(status: number, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    return new Response(JSON.stringify({ ok: status === 200 }), { status, headers });
  });
  return calls;
}

describe("LoginForm", () => {
  it("posts the token in the request body, never in a URL, then reports the login", async () => {
    const calls = stubFetch(200);
    const onLoggedIn = vi.fn();
    render(<LoginForm onLoggedIn={onLoggedIn} />);
    fireEvent.change(screen.getByLabelText("Token"), { target: { value: TOKEN } });
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));
    await waitFor(() => expect(onLoggedIn).toHaveBeenCalledOnce());
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe("/api/login");
    expect(call?.init?.method).toBe("POST");
    expect(JSON.parse(String(call?.init?.body))).toEqual({ token: TOKEN });
    expect(call?.url).not.toContain(TOKEN);
    expect(window.location.href).not.toContain(TOKEN);
    expect(screen.getByRole("form", { name: "Log in" }).getAttribute("method")).toBe("post");
  });

  it("says so when the gateway refuses the token", async () => {
    stubFetch(401);
    const onLoggedIn = vi.fn();
    render(<LoginForm onLoggedIn={onLoggedIn} />);
    fireEvent.change(screen.getByLabelText("Token"), { target: { value: "wrong-token-0123456" } });
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/not the gateway's token/);
    expect(onLoggedIn).not.toHaveBeenCalled();
  });

  it("says how long to wait when the gateway blocks this address after too many wrong tokens", async () => {
    stubFetch(429, { "Retry-After": "37" });
    const onLoggedIn = vi.fn();
    render(<LoginForm onLoggedIn={onLoggedIn} />);
    fireEvent.change(screen.getByLabelText("Token"), { target: { value: "wrong-token-0123456" } });
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Too many wrong tokens.*try again in 37 s/);
    expect(onLoggedIn).not.toHaveBeenCalled();
  });
});
