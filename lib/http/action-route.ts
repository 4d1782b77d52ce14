import { ZodError } from "zod";
import { ActionError } from "@/lib/actions/action-error";
import { CSRF_FIELD, CSRF_HEADER, verifyCsrf } from "@/lib/auth/csrf";
import { findSession, SESSION_COOKIE, type SessionUser } from "@/lib/auth/session-store";
import { getDb, type Db } from "@/lib/db";
import { logger } from "@/lib/log";
import { invalidateEdge } from "./invalidate-edge";
import { readBodyLimited } from "./read-body-limited";
import { isSameOrigin, requestCookies, safeBackPath } from "./request-info";

const log = logger("web");

export type ActionContext = { db: Db; user: SessionUser; fields: Record<string, string>; now: Date; req: Request };
export type ActionDone = { notice: string; back?: string; body?: Record<string, unknown>; setCookies?: string[] };

/** Largest body an action accepts: a form or a JSON object of strings. */
export const MAX_ACTION_BODY = 64 * 1024;

export type ReadFields = { fields: Record<string, string> | null; tooLarge: boolean };

/**
 * Fields of a form (urlencoded or multipart) or a JSON object of strings; null
 * when unreadable. The body is read only up to `maxBytes` (tooLarge past it).
 */
export async function readFields(req: Request, maxBytes: number = MAX_ACTION_BODY): Promise<ReadFields> {
  const type = req.headers.get("content-type") ?? "";
  const json = type.startsWith("application/json");
  if (!json && !type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    await req.body?.cancel().catch(() => undefined);
    return { fields: null, tooLarge: false };
  }
  const bytes = await readBodyLimited(req, maxBytes);
  if (!bytes) return { fields: null, tooLarge: true };
  try {
    if (json) {
      const v = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
      if (!v || typeof v !== "object" || Array.isArray(v)) return { fields: null, tooLarge: false };
      return { fields: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === "string" ? x : JSON.stringify(x)])), tooLarge: false };
    }
    const form = await new Response(bytes, { headers: { "content-type": type } }).formData();
    const out: Record<string, string> = {};
    for (const [k, v] of form.entries()) if (typeof v === "string") out[k] = k in out ? `${out[k]}\n${v}` : v;
    return { fields: out, tooLarge: false };
  } catch {
    return { fields: null, tooLarge: false };
  }
}

/** 413 in the JSON error shape every action and sign-in refusal uses. */
export function tooLargeResponse(maxBytes: number): Response {
  return jsonResponse({ error: { code: "too_large", message: `the request body may be at most ${maxBytes / 1024} KB` } }, 413);
}

export function wantsJson(req: Request): boolean {
  return (req.headers.get("content-type") ?? "").startsWith("application/json") || (req.headers.get("accept") ?? "").startsWith("application/json");
}

function langOf(path: string): "ko" | "en" {
  return path.startsWith("/en") ? "en" : "ko";
}

const noStore = { "Cache-Control": "no-store", Vary: "Cookie" };

export function jsonResponse(body: unknown, status: number, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...noStore, "Content-Type": "application/json; charset=utf-8", ...extra } });
}

export function redirect303(location: string, extra: Record<string, string | string[]> = {}): Response {
  const headers = new Headers(noStore);
  headers.set("Location", location);
  for (const [k, v] of Object.entries(extra)) for (const x of Array.isArray(v) ? v : [v]) headers.append(k, x);
  return new Response(null, { status: 303, headers });
}

function withParam(path: string, name: string, value: string): string {
  const [base, hash] = path.split("#", 2);
  const u = new URL(base!, "http://x");
  u.searchParams.set(name, value);
  return `${u.pathname}${u.search}${hash ? `#${hash}` : ""}`;
}

/**
 * Every state-changing route goes through here: same-origin check, a signed-in
 * user, a CSRF token bound to the session, then one action. Forms get a 303 back
 * to the page they came from (?notice=… or ?error=…); scripts get JSON.
 */
export function actionRoute<P>(handler: (ctx: ActionContext, params: P) => Promise<ActionDone>) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    const json = wantsJson(req);
    const refuse = (status: number, code: string, message: string, back: string): Response =>
      json ? jsonResponse({ error: { code, message } }, status) : redirect303(withParam(back, "error", code));
    if (!isSameOrigin(req)) return jsonResponse({ error: { code: "cross_origin", message: "cross-site requests are refused" } }, 403);
    // Read (and bounded) before anything else is done for the request.
    const read = await readFields(req);
    if (read.tooLarge) return tooLargeResponse(MAX_ACTION_BODY);
    const fields = read.fields;
    const back = safeBackPath(fields?.back, "/ko/desk");
    const db = await getDb();
    const now = new Date();
    const user = await findSession(db, requestCookies(req).get(SESSION_COOKIE), now);
    if (!user) {
      return json
        ? jsonResponse({ error: { code: "unauthenticated", message: "sign in first" } }, 401)
        : redirect303(`/${langOf(back)}/sign-in?next=${encodeURIComponent(back)}`);
    }
    if (!fields) return refuse(400, "bad_request", "send a form or a JSON object of at most 64 KB", back);
    if (!verifyCsrf(user.tokenHash, "session", fields[CSRF_FIELD] ?? req.headers.get(CSRF_HEADER))) {
      return jsonResponse({ error: { code: "csrf", message: "missing or wrong CSRF token; reload the page and try again" } }, 403);
    }
    try {
      const done = await handler({ db, user, fields, now, req }, await route.params);
      invalidateEdge();
      const cookies = done.setCookies ?? [];
      if (json) {
        const res = jsonResponse({ ok: true, notice: done.notice, ...done.body }, 200);
        for (const c of cookies) res.headers.append("Set-Cookie", c);
        return res;
      }
      return redirect303(withParam(safeBackPath(done.back, back), "notice", done.notice), { "Set-Cookie": cookies });
    } catch (err) {
      if (err instanceof ActionError) return refuse(err.status, err.code, err.message, back);
      if (err instanceof ZodError) return refuse(400, "invalid_input", err.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "), back);
      log.error({ err, url: req.url, user: user.username }, "action failed");
      return refuse(500, "server_error", "the action failed; nothing was changed", back);
    }
  };
}
