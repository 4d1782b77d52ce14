import { expect, test, type APIRequestContext } from "@playwright/test";
import { SLUG, setTopup } from "./e2e-helpers";

/**
 * An outage confirmed shows on a reader's open service page, and on its penalty meter, within 2 s of its
 * confirmation, without a reload: the confirming result is stored at once, the edge renders the open
 * pages again and tells them through GET /api/v1/changes, and they refresh from the cache.
 */
type Outage = { functionKey: string; endedAt: string | null; confirmedAt: string | null };
const OUTAGES = `/api/v1/services/${SLUG}/outages`;
const openTopup = async (request: APIRequestContext): Promise<Outage | null> => {
  const body = (await (await request.get(OUTAGES)).json()) as { outages: Outage[] };
  return body.outages.find((o) => o.functionKey === "topup" && o.endedAt === null) ?? null;
};
type Seen = { down?: number; meter?: number; line?: number; changes: number[]; loads: number };
type Meter = { openOutage: boolean; lines: { ruleId: string }[]; openOutages: { functionKey: string; startedAt: string; countsFrom: string | null }[] };

test("an outage confirmed shows on an open service page and its penalty meter within 2 s, without a reload", async ({ page, request }) => {
  test.setTimeout(180_000);
  await setTopup(request, null);
  await expect.poll(() => openTopup(request), { timeout: 60_000, intervals: [2_000] }).toBeNull();

  // What the page hears on its change stream, and when the outage and the meter appear in it.
  await page.addInitScript(() => {
    const w = window as unknown as { __seen: Seen; EventSource: typeof EventSource };
    const stored = sessionStorage.getItem("loads");
    sessionStorage.setItem("loads", String(Number(stored ?? 0) + 1));
    w.__seen = { changes: [], loads: Number(stored ?? 0) + 1 };
    const Original = w.EventSource;
    w.EventSource = class extends Original {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener("change", () => w.__seen.changes.push(Date.now()));
      }
    };
    const mark = () => {
      if (!w.__seen.down && document.querySelector('[data-testid="function-dongbaekjeon-topup"][data-state="DOWN"]')) w.__seen.down = Date.now();
      if (!w.__seen.meter && document.querySelector('[data-testid="meter-open-outage"][data-function="topup"]')) w.__seen.meter = Date.now();
      if (!w.__seen.line && document.querySelector('[data-testid="meter-line"][data-rule="recovery-time"]')) w.__seen.line = Date.now();
    };
    document.addEventListener("DOMContentLoaded", () => {
      mark();
      new MutationObserver(mark).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
  });
  // what the page fetched and when, written out if the outage shows late
  const fetched: string[] = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "fetch" || r.url().includes("_rsc"))
      fetched.push(`${Date.now()} ${r.status()} ${r.headers()["x-cache"] ?? "-"} ${r.url().replace(/^https?:\/\/[^/]+/, "")}`);
  });
  await page.goto(`/ko/services/${SLUG}`);
  await expect(page.getByTestId(`function-${SLUG}-topup`)).toHaveAttribute("data-state", "UP");

  await setTopup(request, { mode: "error", status: 503 });
  try {
    const seen = () => page.evaluate(() => (window as unknown as { __seen: Seen }).__seen);
    await expect.poll(async () => (await seen()).meter ?? null, { timeout: 90_000, intervals: [200] }).not.toBeNull();
    const s = await seen();
    const outage = await openTopup(request);
    expect(outage?.confirmedAt, "the open top-up outage").toBeTruthy();
    const confirmed = Date.parse(outage!.confirmedAt!);
    // the page was never reloaded: it heard of the change and refreshed itself
    expect(s.loads).toBe(1);
    expect(s.changes.length).toBeGreaterThanOrEqual(1);
    const firstChange = s.changes.find((t) => t >= confirmed)!;
    expect(firstChange - confirmed, "the change was announced").toBeLessThanOrEqual(2_000);
    expect(
      s.down! - confirmed,
      `the top-up card says 장애 (confirmed ${confirmed}, change ${s.changes.join(",")}, shown ${s.down}; fetched:\n${fetched.join("\n")})`,
    ).toBeLessThanOrEqual(2_000);
    expect(s.meter! - confirmed, "the meter shows the open outage").toBeLessThanOrEqual(2_000);

    // GET …/meter answers it too. The demo contract counts an outage from its first minute on (minOutage 1m):
    // confirmed after ~20 s it is not downtime yet, and the meter says from when it will be.
    const meter = (await (await request.get(`/api/v1/services/${SLUG}/meter`)).json()) as Meter;
    const open = meter.openOutages.find((o) => o.functionKey === "topup");
    expect(open).toBeTruthy();
    const countsFrom = Date.parse(open!.startedAt) + 60_000;
    if (Date.now() < countsFrom - 1_000) {
      expect(open!.countsFrom).toBe(new Date(countsFrom).toISOString());
      await expect(page.locator('[data-testid="meter-open-outage"][data-function="topup"]')).toHaveAttribute("data-counted", "false");
      // what a reader sees then, on a desk and on a phone, in both languages
      await page.locator(".meter-panel").screenshot({ path: "test-results/e2e/live/meter-open-ko-1280.png" });
      const phone = await page.context().newPage();
      await phone.setViewportSize({ width: 390, height: 844 });
      for (const lang of ["ko", "en"]) {
        await phone.goto(`/${lang}/services/${SLUG}`);
        await phone.locator(".meter-panel").screenshot({ path: `test-results/e2e/live/meter-open-${lang}-390.png` });
      }
      await phone.close();
    }
    // Once it has lasted the minimum, the recovery-time rule prices it: on the page within a refresh.
    await expect.poll(async () => (await seen()).line ?? null, { timeout: 90_000, intervals: [500] }).not.toBeNull();
    // Nothing announces a minute passing: the page's next tick (10 s) brings it, from a copy at most the edge's
    // bound (5 s) behind the stored results, plus a render: 10 + 5 + 2 s at most.
    expect((await seen()).line! - countsFrom).toBeLessThanOrEqual(17_000);
    const later = (await (await request.get(`/api/v1/services/${SLUG}/meter`)).json()) as Meter;
    expect(later.openOutage).toBe(true);
    expect(later.lines.map((l) => l.ruleId)).toContain("recovery-time");
    expect(later.openOutages.find((o) => o.functionKey === "topup")?.countsFrom).toBeNull();
  } finally {
    await setTopup(request, null);
    await expect.poll(() => openTopup(request), { timeout: 60_000, intervals: [2_000] }).toBeNull();
  }
});
