import { execFileSync } from "node:child_process";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import type { AxeResults } from "axe-core";
import { E2E } from "../../playwright.config";

export const SLUG = "dongbaekjeon";
export const SANDBOX_ADMIN = `http://127.0.0.1:${E2E.sandboxPort + 1}`;
export const SANDBOX_API = `http://127.0.0.1:${E2E.sandboxPort}`;
const auth = { authorization: `Bearer ${E2E.sandboxToken}` };

export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
  const results = await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run());
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 5)
          .join(", ")}`,
    );
}

export async function setTopup(request: APIRequestContext, fault: Record<string, unknown> | null) {
  const res = fault
    ? await request.put(`${SANDBOX_ADMIN}/admin/faults/topup`, { headers: auth, data: fault })
    : await request.delete(`${SANDBOX_ADMIN}/admin/faults`, { headers: auth });
  expect(res.status(), await res.text()).toBe(200);
}

type OutageJson = { outages: { id: number; functionKey: string; endedAt: string | null }[] };

export async function closedOutage(request: APIRequestContext): Promise<number | null> {
  const res = await request.get(`/api/v1/services/${SLUG}/outages`);
  if (res.status() !== 200) return null;
  return ((await res.json()) as OutageJson).outages.filter((o) => o.endedAt !== null).at(-1)?.id ?? null;
}

/** A closed top-up outage, made through the sandbox if there is none yet (10 s interval, confirmed after 3 failures). */
export async function ensureClosedOutage(request: APIRequestContext): Promise<number> {
  const existing = await closedOutage(request);
  if (existing !== null) return existing;
  await setTopup(request, { mode: "error", status: 503 });
  await expect
    .poll(async () => ((await (await request.get(`/api/v1/services/${SLUG}/outages`)).json()) as OutageJson).outages.some((o) => o.functionKey === "topup"), {
      timeout: 60_000,
      intervals: [2_000],
    })
    .toBe(true);
  await setTopup(request, null);
  await expect.poll(() => closedOutage(request), { timeout: 40_000, intervals: [2_000] }).not.toBeNull();
  return (await closedOutage(request))!;
}

/** Runs `npx ledger …` against the end-to-end stack's data folder and database (as an admin of the instance would). */
export function ledger(args: string[], input?: string): string {
  const env = { ...process.env, LEDGER_DATA_DIR: E2E.dataDir, LOG_LEVEL: "warn", ...(E2E.databaseUrl ? { DATABASE_URL: E2E.databaseUrl } : {}) };
  return execFileSync("npx", ["ledger", ...args], { input, encoding: "utf8", env, timeout: 120_000 });
}

/** Accounts made once per run from the command line: the first admin, an operator of the demo service, a council member. */
export const ACCOUNTS = {
  admin: { username: "e2e-admin", password: "e2e-admin-password-0001", name: "시민단체 관리자" },
  operator: { username: "e2e-operator", password: "e2e-operator-password-01", name: "부산은행 운영팀" },
  council: { username: "e2e-council", password: "e2e-council-password-001", name: "시의회 조사위원" },
} as const;

let made = false;
export function ensureAccounts(): void {
  if (made) return;
  const list = ledger(["user", "list"]);
  if (!list.includes(ACCOUNTS.admin.username))
    ledger(["create-admin", "--username", ACCOUNTS.admin.username, "--name", ACCOUNTS.admin.name, "--password-stdin"], `${ACCOUNTS.admin.password}\n`);
  if (!list.includes(ACCOUNTS.operator.username))
    ledger(
      ["user", "add", "--username", ACCOUNTS.operator.username, "--role", "operator", "--service", SLUG, "--name", ACCOUNTS.operator.name, "--password-stdin"],
      `${ACCOUNTS.operator.password}\n`,
    );
  if (!list.includes(ACCOUNTS.council.username))
    ledger(
      ["user", "add", "--username", ACCOUNTS.council.username, "--role", "council", "--name", ACCOUNTS.council.name, "--password-stdin"],
      `${ACCOUNTS.council.password}\n`,
    );
  made = true;
}

export async function signIn(page: Page, who: keyof typeof ACCOUNTS, lang: "ko" | "en" = "ko", next?: string): Promise<void> {
  const target = next ? `**${next.split("#")[0]}` : `**/${lang}/desk`;
  // Once in CI a sign-in never reached the desk and the run kept no trace of why. What the browser saw is
  // now written out; a second try follows only when the first one's POST got no answer within a minute.
  for (let attempt = 1; ; attempt++) {
    await page.goto(`/${lang}/sign-in${next ? `?next=${encodeURIComponent(next)}` : ""}`);
    await page.getByLabel(lang === "ko" ? "아이디" : "Username").fill(ACCOUNTS[who].username);
    await page.getByLabel(lang === "ko" ? "비밀번호" : "Password", { exact: true }).fill(ACCOUNTS[who].password);
    const posted = page.waitForResponse((r) => r.url().endsWith("/auth/sign-in") && r.request().method() === "POST", { timeout: 60_000 }).catch(() => null);
    const startedAt = Date.now();
    await page.getByRole("button", { name: lang === "ko" ? "로그인" : "Sign in" }).click();
    const answer = await posted;
    const reached = await page
      .waitForURL(target, { timeout: 60_000, waitUntil: "commit" })
      .then(() => true)
      .catch(() => false);
    if (reached) {
      // The desk's own assertions wait for what they need; a page whose loading never ends is reported here.
      await page.waitForLoadState("load", { timeout: 30_000 }).catch(() => console.warn(`${page.url()} did not finish loading within 30 s of the sign-in`));
      return;
    }
    const seen = `sign-in as ${who} (${lang}), try ${attempt}: POST ${answer ? `${answer.status()} ${answer.headers()["location"] ?? ""}` : "no answer"} after ${Date.now() - startedAt} ms; at ${page.url()}; page says: ${(
      await page
        .locator("body")
        .innerText()
        .catch(() => "")
    ).slice(0, 400)}`;
    console.warn(seen);
    if (answer !== null || attempt === 2) throw new Error(`the sign-in did not reach ${target}. ${seen}`);
  }
}
