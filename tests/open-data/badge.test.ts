import { beforeAll, describe, expect, it } from "vitest";
import { availabilityColor, renderBadge, STATE_COLORS, textWidth } from "@/core/badge-svg";
import { DISPLAY_STATES } from "@/core/function-state";
import { barsAvailability, functionAvailability } from "@/lib/data/badge";
import { getService } from "@/lib/data/services";
import { call, openDataFixture, type Fixture, type SlugRoute } from "./fixture";
import { findAll, parseXml } from "./xml-check";

/** WCAG 2 contrast ratio of a #rrggbb colour against white. */
function contrastWithWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return 1.05 / (l + 0.05);
}

describe("core/badge-svg", () => {
  it("is well-formed, accessible, and escapes label and message", () => {
    const label = `<script>&"'`;
    const svg = renderBadge({ label, message: "a & b < c", color: "#1a7f37" });
    const root = parseXml(svg);
    expect(root.name).toBe("svg");
    expect(root.attrs.role).toBe("img");
    expect(root.attrs["aria-label"]).toBe(`${label}: a & b < c`);
    expect(findAll(root, "title")[0]!.text).toBe(`${label}: a & b < c`);
    const texts = findAll(root, "text").map((t) => t.text);
    expect(texts).toEqual([label, label, "a & b < c", "a & b < c"]);
    expect(svg).not.toContain("<script>");
  });

  it("an attribute-breaking colour cannot inject markup", () => {
    const root = parseXml(renderBadge({ label: "x", message: "y", color: `red" onload="alert(1)` }));
    const rects = findAll(root, "rect");
    expect(rects.some((r) => r.attrs.fill === `red" onload="alert(1)`)).toBe(true);
    expect(rects.every((r) => !("onload" in r.attrs))).toBe(true);
  });

  it.each([
    ["ASCII by Verdana widths", "up", 7.0 + 6.8],
    ["digits and percent", "99.95%", 7 * 4 + 3.5 + 11.8],
    ["Hangul a full em each", "정상", 22],
    ["mixed", "동백전 top-up", 33 + 3.9 + 4.3 + 6.7 + 6.8 + 5 + 7 + 6.8],
    ["unknown characters at the default", "Ω", 7],
  ])("text width: %s", (_name, text, px) => expect(textWidth(text)).toBeCloseTo(px, 1));

  it("the box grows with its text and the text is fitted to it", () => {
    const short = parseXml(renderBadge({ label: "동백전", message: "정상", color: "#000" }));
    const long = parseXml(renderBadge({ label: "동백전 충전 30일", message: "데이터 없음", color: "#000" }));
    expect(Number(long.attrs.width)).toBeGreaterThan(Number(short.attrs.width));
    const [labelText] = findAll(short, "text");
    expect(labelText!.attrs.textLength).toBe("33");
    expect(short.attrs.width).toBe(String(33 + 12 + 22 + 12));
  });

  it("two different badges use different ids (safe to inline together)", () => {
    const a = renderBadge({ label: "a", message: "UP", color: "#000" });
    const b = renderBadge({ label: "b", message: "UP", color: "#000" });
    const idOf = (svg: string) => findAll(parseXml(svg), "clipPath")[0]!.attrs.id;
    expect(idOf(a)).not.toBe(idOf(b));
  });

  it.each([...DISPLAY_STATES])("%s colour has ≥ 4.5:1 contrast with the white text", (s) =>
    expect(contrastWithWhite(STATE_COLORS[s])).toBeGreaterThanOrEqual(4.5),
  );
  it.each([[1], [0.995], [0.96], [0.5], [null]])("availability %s colour has ≥ 4.5:1 contrast", (a) =>
    expect(contrastWithWhite(availabilityColor(a))).toBeGreaterThanOrEqual(4.5),
  );

  it.each([
    ["no measurement is no data, never 100%", [{ downSec: 0, measuredSec: 0 }], null],
    [
      "sums days before dividing",
      [
        { downSec: 0, measuredSec: 86_400 },
        { downSec: 8_640, measuredSec: 86_400 },
      ],
      0.95,
    ],
    [
      "a day without data does not count",
      [
        { downSec: 0, measuredSec: 0 },
        { downSec: 864, measuredSec: 86_400 },
      ],
      0.99,
    ],
  ])("30-day availability: %s", (_n, bars, expected) => expect(barsAvailability(bars)).toBe(expected));
});

describe("GET …/badge.svg", () => {
  let fx: Fixture;
  let badge: SlugRoute;
  beforeAll(async () => {
    fx = await openDataFixture();
    badge = (await import("@/app/api/v1/services/[slug]/badge.svg/route")).GET;
  });
  const get = async (query: string) => {
    const res = await call(badge, `/api/v1/services/${fx.slug}/badge.svg${query}`, fx.slug);
    return { res, svg: res.status === 200 ? parseXml(await res.text()) : null };
  };
  const label = (svg: ReturnType<typeof parseXml> | null) => findAll(svg!, "title")[0]!.text;

  it.each([
    ["?function=topup", `서비스 ${"SLUG"} topup: 장애`, STATE_COLORS.DOWN],
    ["?function=payment&lang=en", `Service ${"SLUG"} payment: Operational`, STATE_COLORS.UP],
    ["?function=balance", `서비스 ${"SLUG"} balance: 데이터 없음`, STATE_COLORS.NO_DATA],
    ["", `서비스 ${"SLUG"}: 장애`, STATE_COLORS.DOWN],
  ])("status %s", async (q, text, color) => {
    const { res, svg } = await get(q);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    expect(label(svg)).toBe(text.replace("SLUG", fx.slug));
    // rects: the clip shape, the label box, the message box, the gloss
    expect(findAll(svg!, "rect")[2]!.attrs.fill).toBe(color);
  });

  it("uptime30d: the daily bars' sums (payment never failed: 100%; topup lost 6 + ongoing runs)", async () => {
    expect(label((await get("?function=payment&kind=uptime30d&lang=en")).svg)).toBe(`Service ${fx.slug} payment 30d: 100.00%`);
    const topup = label((await get("?function=topup&kind=uptime30d")).svg);
    expect(topup).toMatch(new RegExp(`^서비스 ${fx.slug} topup 30일: 9\\d\\.\\d\\d%$`));
    expect(label((await get("?function=balance&kind=uptime30d")).svg)).toBe(`서비스 ${fx.slug} balance 30일: 데이터 없음`);
  });

  it("uptime30d is the service page's last 30 daily bars, summed", async () => {
    const now = new Date();
    const page = await getService(fx.db, fx.slug, now);
    const bars = page!.days.find((d) => d.functionKey === "topup")!.bars.slice(-30);
    const fromPage = barsAvailability(bars);
    expect(fromPage).not.toBeNull();
    expect(fromPage!).toBeLessThan(1);
    // the page rounds each bar to whole seconds; the badge keeps them exact
    expect(await functionAvailability(fx.db, fx.slug, "topup", 30, now)).toBeCloseTo(fromPage!, 3);
  });

  it("escapes a service name full of markup", async () => {
    await fx.db.service.update({ where: { slug: fx.slug }, data: { name: `동백전 <b>&"'` } });
    const { svg } = await get("?function=payment");
    expect(label(svg)).toBe(`동백전 <b>&"' payment: 정상`);
  });

  it.each([
    ["?kind=uptime", "kind"],
    ["?lang=jp", "lang"],
    ["?kind=uptime30d", "function"],
    ["?function=<x>", "function"],
  ])("%s → 400 naming %s", async (q, parameter) => {
    const { res } = await get(q);
    expect(res.status).toBe(400);
    expect((await res.json()).error.parameter).toBe(parameter);
  });

  it("unknown service or function → 404", async () => {
    expect((await call(badge, "/api/v1/services/nope/badge.svg", "nope")).status).toBe(404);
    const { res } = await get("?function=refund");
    expect(res.status).toBe(404);
    expect((await res.json()).error.parameter).toBe("function");
  });
});
