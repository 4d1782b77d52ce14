/**
 * Pictures of the council PDF's pages for docs/screenshots/, at about 60 dpi
 * (like `pdftoppm -png -r 60`, which this machine does not have). Run after
 * `npx vitest run tests/pdf`, which writes the PDFs:
 *
 *   npx tsx tests/pdf/write-pdf-screenshots.ts
 */
import { existsSync, mkdirSync } from "node:fs";
import { pdfPagesToPng } from "./pdf-pages";

const OUT = "docs/screenshots";
mkdirSync(OUT, { recursive: true });
for (const lang of ["ko", "en"]) {
  const pdf = `test-results/pdf/dongbaekjeon-2022-04-council-${lang}.pdf`;
  if (!existsSync(pdf)) throw new Error(`${pdf} is missing: run npx vitest run tests/pdf first`);
  const files = await pdfPagesToPng(pdf, `${OUT}/council-pdf-2022-04-${lang}`, { width: 496 });
  process.stdout.write(`${files.join("\n")}\n`);
}
