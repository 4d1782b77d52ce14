import { expect, test, type Page } from "@playwright/test";
import { formatMonth } from "@/core/accounting/periods";
import { localParts } from "@/core/time-zone";
import { E2E } from "../../playwright.config";
import { SLUG, ensureAccounts, ensureClosedOutage, signIn } from "./e2e-helpers";
import { languageFindings, type Lang } from "./page-text";

/**
 * Korean pages are Korean and English pages are English: every public page's visible text
 * (details opened, so tables folded away count too) has no run of three or more English words on
 * a Korean page, no Hangul on an English page, and no ISO instant on either. Code elements (an
 * engine's raw message, an error class), URLs, the names in page-text.ts and anything marked with
 * another `lang` (an operator's statement quoted as written) are left out.
 */
const now = localParts(new Date(), "Asia/Seoul");
const month = formatMonth({ year: now.year, month: now.month });
let outageId = 0;

const PATHS: { name: string; path: () => string; status?: number }[] = [
  { name: "home", path: () => "" },
  { name: "service", path: () => `/services/${SLUG}` },
  { name: "outage", path: () => `/outages/${outageId}` },
  { name: "council-month", path: () => `/services/${SLUG}/council/${month}` },
  { name: "council-year", path: () => `/services/${SLUG}/council/year/${now.year}` },
  { name: "compare", path: () => "/compare" },
  { name: "methodology", path: () => "/methodology" },
  { name: "sign-in", path: () => "/sign-in" },
  { name: "audit", path: () => "/audit" },
  { name: "subscription-sent", path: () => `/subscriptions?service=${SLUG}&step=sent` },
  { name: "subscription-confirm", path: () => "/subscriptions/confirm?token=no-such-token" },
  { name: "not-found", path: () => "/no-such-page", status: 404 },
];

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(150_000);
  const request = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${E2E.port}` });
  try {
    outageId = await ensureClosedOutage(request);
  } finally {
    await request.dispose();
  }
});

/** The page's visible text, one segment per text node, leaving out code, hidden parts and other-language parts. */
async function visibleSegments(page: Page, lang: Lang): Promise<string[]> {
  return page.evaluate((pageLang) => {
    for (const d of document.querySelectorAll("details")) d.open = true;
    const skip = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "CODE", "PRE", "KBD", "SAMP"]);
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? "";
      if (!text.trim()) continue;
      const el = n.parentElement;
      let keep = true;
      for (let a = el; a && a !== document.body; a = a.parentElement) {
        const l = a.getAttribute("lang");
        if (skip.has(a.tagName) || (l && l !== pageLang)) {
          keep = false;
          break;
        }
      }
      if (!keep || !el) continue;
      // text rendered nowhere is skipped; visually hidden text (for screen readers) is read too
      if (!el.checkVisibility({ checkVisibilityCSS: true }) && el.getClientRects().length === 0) continue;
      out.push(text);
    }
    return out;
  }, lang);
}

for (const def of PATHS) {
  for (const lang of ["ko", "en"] as const) {
    test(`${def.name} (${lang}) is written in ${lang === "ko" ? "Korean" : "English"}, with no ISO instants`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 900 });
      const res = await page.goto(`/${lang}${def.path()}`);
      expect(res?.status()).toBe(def.status ?? 200);
      const findings = languageFindings(await visibleSegments(page, lang), lang);
      expect(findings, `/${lang}${def.path()}`).toEqual([]);
    });
  }
}

/** Pages behind sign-in: the operator's desk and the administration, read as the role that may see them. */
const SIGNED_IN: { name: string; who: "admin" | "operator"; path: string }[] = [
  { name: "desk (operator)", who: "operator", path: "/desk" },
  { name: "desk (admin)", who: "admin", path: "/desk" },
  { name: "admin users", who: "admin", path: "/admin/users" },
  { name: "admin disputes", who: "admin", path: "/admin/disputes" },
  { name: "admin deliveries", who: "admin", path: "/admin/deliveries" },
  { name: "admin agents", who: "admin", path: "/admin/agents" },
];

for (const who of ["operator", "admin"] as const) {
  for (const lang of ["ko", "en"] as const) {
    test(`signed-in pages of the ${who} (${lang}) are written in ${lang === "ko" ? "Korean" : "English"}, with no ISO instants`, async ({ page }) => {
      test.setTimeout(180_000);
      ensureAccounts();
      await page.setViewportSize({ width: 1280, height: 900 });
      await signIn(page, who, lang);
      for (const def of SIGNED_IN.filter((d) => d.who === who)) {
        const res = await page.goto(`/${lang}${def.path}`);
        expect(res?.status(), def.name).toBe(200);
        const findings = languageFindings(await visibleSegments(page, lang), lang);
        expect(findings, `/${lang}${def.path}`).toEqual([]);
      }
    });
  }
}
