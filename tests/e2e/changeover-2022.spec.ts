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
  return axe.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
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

test("a replayed instant shows on the whole page: header time, function cards, bars, outage list, go-live", async ({ page }) => {
  const at = (iso: string) => `${BASE}/en/services/dongbaekjeon?at=${encodeURIComponent(iso)}`;
  const topup = page.getByTestId("function-dongbaekjeon-topup");
  const topupOutages = page.locator('[data-testid="outage-row"][data-function="topup"]');

  // 04-02 12:00 KST: top-up has been failing since 04-01 00:00 and the new operator has not gone live
  await page.goto(at("2022-04-02T12:00:00+09:00"));
  await expect(page.getByTestId("updated-line")).toHaveAttribute("data-as-of", "2022-04-02T03:00:00.000Z");
  await expect(topup).toHaveAttribute("data-state", "DOWN");
  // the outage that ended on 04-04 was still open then, and nothing that began later is listed
  await expect(topupOutages.first()).toHaveAttribute("data-ongoing", "true");
  // the newest daily bar is 04-02 (its day), not today
  await expect(page.locator("tr[data-date]").first()).toHaveAttribute("data-date", "2022-04-02");
  await expect(page.getByTestId("changeover-go-live")).toContainText("The go-live deadline has passed");

  // 04-05 12:00 KST: reopened on 04-04 09:00; the outage is over
  await page.goto(at("2022-04-05T12:00:00+09:00"));
  await expect(page.getByTestId("updated-line")).toHaveAttribute("data-as-of", "2022-04-05T03:00:00.000Z");
  await expect(topup).toHaveAttribute("data-state", "UP");
  await expect(topupOutages.first()).toHaveAttribute("data-ongoing", "false");
  await expect(page.locator("tr[data-date]").first()).toHaveAttribute("data-date", "2022-04-05");
});

test("the meter counts to 14,196,000원 without a reload", async ({ page }) => {
  // from 04-03 23:59:50 at 60× : the midnight step comes about 10 s of page time later
  await page.goto(`${BASE}/ko/services/dongbaekjeon?at=${encodeURIComponent("2022-04-03T23:59:50+09:00")}&speed=60`);
  const delay = page.locator('[data-testid="meter-line"][data-rule="delay-damages"]');
  await expect(delay).toHaveAttribute("data-amount", "9464000");
  await expect(delay).toHaveAttribute("data-amount", "14196000", { timeout: 30_000 });
  await expect(page.getByTestId("meter-total")).toContainText("14,196,000원");
});

test("a replay at 3600× says it is a replay and its meter only grows, across the page's auto-refreshes, to the late days' damages", async ({ page }) => {
  test.setTimeout(150_000);
  // from 04-01 13:00 KST at 3600×: the deadline (14:00) passes after 1 s, 04-02 00:00 after 11 s (one late day),
  // 04-04 00:00 after 59 s (three: 3 × 4,732,000 = 14,196,000원); the page re-renders itself every 10 s meanwhile
  await page.goto(`${BASE}/ko/services/dongbaekjeon?at=${encodeURIComponent("2022-04-01T13:00:00+09:00")}&speed=3600`);
  await expect(page.getByTestId("replay-banner")).toContainText("지난 시각 다시 보기 · 2022년 4월 1일 13:00");
  const delay = page.locator('[data-testid="meter-line"][data-rule="delay-damages"]');
  const seen: number[] = [];
  await expect
    .poll(
      async () => {
        const amount = Number((await delay.getAttribute("data-amount").catch(() => null)) ?? 0);
        seen.push(amount);
        return amount;
      },
      { timeout: 110_000, intervals: [1_000] },
    )
    .toBe(14_196_000);
  // the whole page moved with it: the address and the header name the instant reached (past 04-04 00:00 KST)
  expect(Date.parse((await page.getByTestId("updated-line").getAttribute("data-as-of"))!)).toBeGreaterThanOrEqual(
    Date.parse("2022-04-04T00:00:00+09:00") - 20 * 3_600_000,
  );
  expect(new URL(page.url()).searchParams.get("at")).not.toBe("2022-04-01T13:00:00+09:00");
  // never back: each amount seen is at least the one before
  expect(
    seen.every((a, i) => i === 0 || a >= seen[i - 1]!),
    seen.join(", "),
  ).toBe(true);
  expect(new Set(seen)).toContain(4_732_000);
});
