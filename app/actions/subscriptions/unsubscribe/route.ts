import { getDb } from "@/lib/db";
import { jsonResponse, readFields, redirect303, tooLargeResponse, wantsJson } from "@/lib/http/action-route";
import { unsubscribe } from "@/lib/subscriptions/manage-subscription";

const MAX_BODY = 1024;

/**
 * POST /actions/subscriptions/unsubscribe: the button on the unsubscribe page, and RFC 8058's
 * one-click unsubscribe, which a mail program sends itself (`List-Unsubscribe=One-Click`, the
 * token in the URL of the List-Unsubscribe header), from no page of ours: so no same-origin
 * check. The token alone is the permission, and all it can do is stop mail to its holder.
 * Unsubscribing twice answers the same.
 */
export async function POST(req: Request): Promise<Response> {
  const read = await readFields(req, MAX_BODY);
  if (read.tooLarge) return tooLargeResponse(MAX_BODY);
  const fields = read.fields ?? {};
  const token = fields.token ?? new URL(req.url).searchParams.get("token");
  const lang = fields.lang === "en" ? "en" : "ko";
  const done = await unsubscribe(await getDb(), token, new Date());
  if (fields["List-Unsubscribe"] === "One-Click" || wantsJson(req)) return jsonResponse({ ok: true, unsubscribed: done !== null }, 200);
  return redirect303(`/${lang}/subscriptions?${new URLSearchParams({ step: "unsubscribed", ...(done ? { service: done.slug } : {}) })}`);
}
