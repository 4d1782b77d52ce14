import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { formatMonth } from "@/core/accounting/periods";
import { localParts } from "@/core/time-zone";
import { E2E } from "../../playwright.config";
import { ensureAccounts, ensureClosedOutage, signIn, SLUG } from "./e2e-helpers";

/**
 * Every route of the app, found by walking app/ for page.tsx and route.ts, is
 * called anonymously through the public port. Those not on the public list
 * must refuse: 401/403, or a redirect to the sign-in page. A new page or route
 * is therefore private until someone adds it to PUBLIC here, on purpose.
 */
const PUBLIC_PAGES = new Set([
  "/[lang]",
  "/[lang]/[...rest]",
  "/[lang]/compare",
  "/[lang]/methodology",
  "/[lang]/outages/[id]",
  "/[lang]/services/[slug]",
  "/[lang]/services/[slug]/council",
  "/[lang]/services/[slug]/council/[month]",
  "/[lang]/services/[slug]/council/year/[year]",
  "/[lang]/audit",
  "/[lang]/sign-in",
  // e-mail subscriptions: anyone may subscribe; confirming and unsubscribing need the mailed token, not a sign-in
  "/[lang]/subscriptions",
  "/[lang]/subscriptions/confirm",
  "/[lang]/subscriptions/unsubscribe",
]);
// The public API, less what only probe agents may post to (they sign each batch); subscribing (a token, not a sign-in).
const PUBLIC_ROUTES = (p: string) =>
  p === "/" ||
  p === "/metrics" ||
  p === "/healthz" ||
  p === "/readyz" ||
  (p.startsWith("/api/") && !p.startsWith("/api/v1/agents/")) ||
  p === "/auth/sign-in" ||
  p.startsWith("/actions/subscriptions");

type Entry = { kind: "page" | "route"; pattern: string; methods: string[] };

function walk(dir: string, base = ""): Entry[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return walk(p, `${base}/${e.name}`);
    if (e.name === "page.tsx") return [{ kind: "page" as const, pattern: base || "/", methods: ["GET"] }];
    if (e.name === "route.ts") {
      const src = readFileSync(p, "utf8");
      const methods = [...src.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
      return [{ kind: "route" as const, pattern: base || "/", methods }];
    }
    return [];
  });
}

const now = localParts(new Date(), "Asia/Seoul");
function concrete(pattern: string, outageId: number): string {
  return pattern
    .replace("[lang]", "ko")
    .replace("[slug]", SLUG)
    .replace("[month]", formatMonth({ year: now.year, month: now.month }))
    .replace("[year]", String(now.year))
    .replace("[...rest]", "no-such-page")
    .replace(/\[id\]/g, String(outageId));
}

let outageId: number;
test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  ensureAccounts();
  const request = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${E2E.port}` });
  outageId = await ensureClosedOutage(request);
  await request.dispose();
});

test("every non-public page and route refuses anonymous callers; public ones never ask for a sign-in", async ({ playwright }) => {
  const anon = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${E2E.port}`, maxRedirects: 0 });
  const entries = walk("app");
  expect(entries.length).toBeGreaterThan(30);
  const privateOnes: string[] = [];
  for (const e of entries) {
    const url = concrete(e.pattern, outageId);
    const isPublic = e.kind === "page" ? PUBLIC_PAGES.has(e.pattern) : PUBLIC_ROUTES(e.pattern);
    for (const method of e.methods) {
      const res = await anon.fetch(url, {
        method,
        headers: method === "GET" ? {} : { "content-type": "application/x-www-form-urlencoded" },
        data: method === "GET" ? undefined : "x=1",
      });
      const status = res.status();
      const location = res.headers()["location"] ?? "";
      const toSignIn = status >= 300 && status < 400 && /^(https?:\/\/[^/]+)?\/(ko|en)\/sign-in\?next=/.test(location);
      const label = `${method} ${url} (${e.kind} ${e.pattern}) → ${status} ${location}`;
      if (isPublic) {
        expect(toSignIn || status === 401, label).toBe(false);
        expect(status, label).toBeLessThan(500);
      } else {
        privateOnes.push(`${method} ${e.pattern}`);
        expect(status === 401 || status === 403 || toSignIn, label).toBe(true);
      }
    }
  }
  // the list of private routes is what this change added; a public one slipping in would show here
  expect(privateOnes.sort()).toEqual(
    [
      "GET /[lang]/admin/agents",
      "GET /[lang]/admin/deliveries",
      "GET /[lang]/admin/disputes",
      "GET /[lang]/admin/users",
      "GET /[lang]/desk",
      "POST /actions/agent-batches/release",
      "POST /actions/disputes/[id]/resolve",
      "POST /actions/outages/[id]/acknowledge",
      "POST /actions/outages/[id]/dispute",
      "POST /actions/outages/[id]/update",
      "POST /actions/services/[slug]/maintenance",
      "POST /actions/surges/[id]/incident",
      "POST /actions/users",
      "POST /actions/users/[id]",
      "POST /api/v1/agents/results",
      "POST /auth/password",
      "POST /auth/sign-out",
    ].sort(),
  );
  await anon.dispose();
});

test("forged requests fail: a signed-in operator's cookie without the page's token, or from another site", async ({ page }) => {
  await signIn(page, "operator");
  const before = await page.request.get("/api/v1/audit?limit=1").then((r) => r.json() as Promise<{ chain: { entries: number } }>);
  const forged = [
    await page.request.post(`/actions/outages/${outageId}/update`, { form: { body: "위조된 공지", back: "/ko/desk" } }),
    await page.request.post(`/actions/outages/${outageId}/update`, { form: { body: "위조된 공지", csrf: "not-the-token" } }),
    await page.request.post(`/actions/outages/${outageId}/update`, { form: { body: "위조된 공지" }, headers: { origin: "https://evil.example" } }),
    await page.request.post("/auth/sign-out", { form: { lang: "ko" } }),
  ];
  expect(forged.map((r) => r.status())).toEqual([403, 403, 403, 403]);
  const after = await page.request.get("/api/v1/audit?limit=1").then((r) => r.json() as Promise<{ chain: { entries: number } }>);
  expect(after.chain.entries).toBe(before.chain.entries);
  // still signed in: the forged sign-out did nothing
  await page.goto("/ko/desk");
  await expect(page.getByTestId("desk-who")).toBeVisible();
});

test("signed-in pages are never cached or shared: the edge passes them through, marked private", async ({ page, playwright }) => {
  await signIn(page, "operator");
  const desk = await page.request.get("/ko/desk");
  expect(desk.headers()["x-cache"]).toBeUndefined();
  expect(desk.headers()["cache-control"]).toMatch(/no-store/);
  // the same outage page: a reader without cookies gets the cached public copy, without any form or token
  const res = await page.request.get(`/ko/outages/${outageId}`);
  expect(await res.text()).toContain('data-testid="operator-forms"');
  const anon = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${E2E.port}` });
  for (let i = 0; i < 2; i++) {
    const pub = await anon.get(`/ko/outages/${outageId}`);
    const html = await pub.text();
    expect(html).not.toContain('data-testid="operator-forms"');
    expect(html).not.toContain('name="csrf"');
  }
  const signInPage = await anon.get("/ko/sign-in");
  expect(signInPage.headers()["x-cache"]).toBeUndefined();
  expect(signInPage.headers()["set-cookie"]).toMatch(/^ledger_pre=[^;]+; Path=\/;.*HttpOnly/i);
  await anon.dispose();
});

/** One text column of a query, read from the stack's database: PostgreSQL when the run uses it, else the SQLite file. */
async function column(sql: string): Promise<string[]> {
  if (E2E.databaseUrl) {
    const client = new pg.Client({ connectionString: E2E.databaseUrl });
    await client.connect();
    try {
      return (await client.query<{ v: string }>(sql)).rows.map((r) => r.v);
    } finally {
      await client.end();
    }
  }
  const require = createRequire(import.meta.url);
  const Database = require("better-sqlite3") as new (
    file: string,
    opts: { readonly: boolean },
  ) => { prepare: (sql: string) => { all: () => { v: string }[] }; close: () => void };
  const db = new Database(path.join(E2E.dataDir, "ledger.db"), { readonly: true });
  try {
    return db
      .prepare(sql)
      .all()
      .map((r) => r.v);
  } finally {
    db.close();
  }
}

test("secrets never appear in pages, exports or evidence", async ({ page, playwright }) => {
  await signIn(page, "admin");
  const session = (await page.context().cookies()).find((c) => c.name === "ledger_session")!.value;
  // Read what must stay secret straight from the instance's database and files.
  const hashes = await column(`SELECT "passwordHash" AS v FROM "User"`);
  const tokenHashes = await column(`SELECT "tokenHash" AS v FROM "Session"`);
  const secrets = [
    ...hashes,
    ...hashes.map((h) => h.split("$").at(-1)!), // the hash part alone
    ...tokenHashes,
    session,
    readFileSync(path.join(E2E.dataDir, "secret"), "utf8").trim(),
    E2E.sandboxToken,
    "sandbox-test-token-probe",
    "e2e-admin-password-0001",
    "e2e-operator-password-01",
  ];
  expect(hashes.length).toBeGreaterThanOrEqual(3);
  expect(hashes.every((h) => h.startsWith("$argon2id$"))).toBe(true);

  const month = formatMonth({ year: now.year, month: now.month });
  const publicUrls = [
    "/ko",
    "/en",
    `/ko/services/${SLUG}`,
    `/ko/outages/${outageId}`,
    `/en/outages/${outageId}`,
    "/ko/audit",
    `/ko/services/${SLUG}/council/${month}`,
    "/api/v1/services",
    `/api/v1/services/${SLUG}`,
    `/api/v1/services/${SLUG}/outages`,
    `/api/v1/services/${SLUG}/outages.csv`,
    `/api/v1/services/${SLUG}/sla?month=${month}`,
    `/api/v1/services/${SLUG}/sla.csv?month=${month}`,
    `/api/v1/services/${SLUG}/results?format=csv`,
    `/api/v1/services/${SLUG}/results`,
    "/api/v1/feed.atom",
    "/api/v1/audit?limit=1000",
    "/api/v1/openapi.json",
    "/metrics",
  ];
  const signedInUrls = ["/ko/desk", "/ko/admin/users", "/ko/admin/deliveries", "/ko/admin/disputes", `/ko/outages/${outageId}`];
  const anon = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${E2E.port}` });
  for (const [ctx, urls] of [
    [anon, publicUrls],
    [page.request, signedInUrls],
  ] as const) {
    for (const url of urls) {
      const res = await ctx.get(url);
      expect(res.status(), url).toBe(200);
      const body = await res.text();
      for (const s of secrets) expect(body.includes(s), `${url} must not contain a secret (${s.slice(0, 12)}…)`).toBe(false);
    }
  }
  await anon.dispose();
});
