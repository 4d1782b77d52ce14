import { expect, test } from "@playwright/test";
import { startHttpReceiver } from "../helpers/http-receiver";
import { startSmtpReceiver } from "../helpers/smtp-receiver";
import { E2E } from "../../playwright.config";
import { SLUG, ensureAccounts, signIn } from "./e2e-helpers";

/**
 * Citizens report what the probes cannot see. On a phone-width page a citizen files reports in
 * the browser (which solves the server's proof of work), sees them counted on the page and in the
 * API; 18 more top-up reports from distinct addresses through the trusted proxy bring the hour to
 * 20, the minimum of a surge on a ledger with no history (median 0 → threshold max(20, 10 × 0) = 20):
 * the operator's webhook and the admins' e-mail are alerted while every probe sees UP, the page says
 * so, and an admin records the surge as a REPORTED incident, which the activity log shows.
 */
type Counts = {
  kind: string;
  counts: { functionKey: string; district: string | null; count: number }[];
  surges: { functionKey: string; incidentId: number | null }[];
};

test("citizens' reports are counted apart from measurements, a surge is alerted while probes see UP, and an admin records it", async ({ page, request }) => {
  test.setTimeout(240_000);
  ensureAccounts();
  const hook = await startHttpReceiver(E2E.webhookPort);
  const smtp = await startSmtpReceiver({ port: E2E.smtpPort });
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/ko/services/${SLUG}`);
    const topupState = page.getByTestId(`function-${SLUG}-topup`).first();
    await expect(topupState).toHaveAttribute("data-state", "UP", { timeout: 40_000 });

    // Two reports from this browser: top-up in 사하구, then in-store payment (one per function an hour).
    const form = page.getByTestId("citizen-report-form");
    await expect(page.getByTestId("citizen-reports")).toContainText("측정값이 아니며 장애 시간에 넣지 않습니다");
    await form.getByLabel("충전").check();
    await form.getByLabel("지역 (선택)").selectOption({ label: "사하구" });
    await form.getByTestId("citizen-report-submit").click();
    await expect(form.getByTestId("citizen-report-status")).toHaveText("신고가 기록되었습니다. 고맙습니다.", { timeout: 30_000 });
    await form.getByLabel("가맹점 결제").check();
    await form.getByLabel("지역 (선택)").selectOption("");
    await form.getByTestId("citizen-report-submit").click();
    await expect(form.getByTestId("citizen-report-status")).toHaveText("신고가 기록되었습니다. 고맙습니다.", { timeout: 30_000 });
    // A third top-up report from the same browser is over its limit and not counted.
    await form.getByLabel("충전").check();
    await form.getByTestId("citizen-report-submit").click();
    await expect(form.getByTestId("citizen-report-status")).toContainText("세지 않았습니다", { timeout: 30_000 });

    // Counted on the page (beside the measured states) and in the API.
    await expect(page.locator('[data-testid="citizen-report-count"][data-function="topup"]')).toHaveAttribute("data-hour", "1", { timeout: 30_000 });
    await expect(page.locator('[data-testid="citizen-report-count"][data-function="in-store-payment"]')).toHaveAttribute("data-hour", "1");
    await page.screenshot({ path: "test-results/e2e/citizen-reports-ko-390.png", fullPage: true });
    // The same on a wide English page.
    const wide = await page.context().newPage();
    try {
      await wide.setViewportSize({ width: 1280, height: 900 });
      await wide.goto(`/en/services/${SLUG}#report`);
      await expect(wide.getByTestId("citizen-reports")).toContainText("Citizen reports · not measured, never counted as downtime");
      await expect(wide.locator('[data-testid="citizen-report-count"][data-function="in-store-payment"]')).toContainText("In-store payment");
      await wide.screenshot({ path: "test-results/e2e/citizen-reports-en-1280.png", fullPage: true });
    } finally {
      await wide.close();
    }
    const api = (await (await request.get(`/api/v1/services/${SLUG}/reports`)).json()) as Counts;
    expect(api.kind).toBe("CITIZEN_REPORTS");
    expect(api.counts.map((c) => [c.functionKey, c.district, c.count])).toEqual(
      expect.arrayContaining([
        ["topup", "saha", 1],
        ["in-store-payment", null, 1],
      ]),
    );

    // 18 more top-up reports, each from its own address as the trusted proxy forwards it (no proof: the stricter limit, 2 an hour each).
    for (let i = 1; i <= 18; i++) {
      const res = await request.post(`/api/v1/services/${SLUG}/reports`, {
        headers: { "x-forwarded-for": `198.51.100.${i}`, accept: "application/json" },
        data: { function: "topup" },
      });
      expect(res.status(), await res.text()).toBe(200);
    }
    // 19 top-up reports in the hour, one short of a surge; the 20th from one more address.
    const last = await request.post(`/api/v1/services/${SLUG}/reports`, { headers: { "x-forwarded-for": "198.51.100.200" }, data: { function: "topup" } });
    expect(last.status()).toBe(200);

    // The alerter checks every 15 s: the webhook (operator) and the e-mail (admins) get the surge.
    const surgeHook = await hook.waitFor(1, 60_000);
    const body = JSON.parse(surgeHook[0]!.body) as { type: string; title: { ko: string }; surge: { count: number; threshold: number } };
    expect(body.type).toBe("citizen_surge");
    expect(body.surge).toMatchObject({ count: 20, threshold: 20 });
    expect(body.title.ko).toContain("[시민 신고 급증]");
    const [mail] = await smtp.waitFor(1, 60_000);
    expect(mail!.to).toEqual(["admins@ledger.test"]);
    expect(mail!.subject).toContain("시민 신고 급증");
    // ... while the probes see top-up UP.
    const svc = (await (await request.get(`/api/v1/services/${SLUG}`)).json()) as { functions: { key: string; state: string }[] };
    expect(svc.functions.find((f) => f.key === "topup")!.state).toBe("UP");
    await expect(page.getByTestId("citizen-surge")).toContainText("시민 신고 급증", { timeout: 30_000 });
    await expect(topupState).toHaveAttribute("data-state", "UP");
    await page.screenshot({ path: "test-results/e2e/citizen-surge-ko-390.png", fullPage: true });

    // An admin records the surge as a REPORTED incident from the desk.
    await signIn(page, "admin");
    const surge = page.locator('[data-testid="desk-surge"][data-function="topup"]');
    await expect(surge).toHaveCount(1);
    await surge.getByRole("button", { name: "보고된 장애로 기록" }).click();
    await page.waitForURL(/\/ko\/outages\/\d+/);
    const outageId = Number(/\/outages\/(\d+)/.exec(page.url())![1]);
    await expect(page.locator("body")).toContainText("시민 신고 20건");
    const outages = (await (await request.get(`/api/v1/services/${SLUG}/outages`)).json()) as { outages: { id: number; source: string }[] };
    expect(outages.outages.find((o) => o.id === outageId)?.source).toBe("REPORTED");
    await page.goto(`/en/outages/${outageId}`);
    await expect(page.locator("body")).toContainText("20 citizen reports from 20 clients (surge threshold 20)");
    // the edge may answer from a copy a few seconds old: asked until the new record shows
    await expect
      .poll(
        async () =>
          ((await (await request.get(`/api/v1/services/${SLUG}/reports`)).json()) as Counts).surges.find((x) => x.functionKey === "topup")?.incidentId,
        {
          timeout: 30_000,
          intervals: [2_000],
        },
      )
      .toBe(outageId);
    const audit = (await (await request.get(`/api/v1/audit?limit=5`)).json()) as { entries: { action: string; subject: string }[] };
    expect(audit.entries.map((e) => [e.action, e.subject])).toContainEqual(["surge.record_incident", `outage:${outageId}`]);
  } finally {
    await hook.close();
    await smtp.close();
  }
});
