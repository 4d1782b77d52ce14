import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import type { AxeResults } from "axe-core";
import { E2E } from "../../playwright.config";

/**
 * The April 2022 changeover on the real site (the 2022 record, replayed with `?at=`):
 * the readiness panel before go-live, and the penalty meter counting up to 14,196,000원.
 *
 *   delay damages: 3,640,000,000 × 1.3/1000 = 4,732,000원 a late day; deadline 04-01 14:00 KST;
 *   at 04-02 12:00 one late day (4,732,000원); from 04-04 00:00 three (14,196,000원)
 */
const BASE = `http://127.0.0.1:${E2E.recordPort}`;
const SHOTS = "test-results/e2e/changeover-2022";

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
  const axe = await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run());
  return axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}

for (const lang of ["ko", "en"] as const) {
  test(`readiness before go-live and the penalty meter (${lang})`, async ({ page }) => {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      // 2022-03-15: top-up and payment have never answered; balance since 02-20
      await page.goto(`${BASE}/${lang}/services/dongbaekjeon?at=${encodeURIComponent("2022-03-15T12:00:00+09:00")}`);
      const panel = page.getByTestId("changeover-panel");
      await expect(panel).toBeVisible();
      await expect(panel.locator('[data-testid="readiness-row"][data-function="payment"]')).toHaveAttribute("data-state", "not_ready");
      await expect(panel.locator('[data-testid="readiness-row"][data-function="balance"]')).toHaveAttribute("data-state", "ready");
      await expect(panel.locator('[data-testid="readiness-row"][data-function="balance"]')).toContainText(
        lang === "ko" ? "2022년 2월 20일 00:00" : "2022-02-20 00:00",
      );
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/readiness-${lang}-${width}.png`, fullPage: true });

      // 04-02 12:00: one late day so far, the next at midnight
      await page.goto(`${BASE}/${lang}/services/dongbaekjeon?at=${encodeURIComponent("2022-04-02T12:00:00+09:00")}`);
      const delay = page.locator('[data-testid="meter-line"][data-rule="delay-damages"]');
      await expect(delay).toHaveAttribute("data-amount", "4732000");
      await expect(delay).toContainText("9,464,000");
      await expect(page.getByTestId("changeover-go-live")).toContainText(lang === "ko" ? "개통 기한이 지났습니다" : "The go-live deadline has passed");
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/meter-${lang}-${width}.png`, fullPage: true });
    }
  });
}

test("the meter counts to 14,196,000원 without a reload", async ({ page }) => {
  // from 04-03 23:59:50 at 60× : the midnight step comes about 10 s of page time later
  await page.goto(`${BASE}/ko/services/dongbaekjeon?at=${encodeURIComponent("2022-04-03T23:59:50+09:00")}&speed=60`);
  const delay = page.locator('[data-testid="meter-line"][data-rule="delay-damages"]');
  await expect(delay).toHaveAttribute("data-amount", "9464000");
  await expect(delay).toHaveAttribute("data-amount", "14196000", { timeout: 30_000 });
  await expect(page.getByTestId("meter-total")).toContainText("14,196,000원");
});
