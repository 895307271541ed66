/**
 * POST /api/login {token} opens a session and sets its id as a cookie (HttpOnly, SameSite=Strict,
 * Secure over https), so the dashboard and its WebSocket are authorized without the token in any
 * URL or cookie. Accepts JSON, or the not-built page's plain form (which is then sent back to `/`).
 * POST /api/logout ends the session on the server (its open streams are closed) and clears the cookie.
 * Wrong tokens count against the client address; past the limit it gets 429 with Retry-After
 * whatever token it sends (security/failedTokenLimit.ts).
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { HttpError } from "../errors.js";
import type { AccessPolicy } from "./accessPolicy.js";
import { tokenRefusal } from "./guard.js";
import { credentialOf, sessionCookie } from "./token.js";

const FORM = "application/x-www-form-urlencoded";

const loginBody = z.object({ token: z.string().min(1).max(512) });

export function loginRoutes(app: FastifyInstance, policy: AccessPolicy): void {
  app.addContentTypeParser(FORM, { parseAs: "string" }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.post("/api/login", async (request, reply) => {
    const parsed = loginBody.safeParse(request.body);
    if (!parsed.success) throw new HttpError("BAD_REQUEST", "token: required, a string of 1 to 512 characters");
    if (!policy.tokenRequired) return { ok: true, tokenRequired: false };
    const check = policy.checkToken(parsed.data.token, request.ip);
    if (!check.ok) throw tokenRefusal(check, reply, "token: wrong");
    const secure = policy.secureFor(request.raw);
    reply.header(
      "set-cookie",
      sessionCookie(policy.sessions.open(), { secure, maxAgeSeconds: policy.sessions.maxAgeSeconds }),
    );
    if (request.headers["content-type"]?.startsWith(FORM)) return reply.redirect("/", 303);
    return { ok: true, tokenRequired: true };
  });

  app.post("/api/logout", async (request, reply) => {
    const given = credentialOf(request.headers);
    if (given?.kind === "session") policy.sessions.close(given.value);
    reply.header("set-cookie", sessionCookie("", { secure: policy.secureFor(request.raw), maxAgeSeconds: 0 }));
    return { ok: true };
  });
}
