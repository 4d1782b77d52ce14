import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { PRE_SESSION_COOKIE } from "@/lib/auth/csrf";
import { env } from "@/lib/env";

/**
 * The sign-in page needs a CSRF token before there is a session: this gives the
 * browser a random pre-session cookie (and hands it to the page in the same
 * request), and the page binds its token to it. Nothing else passes through here.
 */
export function proxy(req: NextRequest): NextResponse {
  if (req.cookies.get(PRE_SESSION_COOKIE)?.value) return NextResponse.next();
  const nonce = randomBytes(24).toString("base64url");
  req.cookies.set(PRE_SESSION_COOKIE, nonce);
  const res = NextResponse.next({ request: { headers: req.headers } });
  const secure = env.publicUrl.startsWith("https:") || req.headers.get("x-forwarded-proto") === "https";
  res.cookies.set(PRE_SESSION_COOKIE, nonce, { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: 3600 });
  return res;
}

export const config = { matcher: ["/ko/sign-in", "/en/sign-in"] };
