import { CSRF_FIELD, PRE_SESSION_COOKIE, verifyCsrf } from "@/lib/auth/csrf";
import { signIn } from "@/lib/auth/sign-in";
import { sessionCookie } from "@/lib/auth/session-store";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { jsonResponse, readFields, redirect303, tooLargeResponse, wantsJson } from "@/lib/http/action-route";
import { clientAddress, isSameOrigin, isSecureRequest, requestCookies, safeBackPath } from "@/lib/http/request-info";

/** A username, a password, a token and a path back fit in far less; nothing larger is read. */
const MAX_SIGN_IN_BODY = 8 * 1024;

/**
 * POST /auth/sign-in: username and password from the sign-in page. The CSRF
 * token is bound to the pre-session cookie the page was served with.
 */
export async function POST(req: Request): Promise<Response> {
  if (!isSameOrigin(req)) return jsonResponse({ error: { code: "cross_origin", message: "cross-site requests are refused" } }, 403);
  const read = await readFields(req, MAX_SIGN_IN_BODY);
  if (read.tooLarge) return tooLargeResponse(MAX_SIGN_IN_BODY);
  const fields = read.fields ?? {};
  const lang = fields.lang === "en" ? "en" : "ko";
  const next = safeBackPath(fields.next, `/${lang}/desk`);
  const json = wantsJson(req);
  const back = (error: string, status: number, extra: Record<string, string> = {}) =>
    json
      ? jsonResponse(
          { error: { code: error, message: error === "rate_limited" ? "too many failed attempts; wait and try again" : "wrong username or password" } },
          status,
          extra,
        )
      : redirect303(`/${lang}/sign-in?error=${error}&next=${encodeURIComponent(next)}`);

  const pre = requestCookies(req).get(PRE_SESSION_COOKIE);
  if (!verifyCsrf(pre, "sign-in", fields[CSRF_FIELD]))
    return jsonResponse({ error: { code: "csrf", message: "missing or wrong CSRF token; reload the sign-in page and try again" } }, 403);
  if (!fields.username || !fields.password) return back("invalid", 401);

  const ttlMs = env.LEDGER_SESSION_HOURS * 3_600_000;
  const result = await signIn(await getDb(), { username: fields.username, password: fields.password, ip: clientAddress(req), now: new Date(), ttlMs });
  if (!result.ok)
    return back(result.reason, result.reason === "rate_limited" ? 429 : 401, result.retryAfterSec ? { "Retry-After": String(result.retryAfterSec) } : {});
  const secure = isSecureRequest(req);
  const cookies = [
    sessionCookie(result.token, ttlMs / 1000, secure),
    `${PRE_SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`,
  ];
  if (json) {
    const res = jsonResponse({ ok: true }, 200);
    for (const c of cookies) res.headers.append("Set-Cookie", c);
    return res;
  }
  return redirect303(next, { "Set-Cookie": cookies });
}
