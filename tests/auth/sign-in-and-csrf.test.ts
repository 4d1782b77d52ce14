import { beforeAll, describe, expect, it, vi } from "vitest";
import { ADDRESS_LIMIT } from "@/lib/auth/attempt-limits";
import { PRE_SESSION_COOKIE } from "@/lib/auth/csrf";
import { hashToken, SESSION_COOKIE } from "@/lib/auth/session-store";
import type { Db } from "@/lib/db";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";
import { createTestUser } from "../helpers/users";

/**
 * The sign-in and action routes called as Next.js calls them, against a
 * database of their own (as the open-data route tests do).
 */
type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let db: Db;
let signInRoute: (req: Request) => Promise<Response>;
let acknowledgeRoute: Route;
let updateRoute: Route;
let signOutRoute: Route;
let slug: string;
// loaded after the environment names the test's secret, like the routes
let csrfToken: (binding: string, purpose: "session" | "sign-in") => string;
let outageId: number;
let otherOutageId: number;

const ORIGIN = "http://ledger.test";
const PRE = "pre-session-nonce-for-tests-0123456789";

beforeAll(async () => {
  const t = await createTestDb();
  db = t.db;
  process.env.DATABASE_URL = t.url;
  process.env.LEDGER_SECRET = "a-test-signing-secret-of-at-least-32-chars";
  process.env.LEDGER_PUBLIC_URL = ORIGIN;
  vi.resetModules();
  signInRoute = (await import("@/app/auth/sign-in/route")).POST;
  ({ csrfToken } = await import("@/lib/auth/csrf"));
  acknowledgeRoute = (await import("@/app/actions/outages/[id]/acknowledge/route")).POST as unknown as Route;
  updateRoute = (await import("@/app/actions/outages/[id]/update/route")).POST as unknown as Route;
  signOutRoute = (await import("@/app/auth/sign-out/route")).POST as unknown as Route;
  const a = await createService(db, { confirm: 1 });
  const b = await createService(db, { confirm: 1 });
  slug = a.slug;
  const { recordResults } = await import("@/lib/store/record-results");
  for (const s of [a, b]) {
    await recordResults(db, s.refs, [
      {
        probeKey: s.probeKey("topup"),
        at: new Date(),
        intervalSec: 10,
        state: "DOWN",
        latencyMs: null,
        httpStatus: 503,
        errorClass: "ASSERTION_STATUS",
        message: null,
      },
    ]);
  }
  outageId = (await db.outage.findFirstOrThrow({ where: { service: { slug: a.slug } } })).id;
  otherOutageId = (await db.outage.findFirstOrThrow({ where: { service: { slug: b.slug } } })).id;
});

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

function signInRequest(fields: Record<string, string>, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}/auth/sign-in`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: `${PRE_SESSION_COOKIE}=${PRE}`,
      origin: ORIGIN,
      host: "ledger.test",
      "x-forwarded-for": "203.0.113.7",
      ...headers,
    },
    body: form({ csrf: csrfToken(PRE, "sign-in"), lang: "ko", ...fields }),
  });
}

function actionRequest(path: string, token: string | null, fields: Record<string, string>, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: ORIGIN,
      host: "ledger.test",
      ...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {}),
      ...headers,
    },
    body: form(fields),
  });
}

const params = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });

describe("sign-in", () => {
  it("a right password gives an httpOnly, SameSite=Lax session cookie (Secure behind https) and a session row holding only its hash", async () => {
    const op = await createTestUser(db, { role: "OPERATOR", services: [slug] });
    const res = await signInRoute(signInRequest({ username: op.username, password: op.password, next: "/ko/desk" }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/ko/desk");
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(session).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
    const token = session.split(";")[0]!.split("=")[1]!;
    expect(await db.session.count({ where: { tokenHash: hashToken(token) } })).toBe(1);
    expect(await db.session.count({ where: { tokenHash: token } })).toBe(0);

    const secure = await signInRoute(signInRequest({ username: op.username, password: op.password }, { "x-forwarded-proto": "https" }));
    expect(secure.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/; Secure$/);
  });

  it("a wrong password, an unknown account and a disabled account all get the same answer", async () => {
    const op = await createTestUser(db, { role: "OPERATOR", services: [slug] });
    const disabled = await createTestUser(db, { role: "COUNCIL" });
    await db.user.update({ where: { id: disabled.user.userId }, data: { disabledAt: new Date() } });
    for (const [username, password] of [
      [op.username, "not-the-password-at-all"],
      ["nobody-here", "whatever-password-1"],
      [disabled.username, disabled.password],
    ]) {
      const res = await signInRoute(
        signInRequest({ username: username!, password: password!, next: "/ko/desk" }, { "x-forwarded-for": `198.51.100.${username!.length}` }),
      );
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/ko/sign-in?error=invalid&next=%2Fko%2Fdesk");
      expect(res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
    }
  });

  it("after 5 failures from one address an account is locked there for 15 minutes, even against the right password; not elsewhere", async () => {
    const op = await createTestUser(db, { role: "OPERATOR", services: [slug] });
    for (let i = 0; i < 5; i++)
      await signInRoute(signInRequest({ username: op.username, password: `wrong-${i}-password` }, { "x-forwarded-for": "192.0.2.9" }));
    const res = await signInRoute(
      signInRequest({ username: op.username, password: op.password }, { accept: "application/json", "x-forwarded-for": "192.0.2.9" }),
    );
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(900);
    expect(await db.signInAttempt.count({ where: { username: op.username, ok: true } })).toBe(0);
    const elsewhere = await signInRoute(
      signInRequest({ username: op.username, password: op.password }, { accept: "application/json", "x-forwarded-for": "192.0.2.99" }),
    );
    expect(elsewhere.status).toBe(200);
  });

  it(`after ${ADDRESS_LIMIT} failures an address is refused, whichever account it tries`, async () => {
    const ip = "203.0.113.200";
    // the first ADDRESS_LIMIT - 1 failures as counted, to spare the password hashing
    await db.attemptLimit.create({ data: { key: `address:${ip}`, windowStart: new Date(), count: ADDRESS_LIMIT - 1 } });
    await signInRoute(signInRequest({ username: "guess-last", password: "password-guess-1" }, { "x-forwarded-for": ip }));
    const op = await createTestUser(db, { role: "OPERATOR", services: [slug] });
    const res = await signInRoute(signInRequest({ username: op.username, password: op.password }, { accept: "application/json", "x-forwarded-for": ip }));
    expect(res.status).toBe(429);
  });

  it("refuses a forged sign-in: no token, a token for another browser, or another site's origin", async () => {
    const op = await createTestUser(db, { role: "OPERATOR", services: [slug] });
    const good = { username: op.username, password: op.password };
    expect((await signInRoute(signInRequest({ ...good, csrf: "" }))).status).toBe(403);
    expect((await signInRoute(signInRequest({ ...good, csrf: csrfToken("another-browser", "sign-in") }))).status).toBe(403);
    expect((await signInRoute(signInRequest(good, { cookie: "" }))).status).toBe(403);
    expect((await signInRoute(signInRequest(good, { origin: "https://evil.example" }))).status).toBe(403);
    expect((await signInRoute(signInRequest(good, { "sec-fetch-site": "cross-site" }))).status).toBe(403);
    expect(await db.signInAttempt.count({ where: { username: op.username } })).toBe(0);
  });
});

describe("actions: a session and a CSRF token bound to it", () => {
  it("acknowledges with the right token, and returns to the page it came from", async () => {
    const op = await createTestUser(db, { role: "OPERATOR", services: [slug] });
    const res = await acknowledgeRoute(
      actionRequest(`/actions/outages/${outageId}/acknowledge`, op.token, {
        csrf: csrfToken(op.user.tokenHash, "session"),
        back: `/en/outages/${outageId}#statements`,
        note: "on it",
      }),
      params(outageId),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/en/outages/${outageId}?notice=acknowledged#statements`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await db.outageAcknowledgement.count({ where: { outageId } })).toBe(1);
  });

  it("forged requests fail and change nothing: no token, another session's token, another site's origin", async () => {
    const op = await createTestUser(db, { role: "OPERATOR", services: [slug] });
    const other = await createTestUser(db, { role: "OPERATOR", services: [slug] });
    const path = `/actions/outages/${outageId}/update`;
    const body = { body: "위조된 공지", back: `/ko/outages/${outageId}` };
    const before = await db.outageUpdate.count();
    const answers = [
      await updateRoute(actionRequest(path, op.token, body), params(outageId)),
      await updateRoute(actionRequest(path, op.token, { ...body, csrf: csrfToken(other.user.tokenHash, "session") }), params(outageId)),
      await updateRoute(actionRequest(path, op.token, { ...body, csrf: csrfToken(op.user.tokenHash, "sign-in") }), params(outageId)),
      await updateRoute(
        actionRequest(path, op.token, { ...body, csrf: csrfToken(op.user.tokenHash, "session") }, { origin: "https://evil.example" }),
        params(outageId),
      ),
      await updateRoute(
        actionRequest(path, op.token, { ...body, csrf: csrfToken(op.user.tokenHash, "session") }, { "sec-fetch-site": "cross-site", origin: ORIGIN }),
        params(outageId),
      ),
    ];
    expect(answers.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    expect(await db.outageUpdate.count()).toBe(before);
    // a script sends the token as a header instead
    const ok = await updateRoute(
      new Request(`${ORIGIN}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: `${SESSION_COOKIE}=${op.token}`, "x-csrf-token": csrfToken(op.user.tokenHash, "session") },
        body: JSON.stringify({ body: "정식 공지" }),
      }),
      params(outageId),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, notice: "update_posted" });
  });

  it("anonymous callers are refused (JSON: 401; a form: to the sign-in page)", async () => {
    const json = await updateRoute(
      new Request(`${ORIGIN}/actions/outages/${outageId}/update`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
      params(outageId),
    );
    expect(json.status).toBe(401);
    const formRes = await updateRoute(actionRequest(`/actions/outages/${outageId}/update`, null, { back: `/en/outages/${outageId}` }), params(outageId));
    expect(formRes.status).toBe(303);
    expect(formRes.headers.get("location")).toBe(`/en/sign-in?next=${encodeURIComponent(`/en/outages/${outageId}`)}`);
  });

  it("an operator of service A posting about service B's outage gets 403 (JSON) and nothing is written", async () => {
    const op = await createTestUser(db, { role: "OPERATOR", services: [slug] });
    const res = await updateRoute(
      new Request(`${ORIGIN}/actions/outages/${otherOutageId}/update`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: `${SESSION_COOKIE}=${op.token}`, "x-csrf-token": csrfToken(op.user.tokenHash, "session") },
        body: JSON.stringify({ body: "남의 장애" }),
      }),
      params(otherOutageId),
    );
    expect(res.status).toBe(403);
    expect(await db.outageUpdate.count({ where: { outageId: otherOutageId } })).toBe(0);
  });

  it("never redirects to another site after a form", async () => {
    const op = await createTestUser(db, { role: "OPERATOR", services: [slug] });
    for (const back of ["https://evil.example/", "//evil.example/x", "/\\evil.example"]) {
      const res = await updateRoute(
        actionRequest(`/actions/outages/${outageId}/update`, op.token, { csrf: csrfToken(op.user.tokenHash, "session"), body: "공지", back }),
        params(outageId),
      );
      expect(res.headers.get("location")).toMatch(/^\/ko\/desk\?notice=update_posted$/);
    }
  });

  it("signing out ends the session", async () => {
    const op = await createTestUser(db, { role: "COUNCIL" });
    const res = await signOutRoute(actionRequest("/auth/sign-out", op.token, { csrf: csrfToken(op.user.tokenHash, "session"), lang: "en" }), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/en?notice=signed_out");
    expect(res.headers.getSetCookie()[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=; .*Max-Age=0`));
    expect(await db.session.count({ where: { userId: op.user.userId } })).toBe(0);
  });
});
