import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { jsonResponse, readFields, redirect303, tooLargeResponse, wantsJson } from "@/lib/http/action-route";
import { clientAddress, isSameOrigin, isSecureRequest } from "@/lib/http/request-info";
import { serverSecret } from "@/lib/secret";
import { subscribe } from "@/lib/subscriptions/subscribe";
import { DRAFT_COOKIE } from "@/lib/subscriptions/draft-cookie";
import { subscriptionsOffered } from "@/lib/subscriptions/subscriptions-offered";

/** An address and a service's slug fit in far less; nothing larger is read. */
const MAX_BODY = 4 * 1024;

const MESSAGES: Record<string, string> = {
  invalid_email: "that is not an e-mail address",
  unknown_service: "no such service",
  rate_limited: "too many subscription requests from this address; wait and try again",
  not_offered: "this instance sends no mail (no SMTP server is configured)",
  bad_request: "send a form with service and email",
};

/**
 * POST /actions/subscriptions: the service page's form (works without JavaScript). No account and
 * no CSRF token (the public page carries none): cross-site posts are refused, and the limits in
 * lib/subscriptions/subscribe.ts keep the form from mailing a stranger more than a few times a day.
 * The answer never says whether the address was known, and never repeats it.
 */
export async function POST(req: Request): Promise<Response> {
  if (!isSameOrigin(req)) return jsonResponse({ error: { code: "cross_origin", message: "cross-site requests are refused" } }, 403);
  const read = await readFields(req, MAX_BODY);
  if (read.tooLarge) return tooLargeResponse(MAX_BODY);
  const fields = read.fields ?? {};
  const lang = fields.lang === "en" ? "en" : "ko";
  const slug = (fields.service ?? "").slice(0, 100);
  const json = wantsJson(req);
  const answer = (code: string | null, status: number, extra: Record<string, string> = {}) => {
    if (json) return code ? jsonResponse({ error: { code, message: MESSAGES[code] } }, status, extra) : jsonResponse({ ok: true }, 200);
    const q = new URLSearchParams({ service: slug, ...(code ? { error: code } : { step: "sent" }) });
    // What was typed comes back in the form after an error (never in the address bar): a cookie
    // only this browser holds, for the subscription page only, for five minutes.
    const typed = code && fields.email ? encodeURIComponent(fields.email.slice(0, 254)) : "";
    const cookie = `${DRAFT_COOKIE}=${typed}; Path=/${lang}/subscriptions; Max-Age=${typed ? 300 : 0}; HttpOnly; SameSite=Strict${isSecureRequest(req) ? "; Secure" : ""}`;
    return redirect303(`/${lang}/subscriptions?${q}`, { "Set-Cookie": cookie });
  };
  if (!read.fields || !slug || fields.email === undefined) return answer("bad_request", 400);
  if (!subscriptionsOffered()) return answer("not_offered", 404);
  const result = await subscribe(await getDb(), {
    slug,
    email: fields.email,
    client: clientAddress(req),
    now: new Date(),
    secret: serverSecret(),
    publicUrl: env.publicUrl,
  });
  if (!result.ok) {
    const status = result.reason === "rate_limited" ? 429 : result.reason === "unknown_service" ? 404 : 400;
    return answer(result.reason, status, result.retryAfterSec ? { "Retry-After": String(result.retryAfterSec) } : {});
  }
  return answer(null, 200);
}
