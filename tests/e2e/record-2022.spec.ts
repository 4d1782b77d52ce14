import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import type { AxeResults } from "axe-core";
import { E2E } from "../../playwright.config";

/**
 * The April 2022 동백전 record, imported from examples/dongbaekjeon-2022 and
 * served by the web process (the README's recipe): the council page shows what a
 * council member would cite, in Korean and English, on a phone and a desktop.
 *
 *   delay damages: 3,640,000,000 × 1.3/1000 × 3 days (04-02, 04-03, 04-04) = 14,196,000원
 *   availability: 1 − 81 h down / 720 h = 639/720 = 88.75%
 *   month fee: 3,640,000,000 ÷ 36 months = 101,111,111.1 → 101,111,111원 (truncated)
 */
const BASE = `http://127.0.0.1:${E2E.recordPort}`;
const SHOTS = "test-results/e2e/record-2022";

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

for (const lang of ["ko", "en"] as const) {
  test(`the April 2022 council page (${lang}) shows 14,196,000 KRW and 88.75%`, async ({ page }) => {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      const res = await page.goto(`${BASE}/${lang}/services/dongbaekjeon/council/2022-04`);
      expect(res?.status()).toBe(200);
      await expect(page.getByTestId("council-availability-value")).toHaveText("88.75%");
      // reconstructed from press reports, never shown as measured
      const notice = page.getByTestId("provenance-notice");
      await expect(notice).toHaveAttribute("data-provenance", "RECONSTRUCTED");
      await expect(notice).toContainText(lang === "ko" ? "재구성(보도 기반)" : "Reconstructed from press reports");
      await expect(notice).toContainText("동백전 서버 트래픽 관리 못하는 운영사");
      const total = page.getByTestId("council-total-value");
      await expect(total).toContainText(lang === "ko" ? "14,196,000원" : "14,196,000");
      // the Korean reading of an amount belongs to the Korean page only
      if (lang === "ko") await expect(page.getByTestId("council-report")).toContainText("1,419만 6,000원");
      else await expect(page.getByTestId("council-report")).not.toContainText("1,419만");
      const delay = page
        .getByTestId("council-rule")
        .filter({ hasText: "delay-damages" })
        .or(page.getByTestId("council-rule").filter({ hasText: "지체상금" }))
        .first();
      await expect(delay.getByTestId("rule-amount")).toContainText("14,196,000");
      await expect(page.getByTestId("council-report")).toContainText("101,111,111");
      await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
      const axe = await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run());
      expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/council-2022-04-${lang}-${width}.png`, fullPage: true });
    }
  });
}

test("a closed month's council PDF is printed once and then answered from what was kept", async ({ page, request }) => {
  // Viewing the page prints its PDF in the background; the download joins that print or reads its file.
  await page.goto(`${BASE}/ko/services/dongbaekjeon/council/2022-04`);
  const url = `${BASE}/api/v1/services/dongbaekjeon/council/2022-04.pdf?lang=ko`;
  const first = await request.get(url, { timeout: 90_000 });
  expect(first.status()).toBe(200);
  const again = await request.get(url, { timeout: 90_000 });
  expect(again.headers()["x-ledger-pdf"]).toBe("kept");
  expect(Buffer.compare(await again.body(), await first.body())).toBe(0);
});

test("the 2022 year view carries April's delay damages into the year's total", async ({ page }) => {
  await page.goto(`${BASE}/ko/services/dongbaekjeon/council/year/2022`);
  const april = page.getByTestId("council-year-row").filter({ hasText: "4월" }).first();
  await expect(april).toContainText("88.75%");
  await expect(april).toContainText("14,196,000");
  await page.screenshot({ path: `${SHOTS}/council-year-2022-ko-1280.png`, fullPage: true });
});

for (const lang of ["ko", "en"] as const) {
  test(`the 2022 service page (${lang}) says the results are reconstructed and that measuring stopped`, async ({ page }) => {
    await page.goto(`${BASE}/${lang}/services/dongbaekjeon`);
    const notice = page.getByTestId("provenance-notice");
    await expect(notice).toContainText(lang === "ko" ? "재구성(보도 기반)" : "Reconstructed from press reports");
    await expect(notice).toContainText("동백전 서버 트래픽 관리 못하는 운영사");
    // the last result is 2022-04-30 23:55 KST: the page says measuring stopped then, not "operational"
    await expect(page.getByTestId("stopped-banner")).toContainText(
      lang === "ko" ? "측정 중단 · 마지막 측정 2022년 4월 30일 23:55" : "Measurements stopped · last measured 2022-04-30 23:55 KST",
    );
    await expect(page.locator(".page-head-state")).not.toContainText(lang === "ko" ? "정상" : "Operational");
  });
}
