import { beforeAll, describe, expect, it, vi } from "vitest";
import { PRE_SESSION_COOKIE } from "@/lib/auth/csrf";
import { SESSION_COOKIE } from "@/lib/auth/session-store";
import type { Db } from "@/lib/db";
import { createTestDb } from "../helpers/test-db";
import { createTestUser } from "../helpers/users";

/**
 * Issue 15 item 8: the sign-in limits were counted apart from the check (parallel
 * guesses got 8 tries against a limit of 5), keyed so that anyone could lock any
 * account, or everyone behind one address; the current password on /auth/password
 * had no limit at all; and `next` could send a browser to another site, or to a
 * 500 that left a session behind.
 */
type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ORIGIN = "http://ledger.test";
const PRE = "pre-session-nonce-for-tests-0123456789";
let db: Db;
let signIn: (req: Request) => Promise<Response>;
let password: Route;
let csrfToken: (binding: string, purpose: "session" | "sign-in") => string;

beforeAll(async () => {
  const t = await createTestDb();
  db = t.db;
  process.env.DATABASE_URL = t.url;
  process.env.LEDGER_SECRET = "a-test-signing-secret-of-at-least-32-chars";
  process.env.LEDGER_PUBLIC_URL = ORIGIN;
  delete (globalThis as { __ledgerDb?: unknown }).__ledgerDb;
  vi.resetModules();
  signIn = (await import("@/app/auth/sign-in/route")).POST;
  password = (await import("@/app/auth/password/route")).POST as unknown as Route;
  ({ csrfToken } = await import("@/lib/auth/csrf"));
});

function signInRequest(fields: Record<string, string>, ip: string, json = false): Request {
  return new Request(`${ORIGIN}/auth/sign-in`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: `${PRE_SESSION_COOKIE}=${PRE}`,
      origin: ORIGIN,
      "x-forwarded-for": ip,
      ...(json ? { accept: "application/json" } : {}),
    },
    body: new URLSearchParams({ csrf: csrfToken(PRE, "sign-in"), lang: "ko", ...fields }).toString(),
  });
}

const operator = () => createTestUser(db, { role: "COUNCIL" });
const sessionsOf = (userId: number) => db.session.count({ where: { userId } });

describe("sign-in limits", () => {
  it("twelve wrong passwords at once for one account from one address: at most 5 are checked, the rest get 429", async () => {
    const op = await operator();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signIn(signInRequest({ username: op.username, password: `wrong-${i}-password` }, "203.0.113.10", true))),
    );
    const checked = await db.signInAttempt.count({ where: { username: op.username } });
    expect(checked).toBeLessThanOrEqual(5);
    expect(answers.filter((r) => r.status === 429).length).toBe(12 - checked);
  });

  it("five wrong passwords from a stranger's address do not lock the operator out from its own", async () => {
    const op = await operator();
    for (let i = 0; i < 5; i++) await signIn(signInRequest({ username: op.username, password: `guess-${i}-password` }, "198.51.100.66"));
    const locked = await signIn(signInRequest({ username: op.username, password: op.password }, "198.51.100.66", true));
    expect(locked.status).toBe(429);
    const own = await signIn(signInRequest({ username: op.username, password: op.password }, "192.0.2.1", true));
    expect(own.status).toBe(200);
  });

  it("twenty failures behind one shared address do not lock out everyone else behind it", async () => {
    const office = "203.0.113.20";
    for (let i = 0; i < 20; i++) await signIn(signInRequest({ username: `colleague-${i}`, password: "forgot-my-password" }, office));
    const op = await operator();
    expect((await signIn(signInRequest({ username: op.username, password: op.password }, office, true))).status).toBe(200);
  });
});

describe("the current password on /auth/password", () => {
  it("is limited like a sign-in: the sixth wrong guess from one address gets 429, and the password is unchanged", async () => {
    const op = await operator();
    const hash = () => db.user.findUniqueOrThrow({ where: { id: op.user.userId }, select: { passwordHash: true } });
    const before = await hash();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await password(
        new Request(`${ORIGIN}/auth/password`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: ORIGIN, cookie: `${SESSION_COOKIE}=${op.token}`, "x-forwarded-for": "203.0.113.30" },
          body: JSON.stringify({ csrf: csrfToken(op.user.tokenHash, "session"), current: `not-it-${i}-at-all`, password: "a-brand-new-password-1" }),
        }),
        { params: Promise.resolve({}) },
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    expect(await hash()).toEqual(before);
  });
});

describe("where a sign-in goes next", () => {
  it.each([
    ["a tab after the slash (decoded by the form)", "/\t/evil.example"],
    ["a percent-encoded tab", "/%09/evil.example"],
    ["a percent-encoded slash", "/%2F/evil.example"],
    ["a backslash, percent-encoded", "/%5Cevil.example"],
    ["a scheme", "javascript:alert(1)"],
    ["another host", "https://evil.example/"],
    ["a space", "/ /evil.example"],
    ["a control character", "/ko/desk\u0001"],
    ["a NUL", "/ko/desk\u0000"],
    ["bad percent-encoding", "/ko/%E0%A4%A"],
  ])("%s: the default page, one session, never another site or a 500", async (_, next) => {
    const op = await operator();
    const before = await sessionsOf(op.user.userId);
    const res = await signIn(signInRequest({ username: op.username, password: op.password, next }, "192.0.2.50")).catch(
      () => new Response(null, { status: 500 }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/ko/desk");
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
    expect(await sessionsOf(op.user.userId)).toBe(before + 1);
  });

  it("a path on this site is kept", async () => {
    const op = await operator();
    const res = await signIn(signInRequest({ username: op.username, password: op.password, next: "/en/services/demo?tab=outages#x" }, "192.0.2.51"));
    expect(res.headers.get("location")).toBe("/en/services/demo?tab=outages#x");
  });
});
