import { REPORT_LIMITS } from "@/core/citizen/report-rules";
import { getDb } from "@/lib/db";
import { readFields, redirect303, tooLargeResponse, wantsJson, jsonResponse } from "@/lib/http/action-route";
import { clientAddress, isSameOrigin } from "@/lib/http/request-info";
import { serverSecret } from "@/lib/secret";
import { reportClient } from "./client-key";
import { fileCitizenReport } from "./file-report";
import { issueChallenge } from "./proof-of-work";
import { reportTarget } from "./report-target";
import { invalidateAfterReport } from "./throttled-invalidate";

/** A report is a few short fields: anything larger is refused before it is read further. */
export const REPORT_BODY_BYTES = 2048;

const STATUS = { disabled: 403, bad_function: 400, bad_district: 400, bad_proof: 400, rate_limited: 429 } as const;

/** GET …/reports/challenge: a challenge bound to this service and this client, for the browser to solve. */
export async function reportChallenge(req: Request, slug: string): Promise<Response> {
  const t = await reportTarget(await getDb(), slug);
  if (!t) return jsonResponse({ error: { code: "not_found", message: `no service with slug "${slug}"` } }, 404);
  const now = Date.now();
  const client = reportClient(serverSecret(), clientAddress(req), now);
  const c = issueChallenge(serverSecret(), { slug, client, now, bits: REPORT_LIMITS.proofBits, ttlMs: REPORT_LIMITS.proofTtlMs });
  return jsonResponse(c, 200);
}

/**
 * POST …/reports. The page's script sends JSON with the solved challenge; the form without
 * JavaScript posts the same fields without it (and counts under the stricter limit) and is sent
 * back to the service page with the answer in `?report=`.
 */
export async function receiveCitizenReport(req: Request, slug: string): Promise<Response> {
  if (!isSameOrigin(req)) return jsonResponse({ error: { code: "cross_origin", message: "cross-site requests are refused" } }, 403);
  const json = wantsJson(req);
  const read = await readFields(req, REPORT_BODY_BYTES);
  if (read.tooLarge) return tooLargeResponse(REPORT_BODY_BYTES);
  const fields = read.fields;
  const lang = fields?.lang === "en" ? "en" : "ko";
  const back = (answer: string) => redirect303(`/${lang}/services/${encodeURIComponent(slug)}?report=${answer}#report`);
  if (!fields) return jsonResponse({ error: { code: "bad_request", message: `send a form or a JSON object of at most ${REPORT_BODY_BYTES} bytes` } }, 400);
  const db = await getDb();
  const t = await reportTarget(db, slug);
  if (!t) return jsonResponse({ error: { code: "not_found", message: `no service with slug "${slug}"` } }, 404);
  const proof = fields.challenge && fields.nonce ? { challenge: fields.challenge, nonce: fields.nonce } : null;
  const out = await fileCitizenReport(
    db,
    t,
    { functionKey: fields.function ?? "", district: fields.district || null, address: clientAddress(req), proof },
    { now: new Date(), secret: serverSecret() },
  );
  if (out.ok) {
    invalidateAfterReport();
    return json ? jsonResponse({ ok: true, counted: true, proof: out.proof }, 200) : back("ok");
  }
  if (!json) return back(out.code === "rate_limited" ? "limited" : "invalid");
  const extra: Record<string, string> = out.code === "rate_limited" ? { "Retry-After": String(out.retryAfterSec) } : {};
  return jsonResponse({ error: { code: out.code, message: out.message } }, STATUS[out.code], extra);
}
