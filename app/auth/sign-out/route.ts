import { clearedSessionCookie, destroySession, SESSION_COOKIE } from "@/lib/auth/session-store";
import { actionRoute } from "@/lib/http/action-route";
import { isSecureRequest, requestCookies } from "@/lib/http/request-info";

/** POST /auth/sign-out: ends this browser's session. */
export const POST = actionRoute(async ({ db, req, fields }) => {
  await destroySession(db, requestCookies(req).get(SESSION_COOKIE)!);
  const lang = fields.lang === "en" ? "en" : "ko";
  return { notice: "signed_out", back: `/${lang}`, setCookies: [clearedSessionCookie(isSecureRequest(req))] };
});
