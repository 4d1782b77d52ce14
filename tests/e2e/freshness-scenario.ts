import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { SLUG, setTopup } from "./e2e-helpers";

/**
 * The first reader after a quiet spell sees the outage. A reader loads the public surfaces; nobody reads
 * for 40 s; top-up starts failing; a minute later (three failures at a 10 s interval confirm an outage)
 * the *first* read of each surface shows the open top-up outage and says it was built at most 15 s ago.
 * Nothing is read in between, so no earlier read can have refreshed a copy for it: what answers is the
 * edge's bound on how far a copy may lag the stored results.
 */
const BOUND_SEC = 15;
const SURFACES = {
  ko: "/ko",
  en: "/en",
  services: "/api/v1/services",
  outages: `/api/v1/services/${SLUG}/outages`,
  badge: `/api/v1/services/${SLUG}/badge.svg?function=topup&lang=en`,
  feed: `/api/v1/services/${SLUG}/feed.atom`,
};

/** How old the answer says it is, in seconds: Last-Modified, or generatedAt in JSON, against the clock now. */
function ageSec(headers: Record<string, string>, generatedAt?: string): number {
  const built = generatedAt ? Date.parse(generatedAt) : Date.parse(headers["last-modified"] ?? "");
  expect(Number.isNaN(built), "the answer says when it was built").toBe(false);
  return (Date.now() - built) / 1000;
}

async function outagesOpen(request: APIRequestContext): Promise<number> {
  const res = await request.get(SURFACES.outages);
  const body = (await res.json()) as { outages: { functionKey: string; endedAt: string | null }[] };
  return body.outages.filter((o) => o.functionKey === "topup" && o.endedAt === null).length;
}

/**
 * The scenario, read through `read` (the instance itself, or nginx in front of a group); `control` reaches
 * the instance directly, to set faults and wait for the outage to end.
 */
export async function firstReadAfterQuietSpell(page: Page, read: APIRequestContext, control: APIRequestContext, base: string): Promise<void> {
  const request = read;
  await setTopup(control, null);
  await expect.poll(() => outagesOpen(control), { timeout: 60_000, intervals: [2_000] }).toBe(0);
  // a reader loads every surface: each is now a copy in the edge's cache
  await page.goto(`${base}${SURFACES.ko}`);
  await page.goto(`${base}${SURFACES.en}`);
  for (const path of Object.values(SURFACES).slice(2)) expect((await request.get(path)).status(), path).toBe(200);
  await page.close();

  await new Promise((r) => setTimeout(r, 40_000));
  await setTopup(control, { mode: "error", status: 503 });
  await new Promise((r) => setTimeout(r, 60_000));

  try {
    // the first read of each, one after another
    const ko = await request.get(SURFACES.ko);
    const koHtml = await ko.text();
    expect(koHtml).toMatch(new RegExp(`data-testid="function-${SLUG}-topup"[^>]*data-state="DOWN"`));
    expect(ageSec(ko.headers())).toBeLessThanOrEqual(BOUND_SEC);

    const en = await request.get(SURFACES.en);
    expect(await en.text()).toMatch(new RegExp(`data-testid="function-${SLUG}-topup"[^>]*data-state="DOWN"`));
    expect(ageSec(en.headers())).toBeLessThanOrEqual(BOUND_SEC);

    const services = await request.get(SURFACES.services);
    const sj = (await services.json()) as {
      generatedAt: string;
      services: { slug: string; openOutages: number; functions?: { key: string; state: string }[] }[];
    };
    const svc = sj.services.find((s) => s.slug === SLUG)!;
    expect(svc.openOutages).toBeGreaterThanOrEqual(1);
    expect(ageSec(services.headers(), sj.generatedAt)).toBeLessThanOrEqual(BOUND_SEC);

    const outages = await request.get(SURFACES.outages);
    const oj = (await outages.json()) as { generatedAt: string; outages: { functionKey: string; endedAt: string | null }[] };
    expect(oj.outages.filter((o) => o.functionKey === "topup" && o.endedAt === null)).toHaveLength(1);
    expect(ageSec(outages.headers(), oj.generatedAt)).toBeLessThanOrEqual(BOUND_SEC);

    const badge = await request.get(SURFACES.badge);
    expect(await badge.text()).toContain("Outage");
    expect(ageSec(badge.headers())).toBeLessThanOrEqual(BOUND_SEC);

    const feed = await request.get(SURFACES.feed);
    expect(await feed.text()).toContain("진행 중/ongoing");
    expect(ageSec(feed.headers())).toBeLessThanOrEqual(BOUND_SEC);
  } finally {
    await setTopup(control, null);
    await expect.poll(() => outagesOpen(control), { timeout: 60_000, intervals: [2_000] }).toBe(0);
  }
}
