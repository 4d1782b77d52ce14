import { getDb } from "@/lib/db";
import { jsonResponse, readFields, redirect303, tooLargeResponse, wantsJson } from "@/lib/http/action-route";
import { isSameOrigin } from "@/lib/http/request-info";
import { confirmSubscription } from "@/lib/subscriptions/manage-subscription";

const MAX_BODY = 1024;

/**
 * POST /actions/subscriptions/confirm: the button on the page the confirmation mail links to. The
 * link itself (GET) changes nothing, so a mail scanner that opens every link confirms nobody.
 */
export async function POST(req: Request): Promise<Response> {
  if (!isSameOrigin(req)) return jsonResponse({ error: { code: "cross_origin", message: "cross-site requests are refused" } }, 403);
  const read = await readFields(req, MAX_BODY);
  if (read.tooLarge) return tooLargeResponse(MAX_BODY);
  const fields = read.fields ?? {};
  const lang = fields.lang === "en" ? "en" : "ko";
  const done = await confirmSubscription(await getDb(), fields.token, new Date());
  if (wantsJson(req))
    return done
      ? jsonResponse({ ok: true, service: done.slug }, 200)
      : jsonResponse({ error: { code: "invalid_token", message: "the link is unknown or expired" } }, 404);
  return redirect303(`/${lang}/subscriptions?${new URLSearchParams(done ? { step: "confirmed", service: done.slug } : { error: "invalid_token" })}`);
}
