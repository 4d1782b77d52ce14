import { pathToFileURL } from "node:url";
import { chromium, type Page } from "playwright-core";
import { pdfPageTexts } from "./pdf-text";
import { readFileSync, writeFileSync } from "node:fs";

/**
 * PNG pictures of a PDF's pages without poppler: Chromium's own PDF viewer shows
 * each page fitted to the window and we take a screenshot. `width` is in CSS
 * pixels (496 ≈ A4 at 60 dpi, like `pdftoppm -r 60`).
 */
export async function pdfPagesToPng(pdfPath: string, outPrefix: string, opts: { width?: number; pages?: number } = {}): Promise<string[]> {
  const width = opts.width ?? 496;
  const height = Math.round(width * Math.SQRT2);
  const count = opts.pages ?? pdfPageTexts(readFileSync(pdfPath)).length;
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    headless: true,
  });
  const files: string[] = [];
  try {
    for (let n = 1; n <= count; n++) {
      const page = await browser.newPage({ viewport: { width, height } });
      try {
        await page.goto(`${pathToFileURL(pdfPath).href}#toolbar=0&navpanes=0&view=Fit&page=${n}`);
        const file = `${outPrefix}-p${n}.png`;
        writeFileSync(file, await settledScreenshot(page));
        files.push(file);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  return files;
}

/**
 * The viewer paints asynchronously and signals nothing when a page is drawn, so
 * poll: the picture is ready when it is no longer blank (a blank PNG compresses
 * to a few KB) and two shots in a row are identical.
 */
async function settledScreenshot(page: Page, timeoutMs = 20_000): Promise<Buffer> {
  const deadline = Date.now() + timeoutMs;
  let previous: Buffer | null = null;
  for (;;) {
    const shot = await page.screenshot();
    if (shot.length > 15_000 && previous?.equals(shot)) return shot;
    if (Date.now() > deadline) return shot;
    previous = shot;
    await new Promise((r) => setTimeout(r, 400));
  }
}
