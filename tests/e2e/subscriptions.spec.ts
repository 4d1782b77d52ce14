import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { mailText, startSmtpReceiver, type ReceivedMail } from "../helpers/smtp-receiver";
import { E2E } from "../../playwright.config";

/**
 * E-mail subscription end to end, against a real SMTP server: the demo configuration plus an SMTP
 * server (the test's receiver) runs as a stack of its own, since the shared stack sends no mail.
 * A reader subscribes on a phone-width page, confirms through the mailed link, gets the outage mail
 * with working unsubscribe links (the page and RFC 8058's one-click POST), and after unsubscribing
 * gets nothing for the outage's end. The address appears on no public surface and in no log line.
 */
const SLUG = "dongbaekjeon";
const PORT = E2E.port + 40;
const SANDBOX_PORT = E2E.sandboxPort + 40;
const SANDBOX_TOKEN = "e2e-subscriptions-sandbox-token";
// The links in mails must use LEDGER_PUBLIC_URL: another name for the same machine than the one the tests browse.
const PUBLIC_URL = `http://localhost:${PORT}`;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SANDBOX_ADMIN = `http://127.0.0.1:${SANDBOX_PORT + 1}`;
const tag = randomBytes(4).toString("hex");
const READER = `reader-${tag}@example.test`;
const ONE_CLICK = `oneclick-${tag}@example.test`;

let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let stack: ChildProcess | null = null;
let dir = "";
const logs: string[] = [];

test.describe.configure({ mode: "serial", timeout: 420_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  smtp = await startSmtpReceiver();
  dir = mkdtempSync(path.join(os.tmpdir(), "ledger-e2e-subs-"));
  const demo = readFileSync("examples/demo/dongbaekjeon.yaml", "utf8");
  const smtpBlock = `alerts:\n  smtp:\n    host: 127.0.0.1\n    port: ${smtp.port}\n    from: "Uptime Ledger <ledger@ledger.test>"\n`;
  writeFileSync(path.join(dir, "dongbaekjeon.yaml"), demo.replace(/^alerts:\n/m, smtpBlock));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    LEDGER_CONFIG: dir,
    LEDGER_DATA_DIR: path.join(dir, "data"),
    LEDGER_SANDBOX_PORT: String(SANDBOX_PORT),
    LEDGER_SANDBOX_TOKEN: SANDBOX_TOKEN,
    LEDGER_SANDBOX_SCENARIO: "none",
    LEDGER_PUBLIC_URL: PUBLIC_URL,
    LOG_LEVEL: "info",
  };
  delete env.DATABASE_URL;
  stack = spawn("npx", ["tsx", "scripts/start.ts"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  for (const s of [stack.stdout!, stack.stderr!]) s.on("data", (c: Buffer) => logs.push(c.toString("utf8")));
  await expect
    .poll(
      () =>
        fetch(`${ORIGIN}/api/v1/services`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 240_000, intervals: [2_000] },
    )
    .toBe(200);
});

test.afterAll(async () => {
  if (stack?.pid) {
    process.kill(-stack.pid, "SIGTERM");
    await new Promise((r) => stack!.once("exit", r));
  }
  await smtp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function setTopup(request: APIRequestContext, fault: Record<string, unknown> | null) {
  const headers = { authorization: `Bearer ${SANDBOX_TOKEN}` };
  const res = fault
    ? await request.put(`${SANDBOX_ADMIN}/admin/faults/topup`, { headers, data: fault })
    : await request.delete(`${SANDBOX_ADMIN}/admin/faults`, { headers });
  expect(res.status(), await res.text()).toBe(200);
}

async function mailTo(address: string, subject: RegExp, timeoutMs: number): Promise<ReceivedMail & { text: string }> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(() => (found = smtp.mails.find((m) => m.to.includes(address) && subject.test(m.subject))) !== undefined, { timeout: timeoutMs, intervals: [500] })
    .toBe(true);
  return { ...found!, text: mailText(found!.raw) };
}

function linkIn(text: string, page: string, lang: "ko" | "en"): string {
  const m = new RegExp(`${PUBLIC_URL.replace(/[.]/g, "\\.")}/${lang}/subscriptions/${page}\\?token=[A-Za-z0-9_-]{43}`).exec(text);
  expect(m, `a ${lang} ${page} link on ${PUBLIC_URL} in:\n${text}`).not.toBeNull();
  return m![0];
}

test("subscribe on a phone, confirm by mail, get the outage, unsubscribe, and hear nothing more", async ({ browser, request }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const page = await context.newPage();

  // 1. The service page offers the feeds and the form; it works without JavaScript.
  await page.goto(`${ORIGIN}/ko/services/${SLUG}`);
  const follow = page.getByTestId("follow-service");
  await expect(follow.getByRole("link", { name: "장애 피드 (Atom)" })).toHaveAttribute("href", `/api/v1/services/${SLUG}/feed.atom`);
  await expect(follow.getByRole("link", { name: /CSV/ })).toHaveAttribute("href", `/api/v1/services/${SLUG}/outages.csv`);
  // An address the browser lets through but the server refuses ("a@b" has no domain to deliver to):
  // a clear error, and the form keeps what was typed, which is nowhere in the page's address.
  await follow.getByLabel("메일 주소").fill(`${tag}@localhost`);
  await follow.getByRole("button", { name: "구독 신청" }).click();
  await expect(page.getByTestId("flash")).toContainText("메일 주소 형식이 아닙니다");
  await expect(page.getByLabel("메일 주소")).toHaveValue(`${tag}@localhost`);
  expect(page.url()).not.toContain(tag);
  await page.screenshot({ path: "test-results/e2e/subscription-error-ko-390.png", fullPage: true });
  await page.getByLabel("메일 주소").fill(READER);
  await page.getByRole("button", { name: "구독 신청" }).click();
  await expect(page.getByTestId("subscription-sent")).toBeVisible();
  expect(page.url()).not.toContain(encodeURIComponent(READER));
  expect(await page.content()).not.toContain(READER);
  await page.screenshot({ path: "test-results/e2e/subscription-sent-ko-390.png", fullPage: true });

  // 2. The confirmation mail: Korean first, English below, its link on LEDGER_PUBLIC_URL; a second request within 10 minutes sends none.
  const confirmMail = await mailTo(READER, /구독 확인/, 30_000);
  expect(confirmMail.text.indexOf("구독 확인")).toBeLessThan(confirmMail.text.indexOf("Confirm"));
  const confirmLink = linkIn(confirmMail.text, "confirm", "ko");
  linkIn(confirmMail.text, "confirm", "en");
  await page.goto(`${ORIGIN}/ko/services/${SLUG}`);
  await follow.getByLabel("메일 주소").fill(READER.toUpperCase());
  await follow.getByRole("button", { name: "구독 신청" }).click();
  await expect(page.getByTestId("subscription-sent")).toBeVisible();

  // Opening the link confirms nothing by itself (mail scanners open links); the button does.
  await page.goto(confirmLink);
  await page.getByTestId("confirm-form").getByRole("button", { name: "구독 확인" }).click();
  await expect(page.getByTestId("subscription-confirmed")).toBeVisible();

  // Another site's form cannot subscribe anyone.
  const forged = await request.post(`${ORIGIN}/actions/subscriptions`, {
    form: { service: SLUG, email: `forged-${tag}@example.test` },
    headers: { origin: "https://elsewhere.example", "sec-fetch-site": "cross-site" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);

  // A second reader subscribes by a plain form post and confirms the same way, to leave by one click later.
  const form = { service: SLUG, email: ONE_CLICK, lang: "en" };
  expect((await request.post(`${ORIGIN}/actions/subscriptions`, { form, maxRedirects: 0 })).status()).toBe(303);
  const oneClickConfirm = linkIn((await mailTo(ONE_CLICK, /Confirm/, 30_000)).text, "confirm", "en");
  const token = new URL(oneClickConfirm).searchParams.get("token")!;
  expect((await request.post(`${ORIGIN}/actions/subscriptions/confirm`, { form: { token, lang: "en" }, maxRedirects: 0 })).status()).toBe(303);
  expect(smtp.mails.filter((m) => m.to.includes(READER))).toHaveLength(1);

  // 3. An outage: top-up fails in the sandbox; three failures 10 s apart confirm it.
  await setTopup(request, { mode: "error", status: 503 });
  try {
    const opened = await mailTo(READER, /\[장애\].*충전/, 120_000);
    expect(opened.subject).toContain("[Outage]");
    expect(opened.text).toMatch(/시작: \d{4}년 \d{1,2}월 \d{1,2}일 \d{2}:\d{2}:\d{2}/);
    expect(opened.text).toMatch(/Started: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} KST/);
    expect(opened.text).toContain(`${PUBLIC_URL}/ko/outages/`);
    const unsubscribeLink = linkIn(opened.text, "unsubscribe", "ko");
    expect(opened.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(opened.headers["list-unsubscribe"]).toMatch(new RegExp(`^<${PUBLIC_URL}/actions/subscriptions/unsubscribe\\?token=[A-Za-z0-9_-]{43}>$`));
    const oneClick = await mailTo(ONE_CLICK, /\[Outage\]/, 30_000);

    // 4. No public surface names either address.
    for (const p of [
      `/ko/services/${SLUG}`,
      `/en/services/${SLUG}`,
      "/api/v1/services",
      `/api/v1/services/${SLUG}`,
      `/api/v1/services/${SLUG}/outages`,
      `/api/v1/services/${SLUG}/outages.csv`,
      `/api/v1/services/${SLUG}/feed.atom`,
      "/api/v1/feed.atom",
      "/api/v1/audit",
    ]) {
      const body = await (await request.get(`${ORIGIN}${p}`)).text();
      expect(body, p).not.toContain(READER);
      expect(body, p).not.toContain(ONE_CLICK);
    }

    // 5. Unsubscribe: the reader through the page, the other by the mail program's one-click POST.
    await page.goto(unsubscribeLink);
    await page.getByTestId("unsubscribe-form").getByRole("button", { name: "구독 해지" }).click();
    await expect(page.getByTestId("subscription-unsubscribed")).toBeVisible();
    await page.screenshot({ path: "test-results/e2e/subscription-unsubscribed-ko-390.png", fullPage: true });
    // The link again: already done, said plainly.
    await page.goto(unsubscribeLink);
    await expect(page.getByTestId("flash")).toContainText("이미 해지되었거나");
    const oneClickUrl = oneClick.headers["list-unsubscribe"]!.slice(1, -1).replace(PUBLIC_URL, ORIGIN);
    const res = await request.post(oneClickUrl, { headers: { "content-type": "application/x-www-form-urlencoded" }, data: "List-Unsubscribe=One-Click" });
    expect(await res.json()).toEqual({ ok: true, unsubscribed: true });
  } finally {
    await setTopup(request, null);
  }

  // 6. The outage ends; nobody subscribed any more, so no "resolved" mail goes out.
  await expect
    .poll(
      async () => {
        const j = (await (await request.get(`${ORIGIN}/api/v1/services/${SLUG}/outages`)).json()) as { outages: { endedAt: string | null }[] };
        return j.outages.length > 0 && j.outages.every((o) => o.endedAt !== null);
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBe(true);
  const before = smtp.mails.length;
  await page.waitForTimeout(10_000); // the alerter delivers every second: ten rounds with nothing to send
  expect(smtp.mails.slice(before).map((m) => m.subject)).toEqual([]);
  expect(smtp.mails.filter((m) => /복구|Resolved/.test(m.subject))).toEqual([]);

  // 7. Nor does any log line of the stack's processes.
  const log = logs.join("");
  expect(log.length).toBeGreaterThan(0);
  expect(log).not.toContain(READER);
  expect(log).not.toContain(ONE_CLICK);
  await context.close();
});
