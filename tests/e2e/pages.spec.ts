import { mkdirSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import type { AxeResults } from "axe-core";
import { formatMonth } from "@/core/accounting/periods";
import { localParts } from "@/core/time-zone";
import { E2E } from "../../playwright.config";

/**
 * Every public page, as a reader meets it: Korean and English, a 390 px phone and
 * a 1280 px desktop. Each page must declare its language, fit a phone without
 * sideways scrolling, have no serious or critical axe-core findings, and work from
 * the keyboard (the skip link moves focus to the main content, from which Tab
 * reaches the page's main link). Full-page screenshots go to test-results/e2e/pages/.
 *
 * The demo stack has live data for today only, so the council pages use the
 * current month. An outage is made first through the sandbox's admin API (like
 * outage-lifecycle.spec.ts) so the outage page and the outage links have one to show.
 */
const SLUG = "dongbaekjeon";
const SHOTS = "test-results/e2e/pages";
const admin = `http://127.0.0.1:${E2E.sandboxPort + 1}`;
const auth = { authorization: `Bearer ${E2E.sandboxToken}` };
const LANGS = ["ko", "en"] as const;
const WIDTHS = [390, 1280] as const;

const now = localParts(new Date(), "Asia/Seoul");
const month = formatMonth({ year: now.year, month: now.month });
let outageId: number;

type PageDef = { name: string; path: () => string; mainLink: string; check?: (page: Page, lang: "ko" | "en") => Promise<void> };

const PAGES: PageDef[] = [
  { name: "home", path: () => "", mainLink: `[data-testid="service-${SLUG}"] h3 a` },
  {
    name: "service",
    path: () => `/services/${SLUG}`,
    mainLink: '[data-testid="council-link-current"]',
    check: async (page) => {
      await expect(page.locator('[data-testid="outage-link"]').first()).toBeVisible();
      // every chart says the same in text: each function's day bars have a label and a summary
      // sentence (and a table of the days with downtime, when there are any); the latency chart a table
      const history = page.locator(".day-bars");
      expect(await history.count()).toBeGreaterThan(0);
      for (const h of await history.all()) {
        expect(await h.locator('.bars[role="img"]').getAttribute("aria-label")).toBeTruthy();
        await expect(h.locator(".bars-summary")).not.toBeEmpty();
      }
      const latency = page.locator("figure.latency-chart");
      await expect(latency).toHaveAttribute("aria-label", /.+/);
      const table = page.locator(".latency-grid details.text-alt").first();
      await table.locator("summary").click();
      await expect(table.locator("table tbody tr").first()).toBeVisible();
    },
  },
  {
    name: "council-month",
    path: () => `/services/${SLUG}/council/${month}`,
    mainLink: '[data-testid="council-pdf-link"]',
    check: async (page, lang) => {
      const report = page.getByTestId("council-report");
      await expect(report).toHaveAttribute("data-month", month);
      await expect(report).toHaveAttribute("data-partial", "true");
      await expect(page.getByTestId("council-partial")).toBeVisible();
      await expect(page.getByTestId("council-availability-value")).toBeVisible();
      // the demo contract's rules are all illustrative: each shows the badge and none adds to the total
      const rules = page.getByTestId("council-rule");
      expect(await rules.count()).toBeGreaterThan(0);
      for (const rule of await rules.all()) {
        await expect(rule).toHaveAttribute("data-illustrative", "true");
        await expect(rule.getByTestId("badge-illustrative")).toBeVisible();
      }
      await expect(page.getByTestId("council-total-value")).toHaveText(lang === "ko" ? "0원" : "0 KRW");
      await expect(page.getByTestId("council-availability-table")).toBeVisible();
      // the demo contract drops outages shorter than 1 minute, so the list may be empty: its section is there either way
      await expect(page.getByTestId("council-outages-measured")).toBeVisible();
      await expect(page.getByTestId("council-outages-reported")).toBeVisible();
      await expect(page.getByTestId("council-footnote")).toContainText(lang === "ko" ? "1원 미만 절사" : "truncated below 1 won");
    },
  },
  {
    name: "council-year",
    path: () => `/services/${SLUG}/council/year/${now.year}`,
    mainLink: `[data-testid="council-year-row"][data-month="${month}"] a`,
    check: async (page) => {
      await expect(page.getByTestId("council-year-row")).toHaveCount(12);
      await expect(page.locator(`[data-testid="council-year-row"][data-month="${month}"]`)).toHaveAttribute("data-status", "report");
    },
  },
  {
    name: "outage",
    path: () => `/outages/${outageId}`,
    mainLink: `main a[href$="/council/${month}"]`,
    check: async (page) => {
      await expect(page.getByTestId("outage-head")).toHaveAttribute("data-ongoing", "false");
      const timeline = page.getByTestId("outage-timeline");
      await expect(timeline.locator('[data-kind="first_failure"]')).toHaveCount(1);
      await expect(timeline.locator('[data-kind="confirmed"]')).toHaveCount(1);
      await expect(timeline.locator('[data-kind="resolved"]')).toHaveCount(1);
      // the demo configuration alerts the sandbox operator's inbox: the alert is recorded beside the measurements
      await expect(page.getByTestId("statement-alert")).toHaveAttribute("data-alerted", "true");
      await expect(timeline.locator('[data-kind="alerted"]')).toHaveCount(1);
      await expect(page.getByTestId("outage-statements")).toBeVisible();
      await expect(page.getByTestId("outage-evidence").locator('tr[data-state="DOWN"]').first()).toBeAttached();
      // header names only: the bearer token in the demo's authorization header never appears
      await expect(page.getByTestId("outage-probe-headers")).toContainText("authorization");
      expect(await page.content()).not.toContain("sandbox-test-token");
      // the evidence the first failing run kept: the top-up flow's failing step and the 503 body
      const kept = page.locator('[data-testid="failure-evidence"][data-label="first"]');
      await expect(kept.getByTestId("failure-evidence-step")).toHaveText("top-up");
      await expect(kept.getByTestId("failure-evidence-body")).toContainText("SERVICE_UNAVAILABLE");
      await expect(kept.getByTestId("failure-evidence-steps").locator("tr[data-outcome]")).toHaveCount(4);
      const file = await kept.locator('a[href^="/api/v1/evidence/"]').first().getAttribute("href");
      const blob = await page.request.get(file!);
      expect(blob.status()).toBe(200);
      expect(blob.headers()["x-content-type-options"]).toBe("nosniff");
      expect(await blob.text()).toContain("SERVICE_UNAVAILABLE");
    },
  },
  {
    name: "compare",
    path: () => "/compare",
    mainLink: `[data-testid="compare-row"][data-slug="${SLUG}"] th a`,
    check: async (page) => {
      await expect(page.getByTestId("compare-row")).toHaveCount(1);
    },
  },
  { name: "methodology", path: () => "/methodology", mainLink: ".method-toc a" },
];

async function setTopup(request: APIRequestContext, fault: Record<string, unknown> | null) {
  const res = fault
    ? await request.put(`${admin}/admin/faults/topup`, { headers: auth, data: fault })
    : await request.delete(`${admin}/admin/faults`, { headers: auth });
  expect(res.status(), await res.text()).toBe(200);
}

type OutageJson = { outages: { id: number; functionKey: string; endedAt: string | null }[] };

async function closedOutage(request: APIRequestContext): Promise<number | null> {
  const res = await request.get(`/api/v1/services/${SLUG}/outages`);
  if (res.status() !== 200) return null;
  const closed = ((await res.json()) as OutageJson).outages.filter((o) => o.endedAt !== null);
  return closed.at(-1)?.id ?? null;
}

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(150_000);
  mkdirSync(SHOTS, { recursive: true });
  const request = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${E2E.port}` });
  try {
    const existing = await closedOutage(request);
    if (existing !== null) {
      outageId = existing;
      return;
    }
    // 10 s interval, confirmed after 3 failures: down within ~40 s, over within one interval of lifting the fault
    await setTopup(request, { mode: "error", status: 503 });
    await expect
      .poll(async () => ((await (await request.get(`/api/v1/services/${SLUG}/outages`)).json()) as OutageJson).outages.some((o) => o.functionKey === "topup"), {
        timeout: 60_000,
        intervals: [2_000],
      })
      .toBe(true);
    await setTopup(request, null);
    await expect.poll(() => closedOutage(request), { timeout: 40_000, intervals: [2_000] }).not.toBeNull();
    outageId = (await closedOutage(request))!;
  } finally {
    await request.dispose();
  }
});

async function seriousAxeViolations(page: Page): Promise<string[]> {
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

for (const def of PAGES) {
  for (const lang of LANGS) {
    test(`${def.name} (${lang}): language, phone fit, accessibility, keyboard`, async ({ page }) => {
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        const res = await page.goto(`/${lang}${def.path()}`);
        expect(res?.status(), `/${lang}${def.path()}`).toBe(200);
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        await expect(page.locator("main#main")).toBeVisible();
        if (def.check) await def.check(page, lang);

        if (width === 390) {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, "no sideways scrolling on a 390 px phone").toBeLessThanOrEqual(0);
        }
        expect(await seriousAxeViolations(page), `axe-core, ${def.name} ${lang} ${width}px`).toEqual([]);
        await page.screenshot({ path: `${SHOTS}/${def.name}-${lang}-${width}.png`, fullPage: true });
      }

      // Keyboard, from a fresh load: Tab reaches the skip link, Enter moves focus to main, Tab goes on to the main link.
      await page.goto(`/${lang}${def.path()}`);
      await page.keyboard.press("Tab");
      await expect(page.locator(".skip-link")).toBeFocused();
      await page.keyboard.press("Enter");
      await expect(page.locator("main#main")).toBeFocused();
      const target = page.locator(def.mainLink).first();
      let reached = false;
      for (let i = 0; i < 40 && !reached; i++) {
        await page.keyboard.press("Tab");
        reached = await target.evaluate((el) => el === document.activeElement);
      }
      expect(reached, `Tab from main reaches ${def.mainLink}`).toBe(true);
    });
  }
}

test("the header's links are reachable by keyboard", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/ko");
  const wanted = ["/ko/compare", "/ko/methodology"];
  const seen: string[] = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    const href = await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute("href") ?? "");
    seen.push(href);
  }
  for (const href of wanted) expect(seen, `Tab order ${seen.join(" → ")}`).toContain(href);
});

test("the council page's PDF link downloads the report as a PDF", async ({ page, request }) => {
  await page.goto(`/en/services/${SLUG}/council/${month}`);
  const href = await page.getByTestId("council-pdf-link").getAttribute("href");
  expect(href).toBe(`/api/v1/services/${SLUG}/council/${month}.pdf?lang=en`);
  const res = await request.get(href!, { timeout: 90_000 });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  expect(res.headers()["content-disposition"]).toBe(`attachment; filename="${SLUG}-${month}-council.pdf"`);
  expect((await res.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  // With scripts the page fetches the PDF itself, says it is working meanwhile, then hands it over as a download.
  const status = page.getByTestId("council-pdf-status");
  const download = page.waitForEvent("download", { timeout: 90_000 });
  await page.getByTestId("council-pdf-link").click();
  await expect(status).toHaveAttribute("data-state", "preparing");
  await expect(status).toContainText("Preparing the PDF");
  expect((await download).suggestedFilename()).toBe(`${SLUG}-${month}-council.pdf`);
  await expect(status).toHaveAttribute("data-state", "done", { timeout: 90_000 });

  const bad = await request.get(`/api/v1/services/${SLUG}/council/${month}.pdf?lang=fr`);
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_parameter");
});
