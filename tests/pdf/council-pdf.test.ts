import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ServiceReport } from "@/core/accounting/report-types";
import { loadConfig } from "@/lib/config/load-config";
import { councilHtml } from "@/lib/pdf/council-html";
import { councilPdf } from "@/lib/pdf/council-pdf";
import { fileReport } from "@/lib/reports/file-report";
import { pdfPageTexts } from "./pdf-text";

/**
 * The council PDF of the April 2022 example, built from the results file without
 * a database or a server: it must carry the figures of the worked example (README.md,
 * docs/methodology.md: 14,196,000 won of delay damages, 88.75% availability) on its
 * first page, in both languages.
 */
const OUT = "test-results/pdf";
const EXAMPLE = "examples/dongbaekjeon-2022";
// A fixed "as of" after the month: the report is for a closed month, whatever day the test runs.
const AS_OF = new Date("2026-01-01T00:00:00Z");

let report: ServiceReport;

beforeAll(async () => {
  const config = loadConfig(EXAMPLE, { SANDBOX_URL: "http://127.0.0.1:9" });
  report = await fileReport({ config, file: path.join(EXAMPLE, "results.jsonl.gz"), slug: "dongbaekjeon", month: { year: 2022, month: 4 }, asOf: AS_OF });
  mkdirSync(OUT, { recursive: true });
});

describe("council HTML", () => {
  it("is one self-contained document with the report's figures and the Korean font", () => {
    const html = councilHtml(report, "ko");
    expect(html.startsWith('<!doctype html><html lang="ko">')).toBe(true);
    expect(html).toContain("14,196,000원");
    expect(html).toContain("88.75%");
    // reconstructed from press reports, never shown as measured: the label and the article
    expect(html).toContain("재구성(보도 기반) · 측정값이 아닙니다");
    expect(html).toContain("동백전 서버 트래픽 관리 못하는 운영사");
    expect(html).not.toContain("측정된 장애");
    expect(html).toContain('"Noto Sans CJK KR"');
    // no next/* runtime and nothing fetched: no scripts, no external stylesheets
    expect(html).not.toMatch(/<script|<link /);
  });
});

describe("council PDF", () => {
  it.each(["ko", "en"] as const)(
    "prints the April 2022 report in %s with the owed amount and availability on page 1",
    async (lang) => {
      const pdf = await councilPdf(report, lang);
      writeFileSync(path.join(OUT, `dongbaekjeon-2022-04-council-${lang}.pdf`), pdf);
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      // Hangul is drawn with Noto Sans CJK KR (Debian's fonts-noto-cjk), its glyphs carried in the file
      // (Chromium writes the CFF font as Type 3 glyph procedures): no missing-glyph boxes on another machine.
      expect(pdf.toString("latin1")).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansCJKkr-Regular/);

      const pages = pdfPageTexts(pdf);
      expect(pages.length).toBeGreaterThanOrEqual(2);
      const first = pages[0]!;
      expect(first).toContain("14,196,000");
      expect(first).toContain("88.75%");
      expect(first).toContain(lang === "ko" ? "재구성(보도 기반)" : "Reconstructed from press reports");
      expect(first).toContain(lang === "ko" ? "1,419만 6,000원" : "14,196,000 KRW");
      // the illustrative rules are shown apart from what is owed
      expect(first).toContain(lang === "ko" ? "예시 (청구 금액 아님)" : "Illustrative — not owed");
      const all = pages.join("\n");
      expect(all).toContain(lang === "ko" ? "1원 미만 절사" : "truncated below 1 won");
      expect(all).toContain("3,640,000,000");
    },
    90_000,
  );

  it("prints one document at a time and closes every browser", async () => {
    const [a, b] = await Promise.all([councilPdf(report, "ko"), councilPdf(report, "en")]);
    expect(a.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(b.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  }, 120_000);

  it("fails cleanly when the browser cannot start", async () => {
    await expect(councilPdf(report, "ko", { executablePath: "/nonexistent/chromium" })).rejects.toThrow();
    // the queue keeps working after a failure
    const pdf = await councilPdf(report, "ko");
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  }, 90_000);
});
