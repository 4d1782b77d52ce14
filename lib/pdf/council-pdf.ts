import type { ServiceReport } from "@/core/accounting/report-types";
import type { Lang } from "@/lib/i18n";
import { chromium } from "playwright-core";
import { councilHtml } from "./council-html";

/**
 * The council report as an A4 PDF: the report rendered to HTML without the Next
 * server, printed by Debian's Chromium. One browser at a time (a promise queue),
 * so a burst of downloads costs the memory of one browser, and the browser is
 * always closed, even when printing fails.
 */
export const CHROMIUM_PATH = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let queue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

export type PdfOptions = { executablePath?: string; timeoutMs?: number };

export function councilPdf(report: ServiceReport, lang: Lang, opts: PdfOptions = {}): Promise<Buffer> {
  return oneAtATime(() => printPdf(councilHtml(report, lang), footer(report, lang), opts));
}

async function printPdf(html: string, footerTemplate: string, opts: PdfOptions): Promise<Buffer> {
  const timeout = opts.timeoutMs ?? 60_000;
  const browser = await chromium.launch({ executablePath: opts.executablePath ?? CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, timeout });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(timeout);
    // The document is self-contained: nothing should leave the machine while printing.
    await page.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      margin: { top: "14mm", right: "12mm", bottom: "16mm", left: "12mm" },
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate,
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}

function footer(report: ServiceReport, lang: Lang): string {
  const name = escapeHtml(lang === "ko" ? report.service.name : report.service.nameEn);
  return `<div style="font-family:'Noto Sans CJK KR',sans-serif;font-size:7.5px;color:#4f5863;width:100%;padding:0 12mm;display:flex;justify-content:space-between"><span>${name} · ${escapeHtml(report.period.month)} · Uptime Ledger</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
