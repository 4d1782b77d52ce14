import { createHmac, timingSafeEqual } from "node:crypto";
import { serverSecret } from "@/lib/secret";

/**
 * CSRF tokens bound to the browser: HMAC(server secret, binding). For a
 * signed-in browser the binding is its session (the token's hash); on the
 * sign-in page, before there is a session, it is a random pre-session cookie
 * (set by proxy.ts), so a forged cross-site sign-in fails too. A form carries the
 * token in the field `csrf`, a script in the header X-CSRF-Token.
 */
export const PRE_SESSION_COOKIE = "ledger_pre";
export const CSRF_FIELD = "csrf";
export const CSRF_HEADER = "x-csrf-token";

export function csrfToken(binding: string, purpose: "session" | "sign-in"): string {
  return createHmac("sha256", serverSecret()).update(`${purpose}:${binding}`).digest("base64url");
}

export function verifyCsrf(binding: string | null | undefined, purpose: "session" | "sign-in", given: string | null | undefined): boolean {
  if (!binding || !given || given.length > 100) return false;
  const want = Buffer.from(csrfToken(binding, purpose));
  const got = Buffer.from(given);
  return want.length === got.length && timingSafeEqual(want, got);
}
